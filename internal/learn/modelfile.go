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
	"slices"
	"strconv"
	"strings"

	"github.com/claimsvc/claimsvc/internal/lexrows"
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
// lines that are not header keys are skipped, so hand-annotated files read):
// ParseModel over everything r holds, every row kept.
func ReadModel(r io.Reader) (ModelFile, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return ModelFile{}, fmt.Errorf("read model: %w", err)
	}
	var m ModelFile
	m.Header, err = ParseModel(string(data), func(fields []string) error {
		m.Rows = append(m.Rows, slices.Clone(fields))
		return nil
	})
	return m, err
}

// ParseModel reads the text of a model file as ReadModel does and calls row
// with the tab-separated fields of every row, in file order, instead of
// keeping them: fields is reused from row to row (clone it to keep it), and
// every field is a substring of text. A stage loading its embedded weights at
// start-up turns each row into a table entry at once, so the file costs no
// copy per line and no slice per row (a model of 49,000 rows otherwise
// allocates about 7 MB at every start). It stops at row's first error,
// wrapped with the line number.
func ParseModel(text string, row func(fields []string) error) (Header, error) {
	var h Header
	var fields []string
	err := lexrows.Each(text, func(n int, line string) error {
		line = lexrows.TrimCR(line)
		if line == "" {
			return nil
		}
		if rest, ok := strings.CutPrefix(line, "# "); ok {
			h.add(rest)
			return nil
		}
		if strings.HasPrefix(line, "#") {
			return nil
		}
		fields = lexrows.SplitTabs(fields[:0], line)
		if err := row(fields); err != nil {
			return fmt.Errorf("read model line %d: %w", n, err)
		}
		return nil
	})
	if err != nil {
		return h, err
	}
	if h.Model == "" {
		return h, errors.New("read model: no '# model:' header line")
	}
	return h, nil
}

// add reads one header line, "key: value" after its "# "; keys it does not
// know are comments.
func (h *Header) add(line string) {
	key, v, _ := strings.Cut(line, ": ")
	switch key {
	case "model":
		h.Model = v
	case "made-by":
		h.Command = v
	case "data":
		h.Data = append(h.Data, v)
	case "param":
		name, val, _ := strings.Cut(v, " ")
		h.Params = append(h.Params, Param{name, val})
	case "note":
		h.Notes = append(h.Notes, v)
	}
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

// ParseWeight reads a weight written by FormatWeight (or any decimal
// strconv.ParseFloat reads, with the same result). Start-up reads some 80,000
// weights through it, so the short decimal form model files use is read
// directly (shortDecimal); anything else goes to strconv.ParseFloat.
func ParseWeight(s string) (float64, error) {
	if v, ok := shortDecimal(s); ok {
		return v, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("weight %q: %w", s, err)
	}
	return v, nil
}
