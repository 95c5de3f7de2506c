package contradiction

import (
	"context"
	"testing"

	"github.com/claimsvc/claimsvc/internal/learn"
)

// TestFitLogReg fits the cue weights on invented examples where only a negation
// feature predicts contradiction: its weight comes out positive, an irrelevant
// feature's far smaller, and the file weights are honoured (an example weighing
// nothing changes nothing).
func TestFitLogReg(t *testing.T) {
	var ex []labelled
	for i := range 200 {
		x := make([]float64, numFeatures-1)
		neg := i%2 == 0
		if neg {
			x[fNegHigh-1] = 1
		}
		x[fHedge-1] = float64(i / 2 % 2) // independent of the label
		ex = append(ex, labelled{x: x, y: neg, w: 1})
	}
	cfg := learn.LogRegConfig{Epochs: 20, Rate: 0.1, Seed: 1}
	w, err := fitLogReg(context.Background(), ex, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(w) != numFeatures || w[fNegHigh] < 1 || w[fBias] > 0 {
		t.Errorf("weights %v: want neg_high clearly positive and a negative bias", w)
	}
	if h := w[fHedge]; h > w[fNegHigh]/3 || h < -w[fNegHigh]/3 {
		t.Errorf("an unrelated feature got weight %.2f against neg_high's %.2f", h, w[fNegHigh])
	}
	zero := append(append([]labelled(nil), ex...), labelled{x: make([]float64, numFeatures-1), y: true, w: 0})
	w2, err := fitLogReg(context.Background(), zero, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if d := w2[fNegHigh] - w[fNegHigh]; d > 0.2 || d < -0.2 {
		t.Errorf("a zero-weight example moved neg_high by %.3f", d)
	}
	if _, err := fitLogReg(context.Background(), nil, cfg); err == nil {
		t.Error("no examples: want an error")
	}
}
