package learn

import (
	"context"
	"math"
	"testing"
)

// groupedData: feature 0 is a reliable signal, feature 1 a perfect but rare
// one (the lexical memorisation a stronger penalty should hold back).
func groupedData() []Example {
	var xs []Example
	for i := 0; i < 400; i++ {
		y := float64(i % 2)
		ex := Example{W: 1, Y: y}
		if (i%10 < 8) == (y == 1) {
			ex.Feats = append(ex.Feats, 0)
		}
		if i%20 == 1 {
			ex.Feats = append(ex.Feats, 1)
		}
		xs = append(xs, ex)
	}
	return xs
}

func TestTrainLogRegGrouped(t *testing.T) {
	ctx := context.Background()
	base := LogRegConfig{Epochs: 5, Rate: 0.1, Seed: 7}
	tests := []struct {
		name      string
		cfg       GroupedConfig
		check     func(t *testing.T, w []float64)
		reference bool // must equal TrainLogReg with the same uniform L2
	}{
		{"uniform penalty equals TrainLogReg", GroupedConfig{LogRegConfig: base, L2Of: func(int) float64 { return 0.01 }}, nil, true},
		{"a stronger penalty shrinks its group", GroupedConfig{LogRegConfig: base, L2Of: func(f int) float64 {
			if f == 1 {
				return 0.5
			}
			return 0.001
		}}, func(t *testing.T, w []float64) {
			ref, _, _ := TrainLogRegGrouped(ctx, groupedData(), 2, GroupedConfig{LogRegConfig: base, L2Of: func(int) float64 { return 0.001 }})
			if !(math.Abs(w[1]) < math.Abs(ref[1])) {
				t.Errorf("penalised weight %.4f not below unpenalised %.4f", w[1], ref[1])
			}
		}, false},
		{"dropout keeps the signal's sign", GroupedConfig{LogRegConfig: base, L2Of: func(int) float64 { return 0.001 }, DropoutOf: func(int) float64 { return 0.5 }}, func(t *testing.T, w []float64) {
			if !(w[0] > 0) {
				t.Errorf("w[0] = %.4f, want > 0", w[0])
			}
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, b, err := TrainLogRegGrouped(ctx, groupedData(), 2, tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			w2, b2, _ := TrainLogRegGrouped(ctx, groupedData(), 2, tt.cfg)
			if w[0] != w2[0] || w[1] != w2[1] || b != b2 {
				t.Errorf("not deterministic: %v %v vs %v %v", w, b, w2, b2)
			}
			if tt.reference {
				cfg := base
				cfg.L2 = 0.01
				rw, rb, _ := TrainLogReg(ctx, groupedData(), 2, cfg)
				if rw[0] != w[0] || rw[1] != w[1] || rb != b {
					t.Errorf("grouped %v %v, TrainLogReg %v %v", w, b, rw, rb)
				}
			}
			if tt.check != nil {
				tt.check(t, w)
			}
		})
	}
}
