package learn

import (
	"bufio"
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestModelFileRoundTrip(t *testing.T) {
	h := Header{
		Model:   "toy model",
		Command: "go run ./cmd/claimtrain toy -epochs 3",
		Data:    []string{"toy.jsonl sha256:0011223344556677"},
		Params:  []Param{P("epochs", 3), P("rate", 0.05), P("labels", "O B-CUE")},
		Notes:   []string{"rows: w <feature> <weight>"},
	}
	rows := [][]string{{"w", "0", "1.5"}, {"w", "7", "-0.25"}, {"bias", "0.125"}}
	write := func() []byte {
		var buf bytes.Buffer
		mw := NewModelWriter(&buf, h)
		for _, r := range rows {
			mw.Row(r...)
		}
		if err := mw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a, b := write(), write()
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same model differ")
	}
	m, err := ReadModel(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m.Header, h) {
		t.Errorf("header read back %+v, want %+v", m.Header, h)
	}
	if !reflect.DeepEqual(m.Rows, rows) {
		t.Errorf("rows read back %q, want %q", m.Rows, rows)
	}
	if v, ok := m.Header.Param("labels"); !ok || v != "O B-CUE" {
		t.Errorf("Param(labels) = %q %v", v, ok)
	}
}

func TestModelFileRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		h    Header
		row  []string
	}{
		{"tab in a field", Header{Model: "m"}, []string{"a\tb"}},
		{"line break in a field", Header{Model: "m"}, []string{"a\nb"}},
		{"line break in the header", Header{Model: "m\nx"}, []string{"a"}},
		{"space in a parameter name", Header{Model: "m", Params: []Param{{"a b", "1"}}}, []string{"a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			mw := NewModelWriter(&buf, tc.h)
			mw.Row(tc.row...)
			if err := mw.Close(); err == nil {
				t.Error("no error")
			}
		})
	}
	if _, err := ReadModel(strings.NewReader("w\t1\t2\n")); err == nil {
		t.Error("file without a model header read without error")
	}
}

func TestWeightFormat(t *testing.T) {
	for _, v := range []float64{0, 1, -0.25, 1.234567e-9, 12345.678} {
		got, err := ParseWeight(FormatWeight(v))
		if err != nil {
			t.Fatal(err)
		}
		if FormatWeight(got) != FormatWeight(v) {
			t.Errorf("%g -> %q -> %g", v, FormatWeight(v), got)
		}
	}
	if _, err := ParseWeight("x"); err == nil {
		t.Error("ParseWeight(x): no error")
	}
}

// scanModel is ReadModel as it was written first (bufio.Scanner, a
// strings.Split per row): the reference ParseModel must match.
func scanModel(text string) (Header, [][]string) {
	var h Header
	var rows [][]string
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			continue
		}
		if rest, ok := strings.CutPrefix(line, "# "); ok {
			h.add(rest)
			continue
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return h, rows
}

// TestParseModelMatchesScanner reads files with every kind of line end,
// comment, header placement and empty field both ways.
func TestParseModelMatchesScanner(t *testing.T) {
	for _, text := range []string{
		"# model: m\nw\t1\t2\n",
		"# model: m\r\nw\t1\t2\r\n\r\n# param: a 1\r\nb\t3",
		"w\t0\n# model: late header\n#comment\n#\n\n\nx\n",
		"# model: m\n\t\t\na\t\nlast\tline\twithout\tend",
		"# model: m\n# data: d1\n# data: d2\n# note: n\n# made-by: go run x\n# unknown: k\n# param: p v w\nr\r\r\n",
		"# model: m\n \t \n# \n#model: not a key\n",
	} {
		wantH, wantRows := scanModel(text)
		var rows [][]string
		h, err := ParseModel(text, func(f []string) error {
			rows = append(rows, slices.Clone(f))
			return nil
		})
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if !reflect.DeepEqual(h, wantH) || !reflect.DeepEqual(rows, wantRows) {
			t.Errorf("%q:\n got %+v %q\nwant %+v %q", text, h, rows, wantH, wantRows)
		}
		m, err := ReadModel(strings.NewReader(text))
		if err != nil || !reflect.DeepEqual(m.Header, wantH) || !reflect.DeepEqual(m.Rows, wantRows) {
			t.Errorf("ReadModel(%q) = %+v %q %v", text, m.Header, m.Rows, err)
		}
	}
}

// TestParseModelRowError stops at the first row the caller refuses and names
// its line.
func TestParseModelRowError(t *testing.T) {
	bad := errors.New("bad row")
	n := 0
	_, err := ParseModel("# model: m\nok\n\nno\nnever\n", func(f []string) error {
		n++
		if f[0] == "no" {
			return bad
		}
		return nil
	})
	if !errors.Is(err, bad) || !strings.Contains(err.Error(), "line 4") || n != 2 {
		t.Errorf("err %v after %d rows, want bad row at line 4 after 2", err, n)
	}
}
