package scoring

import (
	"errors"
	"os"
	"testing"

	"github.com/claimsvc/claimsvc/internal/dataset"
	"github.com/claimsvc/claimsvc/internal/metrics"
)

// These regression guards score the dev splits of ../shared/data with the
// embedded models and fail when a figure drops below its floor. The floors sit a
// little under the figures measured when the models were made (data/README.md);
// `go run ./cmd/claimeval hedging|certainty|checkworthy` prints the full reports.
// Without the data folder (a fresh clone) they skip.

// dataPath finds rel in the data folder or skips the test.
func dataPath(t *testing.T, rel string) string {
	t.Helper()
	p, err := dataset.Path(rel)
	if err == nil {
		if _, err = os.Stat(p); err == nil {
			return p
		}
	}
	if errors.Is(err, dataset.ErrNoData) || errors.Is(err, os.ErrNotExist) {
		t.Skipf("evaluation data absent (%v): set %s or place shared/data beside the repository", err, dataset.EnvDir)
	}
	t.Fatalf("data: %v", err)
	return ""
}

func floor(t *testing.T, name string, got, min float64) {
	t.Helper()
	t.Logf("%s = %.4f (floor %.2f)", name, got, min)
	if !(got >= min) {
		t.Errorf("%s = %.4f fell below its floor %.2f", name, got, min)
	}
}

func TestEvalHedgingDev(t *testing.T) {
	data, err := dataset.ReadHedging(dataPath(t, "hedging/szeged-dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	s := newScorer(t)
	var all, news metrics.Confusion
	var scores []float64
	var labels []bool
	var matched, predicted, gold int
	for _, r := range data {
		h := s.Hedge(r.Text)
		all.Add(h.Uncertain, r.Uncertain)
		if r.Domain == "factbank" {
			news.Add(h.Uncertain, r.Uncertain)
		}
		scores = append(scores, h.Score)
		labels = append(labels, r.Uncertain)
		want := map[[2]int]bool{}
		for _, c := range r.Cues {
			want[[2]int{c.Start, c.End}] = true
		}
		gold += len(want)
		for _, c := range h.Cues {
			if Speculative(c.Kind) && c.Weight >= s.CueThreshold() {
				predicted++
				if want[[2]int{c.Span.Start, c.Span.End}] {
					matched++
				}
			}
		}
	}
	_, _, cueF1 := metrics.PRF(matched, predicted, gold)
	floor(t, "uncertain F1", all.F1(), 0.87)
	floor(t, "factbank F1", news.F1(), 0.78)
	floor(t, "AUROC", metrics.AUROC(scores, labels), 0.97)
	floor(t, "cue F1", cueF1, 0.83)
}

func TestEvalCertaintyVal(t *testing.T) {
	data, err := dataset.ReadCertainty(dataPath(t, "hedging/certainty-val.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	s := newScorer(t)
	var sure, gold []float64
	for _, r := range data {
		sure = append(sure, 1-s.Hedge(r.Text).Score)
		gold = append(gold, r.Certainty)
	}
	floor(t, "certainty Pearson", metrics.Pearson(sure, gold), 0.57)
	floor(t, "certainty Spearman", metrics.Spearman(sure, gold), 0.50)
}

func TestEvalCheckworthy(t *testing.T) {
	s := newScorer(t)
	for _, tt := range []struct {
		file  string
		f1    float64
		apMin float64
	}{
		{"checkworthy/ct24-dev.jsonl", 0.82, 0.92},
		{"checkworthy/ct24-devtest.jsonl", 0.75, 0.85},
	} {
		data, err := dataset.ReadCheckworthy(dataPath(t, tt.file))
		if err != nil {
			t.Fatal(err)
		}
		var c metrics.Confusion
		var scores []float64
		var labels []bool
		for _, r := range data {
			p, ok := s.CheckWorthiness(r.Text)
			c.Add(ok, r.Checkworthy)
			scores = append(scores, p)
			labels = append(labels, r.Checkworthy)
		}
		floor(t, tt.file+" F1", c.F1(), tt.f1)
		floor(t, tt.file+" AP", metrics.AveragePrecision(scores, labels), tt.apMin)
	}
}
