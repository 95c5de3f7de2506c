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
// regression, each training file weighing the same in total, plus a dev file
// (-tune, MultiNLI dev half a) that is also learned from. Because that file is
// then no longer unseen, its figures are reported by k-fold cross-validation: for
// each fold, the weights are fitted without it, the threshold is picked on the
// other folds alone (the lowest score reaching -precision there with a
// false-positive rate on -fpr-dev within -max-fpr) and the held-out fold is scored
// at that threshold. The committed weights are then fitted on everything, with
// the threshold picked the same way on the whole tune file. -fpr-dev is never
// learned from.
func trainContradiction(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("contradiction", flag.ContinueOnError)
	fs.SetOutput(stderr)
	train := fs.String("train", contradictionTrain, "comma-separated training files, relative to the data folder")
	tune := fs.String("tune", "contradiction/mnli-dev-a.jsonl", "dev file learned from (cross-validated) and the threshold is chosen on, relative to the data folder")
	tuneWeight := fs.Float64("tune-weight", 2, "total weight of -tune relative to one training file")
	folds := fs.Int("folds", 5, "cross-validation folds on -tune (pair i is in fold i mod folds)")
	target := fs.Float64("precision", 0.8, "precision the threshold must reach on -tune")
	fprDev := fs.String("fpr-dev", "contradiction/fever-symmetric-dev.jsonl", "real-world pairs whose false-positive rate bounds the threshold (never learned from), relative to the data folder")
	maxFPR := fs.Float64("max-fpr", 0.025, "false-positive rate the threshold must not exceed on -fpr-dev")
	out := fs.String("out", "internal/contradiction/weights.json", "where to write the weights")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *folds < 2 {
		return fmt.Errorf("contradiction: -folds must be at least 2")
	}
	// Features do not depend on weights: featurise with a blank model, so training
	// works even when the committed weights.json no longer matches the features.
	names := contradiction.FeatureNames()
	c, err := contradiction.NewWithWeights(contradiction.Weights{Features: names, Values: make([]float64, len(names)), Threshold: 0.5})
	if err != nil {
		return err
	}
	var base []contradiction.Example
	for _, rel := range strings.Split(*train, ",") {
		ex, _, err := featurise(ctx, c, rel, 1)
		if err != nil {
			return err
		}
		base = append(base, ex...)
		fmt.Fprintf(stderr, "train: %s: %d pairs\n", rel, len(ex))
	}
	tuneEx, tunePairs, err := featurise(ctx, c, *tune, *tuneWeight)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "tune: %s: %d pairs (weight %g)\n", *tune, len(tuneEx), *tuneWeight)
	fprPairs, err := readNLIPairs(*fprDev)
	if err != nil {
		return err
	}
	opts := contradiction.DefaultTrainOptions()

	// fit trains on the base files and the tune pairs outside fold skip (-1: all),
	// and picks the threshold on those same tune pairs.
	fit := func(skip int) (contradiction.Weights, *contradiction.Classifier, error) {
		ex := append([]contradiction.Example(nil), base...)
		var in []dataset.NLIPair
		n := 0
		for i := range tuneEx {
			if i%*folds != skip {
				n++
			}
		}
		for i, e := range tuneEx {
			if i%*folds == skip {
				continue
			}
			e.Weight = *tuneWeight / float64(n)
			ex = append(ex, e)
			in = append(in, tunePairs[i])
		}
		values, err := contradiction.Train(ex, opts)
		if err != nil {
			return contradiction.Weights{}, nil, err
		}
		w := contradiction.Weights{Features: names, Values: values, Threshold: 0.5} // RawScore ignores the threshold
		probe, err := contradiction.NewWithWeights(w)
		if err != nil {
			return w, nil, err
		}
		devScores, devGold := scoreNLI(probe, in)
		fprScores, fprGold := scoreNLI(probe, fprPairs)
		if w.Threshold, err = pickThreshold(devScores, devGold, fprScores, fprGold, *target, *maxFPR); err != nil {
			return w, nil, fmt.Errorf("%w on %s with FPR <= %g on %s", err, *tune, *maxFPR, *fprDev)
		}
		probe, err = contradiction.NewWithWeights(w)
		return w, probe, err
	}

	// Cross-validated figures on the tune file.
	var tp, fp, fn, tn, fprFP, fprN float64
	for k := range *folds {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		w, probe, err := fit(k)
		if err != nil {
			return err
		}
		var held []dataset.NLIPair
		for i, p := range tunePairs {
			if i%*folds == k {
				held = append(held, p)
			}
		}
		s, g := scoreNLI(probe, held)
		a, b, cc, d := counts(s, g, w.Threshold)
		fs, fg := scoreNLI(probe, fprPairs)
		_, fpF, _, tnF := counts(fs, fg, w.Threshold)
		tp, fp, fn, tn, fprFP, fprN = tp+a, fp+b, fn+cc, tn+d, fprFP+fpF, fprN+fpF+tnF
		fmt.Fprintf(stderr, "fold %d: threshold %.4f held-out P %.3f R %.3f (TP %.0f FP %.0f FN %.0f); %s FPR %.3f\n",
			k, w.Threshold, a/max(1, a+b), a/max(1, a+cc), a, b, cc, filepath.Base(*fprDev), fpF/max(1, fpF+tnF))
	}
	cvP, cvR := tp/max(1, tp+fp), tp/max(1, tp+fn)
	cv := fmt.Sprintf("%d-fold CV on %s: P %.3f R %.3f F1 %.3f FPR %.3f; %s FPR %.3f (mean over folds)",
		*folds, filepath.Base(*tune), cvP, cvR, 2*cvP*cvR/max(1e-9, cvP+cvR), fp/max(1, fp+tn), filepath.Base(*fprDev), fprFP/max(1, fprN))
	fmt.Fprintln(stdout, cv)

	w, _, err := fit(-1)
	if err != nil {
		return err
	}
	w.Note = fmt.Sprintf("made by `go run ./cmd/claimtrain contradiction` (logistic regression, %d iterations, rate %g, L2 %g) on %s and %s (weight %g); threshold = lowest score with precision >= %g on %s and false-positive rate <= %g on %s; %s",
		opts.Iterations, opts.Rate, opts.L2, *train, *tune, *tuneWeight, *target, *tune, *maxFPR, *fprDev, cv)
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
	fmt.Fprintf(stdout, "threshold %.4f\nwrote %s\n", w.Threshold, *out)
	return nil
}

// featurise reads a file's three-way-labelled pairs and returns them as examples
// weighing total in all, with the pairs in the same order.
func featurise(ctx context.Context, c *contradiction.Classifier, rel string, total float64) ([]contradiction.Example, []dataset.NLIPair, error) {
	pairs, err := readNLIPairs(rel)
	if err != nil {
		return nil, nil, err
	}
	var kept []dataset.NLIPair
	for _, p := range pairs {
		if p.ThreeWay() {
			kept = append(kept, p)
		}
	}
	ex := make([]contradiction.Example, len(kept))
	for i, p := range kept {
		if i%512 == 0 && ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		ex[i] = contradiction.Example{
			Features:      c.Features(p.Premise, p.Hypothesis),
			Contradiction: p.Contradiction(),
			Weight:        total / float64(len(kept)),
		}
	}
	return ex, kept, nil
}

// pickThreshold is the lowest threshold (highest recall) whose precision on the dev
// scores reaches target and whose false-positive rate on the fpr scores stays
// within maxFPR, with at least 20 predictions so the precision means something.
func pickThreshold(devScores []float64, devGold []bool, fprScores []float64, fprGold []bool, target, maxFPR float64) (float64, error) {
	cands := append([]float64(nil), devScores...)
	sort.Sort(sort.Reverse(sort.Float64Slice(cands)))
	best := 0.0
	for i, t := range cands {
		if t < 1e-6 || i+1 < 20 || (i+1 < len(cands) && cands[i+1] == t) {
			continue
		}
		p, _, _ := rates(devScores, devGold, t)
		_, _, fpr := rates(fprScores, fprGold, t)
		if p >= target && fpr <= maxFPR {
			best = t
		}
	}
	if best == 0 {
		return 0, fmt.Errorf("no threshold reaches precision %g", target)
	}
	return best, nil
}

// scoreNLI scores pairs with c, returning raw scores and gold labels.
func scoreNLI(c *contradiction.Classifier, pairs []dataset.NLIPair) ([]float64, []bool) {
	scores, gold := make([]float64, len(pairs)), make([]bool, len(pairs))
	for i, p := range pairs {
		scores[i] = c.RawScore(p.Premise, p.Hypothesis)
		gold[i] = p.Contradiction()
	}
	return scores, gold
}

// counts are the true positives, false positives, false negatives and true
// negatives at threshold t.
func counts(scores []float64, gold []bool, t float64) (tp, fp, fn, tn float64) {
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
	return tp, fp, fn, tn
}

// rates are precision, recall and false-positive rate at threshold t.
func rates(scores []float64, gold []bool, t float64) (p, r, fpr float64) {
	tp, fp, fn, tn := counts(scores, gold, t)
	return tp / max(1, tp+fp), tp / max(1, tp+fn), fp / max(1, fp+tn)
}

func readNLIPairs(rel string) ([]dataset.NLIPair, error) {
	path, err := dataset.Path(rel)
	if err != nil {
		return nil, err
	}
	return dataset.ReadNLIPairs(path)
}
