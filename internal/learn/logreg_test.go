package learn

import (
	"context"
	"math"
	"testing"
)

func TestTrainLogReg(t *testing.T) {
	// feature 0 marks positives, feature 1 negatives, feature 2 is noise on both
	separable := func() []Example {
		var xs []Example
		for i := 0; i < 200; i++ {
			if i%2 == 0 {
				xs = append(xs, Example{Feats: []int32{0, 2}, Y: 1, W: 1})
			} else {
				xs = append(xs, Example{Feats: []int32{1, 2}, Y: 0, W: 1})
			}
		}
		return xs
	}
	tests := []struct {
		name  string
		xs    []Example
		cfg   LogRegConfig
		probe []int32
		lo    float64
		hi    float64
	}{
		{"positive pattern", separable(), LogRegConfig{Epochs: 10, Rate: 0.1, Seed: 7}, []int32{0, 2}, 0.9, 1},
		{"negative pattern", separable(), LogRegConfig{Epochs: 10, Rate: 0.1, Seed: 7}, []int32{1, 2}, 0, 0.1},
		{"L2 keeps it less sure", separable(), LogRegConfig{Epochs: 10, Rate: 0.1, L2: 0.5, Seed: 7}, []int32{0, 2}, 0.5, 0.9},
		{"soft target is fitted as a probability", []Example{{Feats: []int32{0}, Y: 0.7, W: 1}}, LogRegConfig{Epochs: 3000, Rate: 0.1, Seed: 1}, []int32{0}, 0.66, 0.74},
		{"zero-weight examples are ignored", append(separable(), func() []Example {
			out := make([]Example, 500)
			for i := range out {
				out[i] = Example{Feats: []int32{0, 2}, Y: 0, W: 0}
			}
			return out
		}()...), LogRegConfig{Epochs: 10, Rate: 0.1, Seed: 7}, []int32{0, 2}, 0.9, 1},
		{"real values scale features", []Example{{Feats: []int32{0}, Vals: []float64{2}, Y: 1, W: 1}, {Feats: []int32{0}, Vals: []float64{-2}, Y: 0, W: 1}}, LogRegConfig{Epochs: 200, Rate: 0.1, Seed: 1}, []int32{0}, 0.8, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w1, b1, err := TrainLogReg(context.Background(), tc.xs, 3, tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			w2, b2, _ := TrainLogReg(context.Background(), tc.xs, 3, tc.cfg)
			if b1 != b2 || w1[0] != w2[0] || w1[1] != w2[1] || w1[2] != w2[2] {
				t.Fatalf("two runs differ: %v %v vs %v %v", w1, b1, w2, b2)
			}
			if p := Score(w1, b1, tc.probe, nil); p < tc.lo || p > tc.hi {
				t.Errorf("score %.3f, want in [%.2f, %.2f]", p, tc.lo, tc.hi)
			}
		})
	}
}

func TestTrainLogRegHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := TrainLogReg(ctx, []Example{{Feats: []int32{0}, Y: 1, W: 1}}, 1, LogRegConfig{Epochs: 1}); err == nil {
		t.Fatal("cancelled context: no error")
	}
}

func TestSigmoid(t *testing.T) {
	for _, tc := range []struct{ z, want float64 }{{0, 0.5}, {1000, 1 / (1 + math.Exp(-30))}, {-1000, 1 / (1 + math.Exp(30))}} {
		if got := Sigmoid(tc.z); got != tc.want {
			t.Errorf("Sigmoid(%g) = %g, want %g", tc.z, got, tc.want)
		}
	}
}

func TestBestThreshold(t *testing.T) {
	// positives spread over 0.55-0.95, negatives over 0.05-0.45: any threshold in
	// the gap is perfect, and the smoothed choice must land inside it
	var scores []float64
	var labels []bool
	for i := 0; i < 9; i++ {
		scores = append(scores, 0.55+0.05*float64(i), 0.05+0.05*float64(i))
		labels = append(labels, true, false)
	}
	th, f1 := BestThreshold(scores, labels)
	if f1 != 1 || th <= 0.45 || th > 0.55 {
		t.Errorf("threshold %.3f F1 %.3f, want F1 1 with threshold in (0.45, 0.55]", th, f1)
	}
	// a lone positive spike at 0.99 must not pull the threshold up to it
	scores = append(scores, 0.99)
	labels = append(labels, true)
	if th, _ := BestThreshold(scores, labels); th > 0.6 {
		t.Errorf("threshold %.3f chased the spike", th)
	}
}

func TestPruneTop(t *testing.T) {
	for _, tc := range []struct {
		w    []float64
		keep int
		want []float64
	}{
		{[]float64{0.1, -3, 0, 2, -0.5}, 2, []float64{0, -3, 0, 2, 0}},
		{[]float64{0.1, -3}, 5, []float64{0.1, -3}},
		{[]float64{1, -1, 1}, 1, []float64{1, 0, 0}}, // ties by index
	} {
		got := PruneTop(tc.w, tc.keep)
		for i := range tc.want {
			if got[i] != tc.want[i] {
				t.Fatalf("PruneTop(%v, %d) = %v, want %v", tc.w, tc.keep, got, tc.want)
			}
		}
	}
}
