package learn

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Header says how a model file was made, so every embedded weight can be
// traced to the command and data that produced it. It holds no date: a rerun
// with the same data and flags writes a byte-identical file.
type Header struct {
	Model   string   // what the file holds, e.g. "attribution cue classifier"
	Command string   // the command line that made it, e.g. "go run ./cmd/claimtrain attribution"
	Data    []string // the data files it was learned from, with checksums (see FileSums)
	Params  []Param  // hyper-parameters, in the order they were given
	Notes   []string // free lines: format, where the threshold was tuned, …
}

// Param is one named hyper-parameter of a header.
type Param struct{ Name, Value string }

// P makes a Param from any value, formatted with %v (floats with %g).
func P(name string, v any) Param {
	if f, ok := v.(float64); ok {
		return Param{name, strconv.FormatFloat(f, 'g', -1, 64)}
	}
	return Param{name, fmt.Sprint(v)}
}

// Param returns the value of the named hyper-parameter and whether it is set.
func (h Header) Param(name string) (string, bool) {
	for _, p := range h.Params {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

// ModelWriter writes a model file: the header as "# key: value" comment lines,
// then one tab-separated row per call of Row.
type ModelWriter struct {
	bw  *bufio.Writer
	err error
}

// NewModelWriter writes h to w and returns a writer for the rows.
func NewModelWriter(w io.Writer, h Header) *ModelWriter {
	mw := &ModelWriter{bw: bufio.NewWriter(w)}
	line := func(key, v string) {
		if strings.ContainsAny(v, "\n\r") {
			mw.setErr(fmt.Errorf("model header %s: line break in %q", key, v))
			return
		}
		fmt.Fprintf(mw.bw, "# %s: %s\n", key, v)
	}
	line("model", h.Model)
	line("made-by", h.Command)
	for _, d := range h.Data {
		line("data", d)
	}
	for _, p := range h.Params {
		if strings.ContainsAny(p.Name, " \t") {
			mw.setErr(fmt.Errorf("model header: parameter name %q has a space", p.Name))
		}
		line("param", p.Name+" "+p.Value)
	}
	for _, n := range h.Notes {
		line("note", n)
	}
	return mw
}

func (mw *ModelWriter) setErr(err error) {
	if mw.err == nil {
		mw.err = err
	}
}

// Row writes one row; a field holding a tab or line break is an error (the
// file would not read back).
func (mw *ModelWriter) Row(fields ...string) {
	for i, f := range fields {
		if strings.ContainsAny(f, "\t\n\r") {
			mw.setErr(fmt.Errorf("model row field %q: tab or line break", f))
			return
		}
		if i > 0 {
			mw.bw.WriteByte('\t')
		}
		mw.bw.WriteString(f)
	}
	mw.bw.WriteByte('\n')
}

// Close flushes the rows and returns the first error met while writing.
func (mw *ModelWriter) Close() error {
	if err := mw.bw.Flush(); err != nil {
		mw.setErr(err)
	}
	if mw.err != nil {
		return fmt.Errorf("write model: %w", mw.err)
	}
	return nil
}

// ModelFile is a model file read back: its header and its rows of fields.
type ModelFile struct {
	Header Header
	Rows   [][]string
}

// ReadModel parses a file written by ModelWriter (blank lines and comment
// lines that are not header keys are skipped, so hand-annotated files read).
func ReadModel(r io.Reader) (ModelFile, error) {
	var m ModelFile
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" {
			continue
		}
		if rest, ok := strings.CutPrefix(line, "# "); ok {
			key, v, _ := strings.Cut(rest, ": ")
			switch key {
			case "model":
				m.Header.Model = v
			case "made-by":
				m.Header.Command = v
			case "data":
				m.Header.Data = append(m.Header.Data, v)
			case "param":
				name, val, _ := strings.Cut(v, " ")
				m.Header.Params = append(m.Header.Params, Param{name, val})
			case "note":
				m.Header.Notes = append(m.Header.Notes, v)
			}
			continue
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		m.Rows = append(m.Rows, strings.Split(line, "\t"))
	}
	if err := sc.Err(); err != nil {
		return m, fmt.Errorf("read model line %d: %w", n+1, err)
	}
	if m.Header.Model == "" {
		return m, errors.New("read model: no '# model:' header line")
	}
	return m, nil
}

// FileSums names each file by its base name and the first 8 bytes of its
// SHA-256, the form a Header's Data lines take.
func FileSums(paths ...string) ([]string, error) {
	var out []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("checksum: %w", err)
		}
		h := sha256.Sum256(data)
		out = append(out, fmt.Sprintf("%s sha256:%s", filepath.Base(p), hex.EncodeToString(h[:8])))
	}
	return out, nil
}

// FormatWeight writes a weight with 6 significant digits, the precision model
// files store; ParseWeight reads it back.
func FormatWeight(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }

// ParseWeight reads a weight written by FormatWeight.
func ParseWeight(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("weight %q: %w", s, err)
	}
	return v, nil
}
