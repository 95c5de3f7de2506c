package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sort"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/contradiction"
	"github.com/claimsvc/claimsvc/internal/dataset"
	"github.com/claimsvc/claimsvc/internal/metrics"
)

// contradictionReport is the contradiction class against all others, scored with
// the classifier CompareClaims uses, at its default threshold.
type contradictionReport struct {
	File      string         `json:"file"`
	Pairs     int            `json:"pairs"`
	Threshold float64        `json:"threshold"`
	Precision float64        `json:"precision"`
	Recall    float64        `json:"recall"`
	F1        float64        `json:"f1"`
	FPR       float64        `json:"fpr"`
	TP        int            `json:"tp"`
	FP        int            `json:"fp"`
	FN        int            `json:"fn"`
	TN        int            `json:"tn"`
	Reasons   map[string]int `json:"reasons"` // predicted contradictions by reason kind
}

// Text prints the report for people.
func (r contradictionReport) Text(w io.Writer) {
	fmt.Fprintf(w, "%s: %d pairs, threshold %.3f\n", r.File, r.Pairs, r.Threshold)
	fmt.Fprintf(w, "  precision %.3f  recall %.3f  F1 %.3f  FPR %.3f\n", r.Precision, r.Recall, r.F1, r.FPR)
	fmt.Fprintf(w, "  TP %d  FP %d  FN %d  TN %d\n", r.TP, r.FP, r.FN, r.TN)
	names := make([]string, 0, len(r.Reasons))
	for n := range r.Reasons {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  reason %-16s %d\n", n, r.Reasons[n])
	}
}

// contradictionPrediction is one line of -predictions.
type contradictionPrediction struct {
	ID          string  `json:"id"`
	Score       float64 `json:"score"`
	Predicted   bool    `json:"predicted"`
	Reason      string  `json:"reason"`
	Explanation string  `json:"explanation,omitempty"`
	Gold        string  `json:"gold"`
}

// reasonNames are the reason kinds as the API names them.
var reasonNames = map[claim.Reason]string{
	claim.ReasonUnspecified:     "",
	claim.ReasonNegation:        "NEGATION",
	claim.ReasonAntonym:         "ANTONYM",
	claim.ReasonNumericMismatch: "NUMERIC_MISMATCH",
	claim.ReasonDateMismatch:    "DATE_MISMATCH",
	claim.ReasonQuantity:        "QUANTITY",
	claim.ReasonOpposingStance:  "OPPOSING_STANCE",
	claim.ReasonChangeOfState:   "CHANGE_OF_STATE",
}

func runContradiction(ctx context.Context, o options) (report, error) {
	pairs, err := dataset.ReadNLIPairs(o.data)
	if err != nil {
		return nil, err
	}
	c, err := contradiction.New()
	if err != nil {
		return nil, err
	}
	pw, err := newPredictionWriter(o.predictions)
	if err != nil {
		return nil, err
	}
	var conf metrics.Confusion
	rep := contradictionReport{File: filepath.Base(o.data), Pairs: len(pairs), Threshold: c.Threshold(), Reasons: map[string]int{}}
	for i, p := range pairs {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		v := c.Compare(contradiction.Statement{Text: p.Premise}, contradiction.Statement{Text: p.Hypothesis})
		conf.Add(v.Contradiction, p.Contradiction())
		if v.Contradiction {
			rep.Reasons[reasonNames[v.Reason]]++
		}
		if err := pw.write(contradictionPrediction{ID: p.ID, Score: v.Score, Predicted: v.Contradiction, Reason: reasonNames[v.Reason], Explanation: v.Explanation, Gold: p.Label}); err != nil {
			return nil, err
		}
	}
	if err := pw.close(); err != nil {
		return nil, err
	}
	rep.Precision, rep.Recall, rep.F1, rep.FPR = conf.Precision(), conf.Recall(), conf.F1(), conf.FPR()
	rep.TP, rep.FP, rep.FN, rep.TN = conf.TP, conf.FP, conf.FN, conf.TN
	return rep, nil
}
