package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// Done is what an earlier run left in its output file: the number of complete
// lines (line N answers input line N), the last line's article ID, and every
// article ID written, so a resumed run still refuses repeated IDs.
type Done struct {
	Lines  int64
	LastID string
	IDs    map[string]int64
	// Truncated is the size of a partial last line (the run was killed while
	// writing it) that Recover cut off; that line is redone.
	Truncated int64
}

// Recover reads the output of an interrupted run, cuts off a partial last line
// and leaves f positioned at its end, ready for appending. Every complete line
// must be a record whose "line" is its own line number: anything else means the
// file is not this command's output (or was edited), and resuming would lose or
// duplicate articles, so Recover refuses.
func Recover(f *os.File) (Done, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return Done{}, fmt.Errorf("batch: resume: %w", err)
	}
	d := Done{IDs: make(map[string]int64)}
	r := bufio.NewReaderSize(f, 256<<10)
	var offset int64 // where the current line starts
	var line []byte
	for {
		chunk, err := r.ReadSlice('\n')
		line = append(line, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Done{}, fmt.Errorf("batch: resume: read %s: %w", f.Name(), err)
		}
		num, id, perr := recordKey(line)
		if perr != nil || num != d.Lines+1 {
			return Done{}, fmt.Errorf("batch: resume: %s line %d is not the record for input line %d (%v); is it this command's output?", f.Name(), d.Lines+1, d.Lines+1, perrOr(perr, num))
		}
		d.Lines++
		d.LastID = id
		if id != "" {
			d.IDs[id] = num
		}
		offset += int64(len(line))
		line = line[:0]
	}
	if len(line) > 0 {
		d.Truncated = int64(len(line))
		if err := f.Truncate(offset); err != nil {
			return Done{}, fmt.Errorf("batch: resume: cut partial last line of %s: %w", f.Name(), err)
		}
	}
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return Done{}, fmt.Errorf("batch: resume: %w", err)
	}
	return d, nil
}

func perrOr(err error, num int64) any {
	if err != nil {
		return err
	}
	return fmt.Sprintf("it says line %d", num)
}

// recordKey reads "line" and "id", the first two keys of a record, without
// decoding the rest of the line (which may be megabytes of claims).
func recordKey(line []byte) (num int64, id string, err error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return 0, "", fmt.Errorf("not a JSON object")
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return 0, "", err
		}
		v, err := dec.Token()
		if err != nil {
			return 0, "", err
		}
		switch k {
		case "line":
			n, ok := v.(json.Number)
			if !ok {
				return 0, "", fmt.Errorf("\"line\" is not a number")
			}
			if num, err = n.Int64(); err != nil {
				return 0, "", err
			}
		case "id":
			s, ok := v.(string)
			if !ok {
				return 0, "", fmt.Errorf("\"id\" is not a string")
			}
			return num, s, nil
		default:
			return num, "", nil // records without an id carry "line" then another key
		}
	}
	return num, "", nil
}
