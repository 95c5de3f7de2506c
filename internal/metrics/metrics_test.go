package metrics

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestConfusion(t *testing.T) {
	tests := []struct {
		name          string
		pred, gold    []bool
		p, r, f1, fpr float64
	}{
		{"perfect", []bool{true, false}, []bool{true, false}, 1, 1, 1, 0},
		{"all wrong", []bool{false, true}, []bool{true, false}, 0, 0, 0, 1},
		{"half", []bool{true, true, false, false}, []bool{true, false, true, false}, 0.5, 0.5, 0.5, 0.5},
		{"no predictions", []bool{false, false}, []bool{true, false}, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c Confusion
			for i := range tt.pred {
				c.Add(tt.pred[i], tt.gold[i])
			}
			if !near(c.Precision(), tt.p) || !near(c.Recall(), tt.r) || !near(c.F1(), tt.f1) || !near(c.FPR(), tt.fpr) {
				t.Errorf("got P=%v R=%v F1=%v FPR=%v, want %v %v %v %v", c.Precision(), c.Recall(), c.F1(), c.FPR(), tt.p, tt.r, tt.f1, tt.fpr)
			}
		})
	}
}

func TestRankMetrics(t *testing.T) {
	tests := []struct {
		name   string
		scores []float64
		labels []bool
		auroc  float64
		ap     float64
	}{
		{"separable", []float64{0.9, 0.8, 0.2, 0.1}, []bool{true, true, false, false}, 1, 1},
		{"inverted", []float64{0.1, 0.2, 0.8, 0.9}, []bool{true, true, false, false}, 0, (1.0/3 + 2.0/4) / 2},
		{"ties count half", []float64{0.5, 0.5}, []bool{true, false}, 0.5, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AUROC(tt.scores, tt.labels); !near(got, tt.auroc) {
				t.Errorf("AUROC = %v, want %v", got, tt.auroc)
			}
			if got := AveragePrecision(tt.scores, tt.labels); !near(got, tt.ap) {
				t.Errorf("AP = %v, want %v", got, tt.ap)
			}
		})
	}
	if !math.IsNaN(AUROC([]float64{1}, []bool{true})) {
		t.Error("AUROC with one class should be NaN")
	}
}

func TestCorrelation(t *testing.T) {
	x := []float64{1, 2, 3, 4}
	if got := Pearson(x, []float64{2, 4, 6, 8}); !near(got, 1) {
		t.Errorf("Pearson linear = %v", got)
	}
	if got := Pearson(x, []float64{4, 3, 2, 1}); !near(got, -1) {
		t.Errorf("Pearson inverse = %v", got)
	}
	if got := Spearman(x, []float64{1, 10, 100, 1000}); !near(got, 1) {
		t.Errorf("Spearman monotone = %v", got)
	}
	if !math.IsNaN(Pearson(x, []float64{1, 1, 1, 1})) {
		t.Error("Pearson with a constant should be NaN")
	}
}

func TestPRF(t *testing.T) {
	p, r, f := PRF(3, 4, 6)
	if !near(p, 0.75) || !near(r, 0.5) || !near(f, 0.6) {
		t.Errorf("PRF = %v %v %v", p, r, f)
	}
}
