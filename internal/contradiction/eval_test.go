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
	}{
		// threshold chosen here (precision >= 0.8): measured P 0.855 R 0.194 FPR 0.017
		{"contradiction/mnli-dev-a.jsonl", 0.82, 0.17, 0.025},
		// real-world claims vs Wikipedia evidence (bounds the threshold: FPR <= 0.025):
		// measured P 0.869 R 0.150 FPR 0.023
		{"contradiction/fever-symmetric-dev.jsonl", 0.80, 0.12, 0.03},
		// never trained or tuned on: measured P 0.797 R 0.775 FPR 0.033
		{"contradiction/sick-trial.jsonl", 0.75, 0.72, 0.05},
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
			if conf.Precision() < tt.minPrecision || conf.Recall() < tt.minRecal || conf.FPR() > tt.maxFPR {
				t.Errorf("P %.3f R %.3f FPR %.3f, want P >= %.2f, R >= %.2f, FPR <= %.3f",
					conf.Precision(), conf.Recall(), conf.FPR(), tt.minPrecision, tt.minRecal, tt.maxFPR)
			}
		})
	}
}
