package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/claimsvc/claimsvc/internal/dataset"
	"github.com/claimsvc/claimsvc/internal/metrics"
	"github.com/claimsvc/claimsvc/internal/scoring"
)

// hedgingReport is the Szeged evaluation: uncertain-class F1 at the scorer's
// embedded default threshold (never fitted here), AUROC of the score and exact
// cue-span F1, overall and per domain.
type hedgingReport struct {
	Data      string                    `json:"data"`
	N         int                       `json:"n"`
	Threshold float64                   `json:"threshold"`
	F1        float64                   `json:"f1"`
	Precision float64                   `json:"precision"`
	Recall    float64                   `json:"recall"`
	AUROC     *float64                  `json:"auroc"` // null when one class is absent
	CueF1     float64                   `json:"cue_f1"`
	CueP      float64                   `json:"cue_precision"`
	CueR      float64                   `json:"cue_recall"`
	ByDomain  map[string]*domainFigures `json:"by_domain"`
	// Newswire is the FactBank domain, the closest to the service's input (news),
	// reported on its own; null when the data has none.
	Newswire *domainFigures `json:"newswire"`
}

// newswireDomain is the Szeged domain of newswire text (FactBank).
const newswireDomain = "factbank"

// domainFigures are the figures of one Szeged domain.
type domainFigures struct {
	N         int      `json:"n"`
	F1        float64  `json:"f1"`
	Precision float64  `json:"precision"`
	Recall    float64  `json:"recall"`
	AUROC     *float64 `json:"auroc"`
	CueF1     float64  `json:"cue_f1"`

	scores           []float64
	labels           []bool
	conf             metrics.Confusion
	cueM, cueP, cueG int
}

// scorePrediction is one line of -predictions output.
type scorePrediction struct {
	ID        string  `json:"id"`
	Score     float64 `json:"score"`
	Predicted bool    `json:"predicted"`
}

func runHedging(ctx context.Context, o options) (report, error) {
	data, err := dataset.ReadHedging(o.data)
	if err != nil {
		return nil, err
	}
	s, err := scoring.New()
	if err != nil {
		return nil, err
	}
	pw, err := newPredictionWriter(o.predictions)
	if err != nil {
		return nil, err
	}
	rep := &hedgingReport{Data: o.data, N: len(data), Threshold: s.HedgeThreshold(), ByDomain: map[string]*domainFigures{}}
	all := &domainFigures{}
	for i, r := range data {
		if i%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		h := s.Hedge(r.Text)
		d := rep.ByDomain[r.Domain]
		if d == nil {
			d = &domainFigures{}
			rep.ByDomain[r.Domain] = d
		}
		gold := map[[2]int]bool{}
		for _, c := range r.Cues {
			gold[[2]int{c.Start, c.End}] = true
		}
		var matched, predicted int
		for _, c := range h.Cues {
			if !scoring.Speculative(c.Kind) || c.Weight < s.CueThreshold() { // boosters, approximators, limitations; weak candidates
				continue
			}
			predicted++
			if gold[[2]int{c.Span.Start, c.Span.End}] {
				matched++
			}
		}
		for _, f := range []*domainFigures{all, d} {
			f.N++
			f.scores = append(f.scores, h.Score)
			f.labels = append(f.labels, r.Uncertain)
			f.conf.Add(h.Uncertain, r.Uncertain)
			f.cueM += matched
			f.cueP += predicted
			f.cueG += len(gold)
		}
		if err := pw.write(scorePrediction{ID: r.ID, Score: h.Score, Predicted: h.Uncertain}); err != nil {
			return nil, err
		}
	}
	if err := pw.close(); err != nil {
		return nil, err
	}
	for _, f := range append([]*domainFigures{all}, domainValues(rep.ByDomain)...) {
		f.F1, f.Precision, f.Recall = f.conf.F1(), f.conf.Precision(), f.conf.Recall()
		f.AUROC = finiteOrNil(metrics.AUROC(f.scores, f.labels))
		_, _, f.CueF1 = metrics.PRF(f.cueM, f.cueP, f.cueG)
	}
	rep.F1, rep.Precision, rep.Recall, rep.AUROC = all.F1, all.Precision, all.Recall, all.AUROC
	rep.Newswire = rep.ByDomain[newswireDomain]
	rep.CueP, rep.CueR, rep.CueF1 = metrics.PRF(all.cueM, all.cueP, all.cueG)
	return rep, nil
}

// Text prints the report for a reader.
func (r *hedgingReport) Text(w io.Writer) {
	fmt.Fprintf(w, "hedging on %s (%d sentences), threshold %.4f\n", r.Data, r.N, r.Threshold)
	fmt.Fprintf(w, "  uncertain F1 %.4f  P %.4f  R %.4f  AUROC %s\n", r.F1, r.Precision, r.Recall, fmtScoreOpt(r.AUROC))
	fmt.Fprintf(w, "  cue-span F1 %.4f  P %.4f  R %.4f\n", r.CueF1, r.CueP, r.CueR)
	if d := r.Newswire; d != nil {
		fmt.Fprintf(w, "  newswire (FactBank) n=%d  uncertain F1 %.4f  P %.4f  R %.4f  AUROC %s  cue F1 %.4f\n", d.N, d.F1, d.Precision, d.Recall, fmtScoreOpt(d.AUROC), d.CueF1)
	}
	fmt.Fprintln(w, "  by domain:")
	for _, name := range sortedDomainKeys(r.ByDomain) {
		d := r.ByDomain[name]
		fmt.Fprintf(w, "    %-9s n=%-5d F1 %.4f  P %.4f  R %.4f  AUROC %s  cue F1 %.4f\n", name, d.N, d.F1, d.Precision, d.Recall, fmtScoreOpt(d.AUROC), d.CueF1)
	}
}

// certaintyReport is the graded-certainty evaluation: correlation of
// (1 − hedging score) with the annotated certainty.
type certaintyReport struct {
	Data     string   `json:"data"`
	N        int      `json:"n"`
	Pearson  *float64 `json:"pearson"`
	Spearman *float64 `json:"spearman"`
}

func runCertainty(ctx context.Context, o options) (report, error) {
	data, err := dataset.ReadCertainty(o.data)
	if err != nil {
		return nil, err
	}
	s, err := scoring.New()
	if err != nil {
		return nil, err
	}
	pw, err := newPredictionWriter(o.predictions)
	if err != nil {
		return nil, err
	}
	var sure, gold []float64
	for _, r := range data {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		h := s.Hedge(r.Text)
		sure = append(sure, 1-h.Score)
		gold = append(gold, r.Certainty)
		if err := pw.write(scorePrediction{ID: r.ID, Score: h.Score, Predicted: h.Uncertain}); err != nil {
			return nil, err
		}
	}
	if err := pw.close(); err != nil {
		return nil, err
	}
	return &certaintyReport{Data: o.data, N: len(data), Pearson: finiteOrNil(metrics.Pearson(sure, gold)), Spearman: finiteOrNil(metrics.Spearman(sure, gold))}, nil
}

// Text prints the report for a reader.
func (r *certaintyReport) Text(w io.Writer) {
	fmt.Fprintf(w, "certainty on %s (%d findings): Pearson %s  Spearman %s  (of 1-hedging vs certainty)\n", r.Data, r.N, fmtScoreOpt(r.Pearson), fmtScoreOpt(r.Spearman))
}

// finiteOrNil is &v, or nil for NaN or ±Inf so the JSON report stays valid.
func finiteOrNil(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func fmtScoreOpt(v *float64) string {
	if v == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.4f", *v)
}

func sortedDomainKeys(m map[string]*domainFigures) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func domainValues(m map[string]*domainFigures) []*domainFigures {
	out := make([]*domainFigures, 0, len(m))
	for _, k := range sortedDomainKeys(m) {
		out = append(out, m[k])
	}
	return out
}
