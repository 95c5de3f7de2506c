package learn

import (
	"bytes"
	"context"
	"testing"
)

// toyClasses: features 0,1,2 each mark their own class; 3 is noise on all.
func toyClasses() []ClassExample {
	var xs []ClassExample
	for i := 0; i < 90; i++ {
		xs = append(xs, ClassExample{Feats: []int32{int32(i % 3), 3}, Y: i % 3})
	}
	return xs
}

func TestTrainMulticlass(t *testing.T) {
	m, err := TrainMulticlass(context.Background(), toyClasses(), 4, 3, PerceptronConfig{Epochs: 5, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		feats []int32
		want  int
	}{{[]int32{0, 3}, 0}, {[]int32{1, 3}, 1}, {[]int32{2, 3}, 2}, {[]int32{2}, 2}} {
		if got := m.Predict(tc.feats); got != tc.want {
			t.Errorf("Predict(%v) = %d, want %d", tc.feats, got, tc.want)
		}
	}
	// serialisation: byte-identical between runs, and the read-back model predicts the same
	file := func(m *Multiclass) []byte {
		var buf bytes.Buffer
		mw := NewModelWriter(&buf, Header{Model: "toy multiclass"})
		m.WriteRows(mw)
		if err := mw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	m2, _ := TrainMulticlass(context.Background(), toyClasses(), 4, 3, PerceptronConfig{Epochs: 5, Seed: 1})
	a := file(m)
	if !bytes.Equal(a, file(m2)) {
		t.Fatal("two trainings serialise differently")
	}
	mf, err := ReadModel(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	back, err := ReadMulticlass(mf.Rows)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range toyClasses()[:3] {
		if back.Predict(x.Feats) != m.Predict(x.Feats) {
			t.Errorf("read-back model disagrees on %v", x.Feats)
		}
	}
	if !bytes.Equal(file(back), a) {
		t.Error("read-back model serialises differently")
	}
}

func TestTrainMulticlassRejects(t *testing.T) {
	for _, tc := range []struct {
		name    string
		xs      []ClassExample
		classes int
	}{
		{"one class", toyClasses(), 1},
		{"gold class out of range", []ClassExample{{Feats: []int32{0}, Y: 5}}, 3},
	} {
		if _, err := TrainMulticlass(context.Background(), tc.xs, 4, tc.classes, PerceptronConfig{Epochs: 1}); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	for _, rows := range [][][]string{{{"w", "0", "0", "1"}}, {{"dim", "4", "3"}, {"w", "9", "0", "1"}}, {{"dim", "x", "3"}}, {}} {
		if _, err := ReadMulticlass(rows); err == nil {
			t.Errorf("ReadMulticlass(%q): no error", rows)
		}
	}
}

func TestTrainRanker(t *testing.T) {
	// the right candidate always has feature 1 ("is a name"), wrong ones feature 2 or 0
	var xs []Choice
	for i := 0; i < 50; i++ {
		c := [][]int32{{0}, {2, 0}, {1}}
		gold := 2
		if i%2 == 0 {
			c[0], c[2] = c[2], c[0]
			gold = 0
		}
		xs = append(xs, Choice{Cands: c, Gold: gold})
	}
	xs = append(xs, Choice{Cands: [][]int32{{2}}, Gold: -1}) // no gold: skipped
	w, err := TrainRanker(context.Background(), xs, 3, PerceptronConfig{Epochs: 3, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !(RankScore(w, []int32{1}) > RankScore(w, []int32{0}) && RankScore(w, []int32{1}) > RankScore(w, []int32{2, 0})) {
		t.Errorf("ranker does not prefer the gold feature: %v", w)
	}
}
