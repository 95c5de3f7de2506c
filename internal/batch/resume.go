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
	// Claims is the number of claims each kept line has (Claims[n-1] for line
	// n; 0 for error records), so that ReplayFrom can tell how far back the
	// linking index reached.
	Claims []int32
}

// ReplayFrom is the first kept line a resumed run must feed its backend again,
// without writing it, so that its linking index holds what an uninterrupted
// run's would at this point: cross-article links of the lines still to come
// then reach back into the kept ones as they would have. With a link window of
// window claims it is the latest line from which the kept lines hold at least
// 1.25 × window claims (the most a windowed index holds; see
// pipeline.NewStreamWindow); with window <= 0 (unbounded) it is line 1. It is
// 0 when nothing was kept.
func (d Done) ReplayFrom(window int) int64 {
	if d.Lines == 0 {
		return 0
	}
	if window <= 0 {
		return 1
	}
	need, have := int64(window)+int64(window)/4, int64(0)
	for n := d.Lines; n >= 1; n-- {
		if n <= int64(len(d.Claims)) {
			have += int64(d.Claims[n-1])
		}
		if have >= need {
			return n
		}
	}
	return 1
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
		d.Claims = append(d.Claims, claimCount(line))
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

// claimCount is the length of a record's "claims" array, 0 when it has none.
func claimCount(line []byte) int32 {
	dec := json.NewDecoder(bytes.NewReader(line))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return 0
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return 0
		}
		if k == "claims" {
			var claims []json.RawMessage
			if dec.Decode(&claims) != nil {
				return 0
			}
			return int32(len(claims))
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return 0
		}
	}
	return 0
}
