package learn

import (
	"bytes"
	"reflect"
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
