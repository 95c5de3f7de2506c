package main

import (
	"context"
	"fmt"
	"io"

	"github.com/claimsvc/claimsvc/internal/dataset"
	"github.com/claimsvc/claimsvc/internal/metrics"
	"github.com/claimsvc/claimsvc/internal/scoring"
)

// checkworthyReport is the CheckThat! evaluation: positive-class F1, precision and
// recall at the scorer's embedded default threshold, and average precision of
// the score (how well it ranks claims for a fact-checker).
type checkworthyReport struct {
	Data      string   `json:"data"`
	N         int      `json:"n"`
	Threshold float64  `json:"threshold"`
	F1        float64  `json:"f1"`
	Precision float64  `json:"precision"`
	Recall    float64  `json:"recall"`
	AP        *float64 `json:"ap"` // null without positives
}

func runCheckworthy(ctx context.Context, o options) (report, error) {
	data, err := dataset.ReadCheckworthy(o.data)
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
	var conf metrics.Confusion
	scores := make([]float64, 0, len(data))
	labels := make([]bool, 0, len(data))
	for i, r := range data {
		if i%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		p, worthy := s.CheckWorthiness(r.Text)
		conf.Add(worthy, r.Checkworthy)
		scores = append(scores, p)
		labels = append(labels, r.Checkworthy)
		if err := pw.write(scorePrediction{ID: r.ID, Score: p, Predicted: worthy}); err != nil {
			return nil, err
		}
	}
	if err := pw.close(); err != nil {
		return nil, err
	}
	return &checkworthyReport{
		Data: o.data, N: len(data), Threshold: s.CheckThreshold(),
		F1: conf.F1(), Precision: conf.Precision(), Recall: conf.Recall(),
		AP: finiteOrNil(metrics.AveragePrecision(scores, labels)),
	}, nil
}

// Text prints the report for a reader.
func (r *checkworthyReport) Text(w io.Writer) {
	fmt.Fprintf(w, "checkworthy on %s (%d sentences), threshold %.4f\n", r.Data, r.N, r.Threshold)
	fmt.Fprintf(w, "  F1 %.4f  P %.4f  R %.4f  AP %s\n", r.F1, r.Precision, r.Recall, fmtScoreOpt(r.AP))
}
