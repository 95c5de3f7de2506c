package learn

import (
	"bytes"
	"context"
	"reflect"
	"testing"
)

// toy words: 0 "said" (cue), 1 capitalised name, 2 other word, 3 "that"
var toyLabels = []string{"O", "B-SRC", "I-SRC", "B-CUE"}

func toySeqs() []SeqExample {
	w := func(ids ...int32) [][]int32 {
		out := make([][]int32, len(ids))
		for i, id := range ids {
			out[i] = []int32{id, 4} // 4: bias feature on every token
		}
		return out
	}
	return []SeqExample{
		{w(1, 1, 0, 3, 2, 2), []int{1, 2, 3, 0, 0, 0}},
		{w(2, 2, 1, 0), []int{0, 0, 1, 3}},
		{w(1, 0, 2), []int{1, 3, 0}},
		{w(2, 1, 1, 1, 0, 2), []int{0, 1, 2, 2, 3, 0}},
	}
}

func TestTrainSequence(t *testing.T) {
	allowed := BIOAllowed(toyLabels)
	s, err := TrainSequence(context.Background(), toySeqs(), 5, toyLabels, allowed, PerceptronConfig{Epochs: 10, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range toySeqs() {
		if got := s.Decode(x.Tokens); !reflect.DeepEqual(got, x.Labels) {
			t.Errorf("training sequence %d decoded %v, want %v", i, got, x.Labels)
		}
	}
	// a new sentence: name name name said other
	unseen := [][]int32{{1, 4}, {1, 4}, {1, 4}, {0, 4}, {2, 4}}
	got := Spans(toyLabels, s.Decode(unseen))
	want := []Span{{"SRC", 0, 3}, {"CUE", 3, 4}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("unseen sentence spans %v, want %v", got, want)
	}
	if s.Decode(nil) != nil {
		t.Error("empty input decoded to something")
	}

	file := func(s *Sequence) []byte {
		var buf bytes.Buffer
		mw := NewModelWriter(&buf, Header{Model: "toy tagger"})
		s.WriteRows(mw)
		if err := mw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	s2, _ := TrainSequence(context.Background(), toySeqs(), 5, toyLabels, allowed, PerceptronConfig{Epochs: 10, Seed: 3})
	a := file(s)
	if !bytes.Equal(a, file(s2)) {
		t.Fatal("two trainings serialise differently")
	}
	mf, err := ReadModel(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	back, err := ReadSequence(mf.Rows)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Decode(unseen), s.Decode(unseen)) || !bytes.Equal(file(back), a) {
		t.Error("read-back tagger differs")
	}
}

func TestDecodeHonoursConstraints(t *testing.T) {
	// emissions push I-SRC everywhere, but I-SRC can neither start nor follow O/CUE
	s := &Sequence{Labels: toyLabels, Dim: 1, W: []float64{0, 0, 5, 0}, Trans: make([]float64, 20), Allowed: BIOAllowed(toyLabels)}
	got := s.Decode([][]int32{{0}, {0}, {0}})
	if got[0] == 2 {
		t.Fatalf("decode starts with I-SRC: %v", got)
	}
	for t2 := 1; t2 < len(got); t2++ {
		if got[t2] == 2 && got[t2-1] != 1 && got[t2-1] != 2 {
			t.Fatalf("I-SRC after %s: %v", toyLabels[got[t2-1]], got)
		}
	}
	if want := []int{1, 2, 2}; !reflect.DeepEqual(got, want) {
		t.Errorf("decode %v, want %v", got, want)
	}
}

func TestBIOAllowed(t *testing.T) {
	a := BIOAllowed(toyLabels)
	L := len(toyLabels)
	for _, tc := range []struct {
		before, label int
		want          bool
	}{{-1, 2, false}, {-1, 1, true}, {0, 2, false}, {1, 2, true}, {2, 2, true}, {3, 2, false}, {0, 3, true}} {
		if got := a[(tc.before+1)*L+tc.label]; got != tc.want {
			t.Errorf("allowed(%d -> %d) = %v, want %v", tc.before, tc.label, got, tc.want)
		}
	}
}

func TestReadSequenceRejects(t *testing.T) {
	for _, rows := range [][][]string{
		{},
		{{"label", "0", "O"}, {"dim", "3"}}, // one label
		{{"label", "1", "O"}},               // out of order
		{{"label", "0", "O"}, {"label", "1", "B"}, {"e", "0", "0", "1"}}, // before dim
		{{"label", "0", "O"}, {"label", "1", "B"}, {"dim", "2"}, {"e", "5", "0", "1"}},
		{{"label", "0", "O"}, {"label", "1", "B"}, {"dim", "2"}, {"t", "-2", "0", "1"}},
		{{"label", "0", "O"}, {"label", "1", "B"}, {"dim", "2"}, {"e", "0", "0", "x"}},
	} {
		if _, err := ReadSequence(rows); err == nil {
			t.Errorf("ReadSequence(%q): no error", rows)
		}
	}
}
