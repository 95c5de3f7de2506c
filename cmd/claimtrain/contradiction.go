package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/claimsvc/claimsvc/internal/contradiction"
	"github.com/claimsvc/claimsvc/internal/dataset"
)

// contradictionTrain are the TRAIN-like files the cue weights are learned from.
// negation-rte is left out: its two-way labels ("non_entailment") mix
// contradictions with neutral pairs.
const contradictionTrain = "contradiction/sick-train.jsonl,contradiction/breaking-nli.jsonl,contradiction/negation-mnli.jsonl,contradiction/negation-snli.jsonl"

// trainContradiction learns the cue weights of internal/contradiction by logistic
// regression, each training file weighing the same in total, then picks the
// default threshold on a dev file as the lowest score whose precision there is at
// least -precision.
func trainContradiction(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("contradiction", flag.ContinueOnError)
	fs.SetOutput(stderr)
	train := fs.String("train", contradictionTrain, "comma-separated training files, relative to the data folder")
	dev := fs.String("dev", "contradiction/mnli-dev-a.jsonl", "file the threshold is chosen on, relative to the data folder")
	target := fs.Float64("precision", 0.8, "precision the threshold must reach on -dev")
	fprDev := fs.String("fpr-dev", "contradiction/fever-symmetric-dev.jsonl", "real-world pairs whose false-positive rate bounds the threshold, relative to the data folder")
	maxFPR := fs.Float64("max-fpr", 0.025, "false-positive rate the threshold must not exceed on -fpr-dev")
	out := fs.String("out", "internal/contradiction/weights.json", "where to write the weights")
	if err := fs.Parse(args); err != nil {
		return err
	}
	// Features do not depend on weights: featurise with a blank model, so training
	// works even when the committed weights.json no longer matches the features.
	names := contradiction.FeatureNames()
	c, err := contradiction.NewWithWeights(contradiction.Weights{Features: names, Values: make([]float64, len(names)), Threshold: 0.5})
	if err != nil {
		return err
	}
	var examples []contradiction.Example
	for _, rel := range strings.Split(*train, ",") {
		pairs, err := readNLIPairs(rel)
		if err != nil {
			return err
		}
		n := 0
		for _, p := range pairs {
			if p.ThreeWay() {
				n++
			}
		}
		for i, p := range pairs {
			if i%512 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			if !p.ThreeWay() {
				continue
			}
			examples = append(examples, contradiction.Example{
				Features:      c.Features(p.Premise, p.Hypothesis),
				Contradiction: p.Contradiction(),
				Weight:        1 / float64(n),
			})
		}
		fmt.Fprintf(stderr, "train: %s: %d pairs\n", rel, n)
	}
	opts := contradiction.DefaultTrainOptions()
	values, err := contradiction.Train(examples, opts)
	if err != nil {
		return err
	}
	w := contradiction.Weights{
		Note: fmt.Sprintf("made by `go run ./cmd/claimtrain contradiction` (logistic regression, %d iterations, rate %g, L2 %g) on %s; threshold = lowest score with precision >= %g on %s and false-positive rate <= %g on %s",
			opts.Iterations, opts.Rate, opts.L2, *train, *target, *dev, *maxFPR, *fprDev),
		Features: contradiction.FeatureNames(),
		Values:   values,
	}
	w.Threshold = 0.5 // placeholder until chosen below; RawScore does not use it
	probe, err := contradiction.NewWithWeights(w)
	if err != nil {
		return err
	}
	devScores, devGold, err := scorePairs(probe, *dev)
	if err != nil {
		return err
	}
	fprScores, fprGold, err := scorePairs(probe, *fprDev)
	if err != nil {
		return err
	}
	// The lowest threshold (highest recall) whose precision on -dev reaches the target
	// and whose false-positive rate on -fpr-dev stays within bounds, with at least 20
	// predictions so the precision means something.
	cands := append([]float64(nil), devScores...)
	sort.Sort(sort.Reverse(sort.Float64Slice(cands)))
	best := 0.0
	for i, t := range cands {
		if t < 1e-6 || i+1 < 20 || (i+1 < len(cands) && cands[i+1] == t) {
			continue
		}
		p, _, _ := rates(devScores, devGold, t)
		_, _, fpr := rates(fprScores, fprGold, t)
		if p >= *target && fpr <= *maxFPR {
			best = t
		}
	}
	if best == 0 {
		return fmt.Errorf("no threshold reaches precision %g on %s with FPR <= %g on %s", *target, *dev, *maxFPR, *fprDev)
	}
	positives := 0
	for _, g := range devGold {
		if g {
			positives++
		}
	}
	w.Threshold = best
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(w); err != nil {
		return fmt.Errorf("contradiction: %w", err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("contradiction: %w", err)
	}
	for i, n := range w.Features {
		fmt.Fprintf(stdout, "%-18s %+.3f\n", n, w.Values[i])
	}
	fmt.Fprintf(stdout, "threshold %.4f (dev %s, %d contradictions)\nwrote %s\n", w.Threshold, filepath.Base(*dev), positives, *out)
	return nil
}

// scorePairs scores every pair of a file with c, returning scores and gold labels.
func scorePairs(c *contradiction.Classifier, rel string) ([]float64, []bool, error) {
	pairs, err := readNLIPairs(rel)
	if err != nil {
		return nil, nil, err
	}
	scores, gold := make([]float64, len(pairs)), make([]bool, len(pairs))
	for i, p := range pairs {
		scores[i] = c.RawScore(p.Premise, p.Hypothesis)
		gold[i] = p.Contradiction()
	}
	return scores, gold, nil
}

// rates are precision, recall and false-positive rate at threshold t.
func rates(scores []float64, gold []bool, t float64) (p, r, fpr float64) {
	var tp, fp, fn, tn float64
	for i, s := range scores {
		switch {
		case s >= t && gold[i]:
			tp++
		case s >= t:
			fp++
		case gold[i]:
			fn++
		default:
			tn++
		}
	}
	return tp / max(1, tp+fp), tp / max(1, tp+fn), fp / max(1, fp+tn)
}

func readNLIPairs(rel string) ([]dataset.NLIPair, error) {
	path, err := dataset.Path(rel)
	if err != nil {
		return nil, err
	}
	return dataset.ReadNLIPairs(path)
}
