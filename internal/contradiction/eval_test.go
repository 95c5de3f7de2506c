package contradiction

import (
	"testing"

	"github.com/claimsvc/claimsvc/internal/dataset"
	"github.com/claimsvc/claimsvc/internal/metrics"
)

// TestDevRegression guards the figures measured on the dev files (see README.md) with
// floors a little below them. It reads ../shared/data and skips without it.
func TestDevRegression(t *testing.T) {
	c := newClassifier(t)
	tests := []struct {
		file                   string
		minPrecision, minRecal float64
		maxFPR                 float64
		minF1                  float64
	}{
		// learned from and threshold chosen here (so not held-out figures; the
		// 5-fold cross-validated ones are P 0.874 R 0.192, see README.md): measured
		// P 0.873 R 0.185 F1 0.306 FPR 0.014
		{"contradiction/mnli-dev-a.jsonl", 0.85, 0.17, 0.02, 0},
		// real-world claims vs Wikipedia evidence, never learned from (bounds the
		// threshold: FPR <= 0.015): measured P 0.956 R 0.121 FPR 0.006
		{"contradiction/fever-symmetric-dev.jsonl", 0.85, 0.10, 0.015, 0},
		// never trained or tuned on: measured P 0.784 R 0.817 F1 0.800 FPR 0.038
		{"contradiction/sick-trial.jsonl", 0.72, 0.78, 0.05, 0.76},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path, err := dataset.Path(tt.file)
			if err != nil {
				t.Skipf("no evaluation data (%v)", err)
			}
			pairs, err := dataset.ReadNLIPairs(path)
			if err != nil {
				t.Skipf("cannot read %s: %v", path, err)
			}
			var conf metrics.Confusion
			for _, p := range pairs {
				v := c.Compare(Statement{Text: p.Premise}, Statement{Text: p.Hypothesis})
				conf.Add(v.Contradiction, p.Contradiction())
			}
			t.Logf("P %.3f R %.3f F1 %.3f FPR %.3f", conf.Precision(), conf.Recall(), conf.F1(), conf.FPR())
			if conf.Precision() < tt.minPrecision || conf.Recall() < tt.minRecal || conf.FPR() > tt.maxFPR || conf.F1() < tt.minF1 {
				t.Errorf("P %.3f R %.3f F1 %.3f FPR %.3f, want P >= %.2f, R >= %.2f, F1 >= %.2f, FPR <= %.3f",
					conf.Precision(), conf.Recall(), conf.F1(), conf.FPR(), tt.minPrecision, tt.minRecal, tt.minF1, tt.maxFPR)
			}
		})
	}
}
