package contradiction

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/claimsvc/claimsvc/internal/dataset"
	"github.com/claimsvc/claimsvc/internal/learn"
)

// TrainConfig says what the cue weights are learned from and how the threshold
// is chosen. Paths are relative to the data folder (dataset.Path).
type TrainConfig struct {
	Train      []string // training files, each weighing the same in total
	Tune       string   // dev file also learned from (cross-validated); the threshold is chosen on it
	TuneWeight float64  // total weight of Tune relative to one training file
	Folds      int      // cross-validation folds on Tune (pair i is in fold i mod Folds)
	Precision  float64  // precision the threshold must reach on Tune
	FPRDev     string   // real-world pairs whose false-positive rate bounds the threshold; never learned from
	MaxFPR     float64  // false-positive rate the threshold must not exceed on FPRDev
	Out        string   // where to write the weights
	Learner    learn.LogRegConfig
}

// DefaultTrainConfig is how weights.json was made. negation-rte is left out of
// training: its two-way labels ("non_entailment") mix contradictions with neutral
// pairs.
func DefaultTrainConfig() TrainConfig {
	return TrainConfig{
		Train:      []string{"contradiction/sick-train.jsonl", "contradiction/breaking-nli.jsonl", "contradiction/negation-mnli.jsonl", "contradiction/negation-snli.jsonl"},
		Tune:       "contradiction/mnli-dev-a.jsonl",
		TuneWeight: 2,
		Folds:      5,
		Precision:  0.8,
		FPRDev:     "contradiction/fever-symmetric-dev.jsonl",
		MaxFPR:     0.015,
		Out:        "internal/contradiction/weights.json",
		Learner:    learn.LogRegConfig{Epochs: 40, Rate: 0.05, L2: 1e-4, Seed: 1},
	}
}

// labelled is one featurised pair with its label and training weight.
type labelled struct {
	x     []float64
	y     bool
	w     float64
	pairs dataset.NLIPair
}

// TrainWeights learns the cue weights by logistic regression (the shared learner,
// internal/learn) and writes them to cfg.Out. Because the tune file is learned
// from, its figures are reported by k-fold cross-validation: for each fold the
// weights are fitted without it, the threshold is picked on the other folds alone
// (the lowest score reaching cfg.Precision there with a false-positive rate on
// cfg.FPRDev within cfg.MaxFPR) and the held-out fold is scored at that threshold.
// The written weights are fitted on everything, the threshold picked the same way
// on the whole tune file. Progress goes to log, figures and weights to out.
func TrainWeights(ctx context.Context, cfg TrainConfig, out, log io.Writer) error {
	if cfg.Folds < 2 {
		return fmt.Errorf("contradiction: folds must be at least 2")
	}
	// Features do not depend on weights: featurise with a blank model, so training
	// works even when the committed weights.json no longer matches the features.
	names := FeatureNames()
	c, err := NewWithWeights(Weights{Features: names, Values: make([]float64, len(names)), Threshold: 0.5})
	if err != nil {
		return err
	}
	var base []labelled
	for _, rel := range cfg.Train {
		ex, err := featurise(ctx, c, rel, 1)
		if err != nil {
			return err
		}
		base = append(base, ex...)
		fmt.Fprintf(log, "train: %s: %d pairs\n", rel, len(ex))
	}
	tune, err := featurise(ctx, c, cfg.Tune, cfg.TuneWeight)
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "tune: %s: %d pairs (weight %g)\n", cfg.Tune, len(tune), cfg.TuneWeight)
	fprPairs, err := readPairs(cfg.FPRDev)
	if err != nil {
		return err
	}

	// fit trains on the base files and the tune pairs outside fold skip (-1: all),
	// and picks the threshold on those same tune pairs.
	fit := func(skip int) (Weights, *Classifier, error) {
		ex := append([]labelled(nil), base...)
		var in []dataset.NLIPair
		n := 0
		for i := range tune {
			if i%cfg.Folds != skip {
				n++
			}
		}
		for i, e := range tune {
			if i%cfg.Folds == skip {
				continue
			}
			e.w = cfg.TuneWeight / float64(n)
			ex = append(ex, e)
			in = append(in, e.pairs)
		}
		values, err := fitLogReg(ctx, ex, cfg.Learner)
		if err != nil {
			return Weights{}, nil, err
		}
		w := Weights{Features: names, Values: values, Threshold: 0.5} // RawScore ignores the threshold
		probe, err := NewWithWeights(w)
		if err != nil {
			return w, nil, err
		}
		devScores, devGold := scorePairs(probe, in)
		fprScores, fprGold := scorePairs(probe, fprPairs)
		if w.Threshold, err = pickThreshold(devScores, devGold, fprScores, fprGold, cfg.Precision, cfg.MaxFPR); err != nil {
			return w, nil, fmt.Errorf("%w on %s with FPR <= %g on %s", err, cfg.Tune, cfg.MaxFPR, cfg.FPRDev)
		}
		probe, err = NewWithWeights(w)
		return w, probe, err
	}

	var tp, fp, fn, tn, fprFP, fprN float64
	for k := range cfg.Folds {
		if err := ctx.Err(); err != nil {
			return err
		}
		w, probe, err := fit(k)
		if err != nil {
			return err
		}
		var held []dataset.NLIPair
		for i, e := range tune {
			if i%cfg.Folds == k {
				held = append(held, e.pairs)
			}
		}
		s, g := scorePairs(probe, held)
		a, b, cc, d := counts(s, g, w.Threshold)
		fs, fg := scorePairs(probe, fprPairs)
		_, fpF, _, tnF := counts(fs, fg, w.Threshold)
		tp, fp, fn, tn, fprFP, fprN = tp+a, fp+b, fn+cc, tn+d, fprFP+fpF, fprN+fpF+tnF
		fmt.Fprintf(log, "fold %d: threshold %.4f held-out P %.3f R %.3f (TP %.0f FP %.0f FN %.0f); %s FPR %.3f\n",
			k, w.Threshold, a/max(1, a+b), a/max(1, a+cc), a, b, cc, filepath.Base(cfg.FPRDev), fpF/max(1, fpF+tnF))
	}
	cvP, cvR := tp/max(1, tp+fp), tp/max(1, tp+fn)
	cv := fmt.Sprintf("%d-fold CV on %s: P %.3f R %.3f F1 %.3f FPR %.3f; %s FPR %.3f (mean over folds)",
		cfg.Folds, filepath.Base(cfg.Tune), cvP, cvR, 2*cvP*cvR/max(1e-9, cvP+cvR), fp/max(1, fp+tn), filepath.Base(cfg.FPRDev), fprFP/max(1, fprN))
	fmt.Fprintln(out, cv)

	w, _, err := fit(-1)
	if err != nil {
		return err
	}
	l := cfg.Learner
	w.Note = fmt.Sprintf("made by `go run ./cmd/claimtrain contradiction` (internal/learn logistic regression, AdaGrad, %d epochs, rate %g, L2 %g, seed %d) on %s and %s (weight %g); threshold = lowest score with precision >= %g on %s and false-positive rate <= %g on %s; %s",
		l.Epochs, l.Rate, l.L2, l.Seed, strings.Join(cfg.Train, ","), cfg.Tune, cfg.TuneWeight, cfg.Precision, cfg.Tune, cfg.MaxFPR, cfg.FPRDev, cv)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(w); err != nil {
		return fmt.Errorf("contradiction: %w", err)
	}
	if err := os.WriteFile(cfg.Out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("contradiction: %w", err)
	}
	for i, n := range w.Features {
		fmt.Fprintf(out, "%-18s %+.3f\n", n, w.Values[i])
	}
	fmt.Fprintf(out, "threshold %.4f\nwrote %s\n", w.Threshold, cfg.Out)
	return nil
}

// fitLogReg fits the cue weights with the shared learner. Example weights are
// rescaled to average 1 (each file still weighs its share); the learner's bias is
// folded into the bias feature's weight.
func fitLogReg(ctx context.Context, ex []labelled, cfg learn.LogRegConfig) ([]float64, error) {
	if len(ex) == 0 {
		return nil, fmt.Errorf("contradiction: no training examples")
	}
	total := 0.0
	for _, e := range ex {
		total += e.w
	}
	if total <= 0 {
		return nil, fmt.Errorf("contradiction: training weights sum to %v", total)
	}
	scale := float64(len(ex)) / total
	feats := make([]int32, numFeatures-1) // every feature but the bias, dense
	for i := range feats {
		feats[i] = int32(i + 1)
	}
	xs := make([]learn.Example, len(ex))
	for i, e := range ex {
		y := 0.0
		if e.y {
			y = 1
		}
		xs[i] = learn.Example{Feats: feats, Vals: e.x, Y: y, W: e.w * scale}
	}
	w, bias, err := learn.TrainLogReg(ctx, xs, numFeatures, cfg)
	if err != nil {
		return nil, fmt.Errorf("contradiction: %w", err)
	}
	w[fBias] = bias
	return w, nil
}

// featurise reads a file's three-way-labelled pairs as examples weighing total in
// all; x holds every feature but the bias, in FeatureNames order from index 1.
func featurise(ctx context.Context, c *Classifier, rel string, total float64) ([]labelled, error) {
	pairs, err := readPairs(rel)
	if err != nil {
		return nil, err
	}
	var kept []dataset.NLIPair
	for _, p := range pairs {
		if p.ThreeWay() {
			kept = append(kept, p)
		}
	}
	out := make([]labelled, len(kept))
	for i, p := range kept {
		if i%512 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		f := c.Features(p.Premise, p.Hypothesis)
		out[i] = labelled{x: f[1:], y: p.Contradiction(), w: total / float64(len(kept)), pairs: p}
	}
	return out, nil
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

// scorePairs scores pairs with c, returning raw scores and gold labels.
func scorePairs(c *Classifier, pairs []dataset.NLIPair) ([]float64, []bool) {
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

func readPairs(rel string) ([]dataset.NLIPair, error) {
	path, err := dataset.Path(rel)
	if err != nil {
		return nil, err
	}
	return dataset.ReadNLIPairs(path)
}
