package learn

import (
	"math"
	"testing"
)

func TestBestThresholdBy(t *testing.T) {
	tests := []struct {
		name      string
		objective func(float64) float64
		lo, hi    float64 // the threshold must fall in [lo, hi]
	}{
		{"peak in a broad region", func(x float64) float64 { return -math.Abs(x - 0.3) }, 0.295, 0.305},
		{"a spike loses to a plateau", func(x float64) float64 {
			switch {
			case math.Abs(x-0.8) < 1e-9:
				return 10 // one lucky grid point
			case x >= 0.2 && x <= 0.4:
				return 1
			}
			return 0
		}, 0.245, 0.355},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := BestThresholdBy(tt.objective)
			if got < tt.lo || got > tt.hi {
				t.Errorf("BestThresholdBy = %.3f, want in [%.3f, %.3f]", got, tt.lo, tt.hi)
			}
		})
	}
}

func TestBestThresholdByMatchesBestThreshold(t *testing.T) {
	scores := []float64{0.1, 0.2, 0.35, 0.4, 0.6, 0.7, 0.9, 0.95}
	labels := []bool{false, false, true, false, true, true, true, false}
	want, _ := BestThreshold(scores, labels)
	got, _ := BestThresholdBy(func(th float64) float64 {
		var tp, fp, fn float64
		for i, s := range scores {
			switch {
			case s >= th && labels[i]:
				tp++
			case s >= th:
				fp++
			case labels[i]:
				fn++
			}
		}
		if tp == 0 {
			return 0
		}
		return 2 * tp / (2*tp + fp + fn)
	})
	if got != want {
		t.Errorf("BestThresholdBy = %v, BestThreshold = %v", got, want)
	}
}
