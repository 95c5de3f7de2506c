package scoretrain

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/claimsvc/claimsvc/internal/dataset"
	"github.com/claimsvc/claimsvc/internal/learn"
	"github.com/claimsvc/claimsvc/internal/metrics"
	"github.com/claimsvc/claimsvc/internal/scoring"
)

// CheckConfig are the inputs and knobs of the check-worthiness trainer.
type CheckConfig struct {
	Train   string // ct24-train: the only file weights are learned from
	Dev     string // ct24-dev, a random sample of the training debates (optimistic): helps choose the threshold
	Devtest string // ct24-devtest, the most recent debates: helps choose the threshold
	Out     string // model file to write
	Epochs  int
	Rate    float64 // AdaGrad learning rate
	L2      float64 // L2 penalty of the genre-general (hand) features
	// LexicalL2 is the L2 penalty of the lexical n-gram features: stronger,
	// because words tie a model to the debates it learned from while the hand
	// features (numbers, dates, entities, comparatives, change verbs) carry over
	// to news.
	LexicalL2 float64
	// Dropout is the probability that a lexical feature of a training example is
	// left out on one visit, so the model cannot lean on any one word.
	Dropout float64
	Keep    int // how many lexical weights of largest magnitude to keep
	// PositiveWeight weighs check-worthy training sentences against the others.
	PositiveWeight float64
	// RecentFrom splits off the training sentences whose numeric id is at least
	// RecentFrom — the latest debates (ids grow with time) — for choosing the
	// threshold: a first model learns without them, the threshold maximises F1
	// on them, ct24-devtest (both later than what that model saw, as the news
	// the service reads is later than any training data) and ct24-dev pooled,
	// and the final model then learns from all of ct24-train.
	RecentFrom int
}

// DefaultCheckConfig is the configuration the embedded model was made with.
func DefaultCheckConfig() CheckConfig {
	return CheckConfig{
		Train:          dataPath("checkworthy/ct24-train.jsonl"),
		Dev:            dataPath("checkworthy/ct24-dev.jsonl"),
		Devtest:        dataPath("checkworthy/ct24-devtest.jsonl"),
		Out:            "internal/scoring/data/checkworthy-model.tsv",
		Epochs:         4,
		Rate:           0.05,
		L2:             1e-3,
		LexicalL2:      3e-3,
		Keep:           20000,
		PositiveWeight: 2,
		RecentFrom:     28000,
	}
}

// Checkworthy fits logistic regression over scoring.CheckFeaturizer's features
// on ct24-train with domain-robust regularisation — a stronger L2 penalty (and
// optional dropout) on the lexical n-grams than on the genre-general features —
// keeps the Keep lexical weights of largest magnitude (the file stays small),
// chooses the default threshold on later debates than it learned from (see
// CheckConfig.RecentFrom), prints the figures and calibration (mean score
// against the positive rate) of every split to log and writes the model to
// cfg.Out. It is deterministic.
func Checkworthy(ctx context.Context, f CheckConfig, log io.Writer) error {
	train, err := dataset.ReadCheckworthy(f.Train)
	if err != nil {
		return err
	}
	dev, err := dataset.ReadCheckworthy(f.Dev)
	if err != nil {
		return err
	}
	devtest, err := dataset.ReadCheckworthy(f.Devtest)
	if err != nil {
		return err
	}
	fz, err := scoring.NewCheckFeaturizer()
	if err != nil {
		return err
	}
	earlier, recent := splitRecent(train, f.RecentFrom)
	tuning := append(append(append([]dataset.CheckworthySentence{}, devtest...), recent...), dev...)
	first, err := fitCheck(ctx, f, fz, earlier)
	if err != nil {
		return err
	}
	threshold, _ := learn.BestThreshold(scoreAll(tuning, first.score))
	if len(recent) > 0 {
		fmt.Fprintf(log, "checkworthy: threshold %.4f chosen on ct24-dev, ct24-devtest and the %d training sentences with id >= %d, by a model learned without them:\n", threshold, len(recent), f.RecentFrom)
		reportCheck(log, "  held-out recent", recent, first.score, threshold)
		reportCheck(log, "  devtest", devtest, first.score, threshold)
	}
	final := first
	if len(recent) > 0 {
		if final, err = fitCheck(ctx, f, fz, train); err != nil {
			return err
		}
	}
	fmt.Fprintf(log, "checkworthy: final model (all of ct24-train) at threshold %.4f:\n", threshold)
	reportCheck(log, "  dev", dev, final.score, threshold)
	reportCheck(log, "  devtest", devtest, final.score, threshold)
	sums, err := learn.FileSums(f.Train, f.Dev, f.Devtest)
	if err != nil {
		return err
	}
	return writeCheckModel(f, sums, final.w, final.bias, threshold)
}

// checkFit is one fitted check-worthiness model, its weights as the model file
// stores them.
type checkFit struct {
	w    []float64
	bias float64
	fz   *scoring.CheckFeaturizer
}

// score is the model's probability for text, computed as the scorer will.
func (m checkFit) score(text string) float64 {
	z := m.bias
	for _, b := range m.fz.Features(text) {
		z += float64(float32(m.w[b]))
	}
	return learn.Sigmoid(z)
}

// fitCheck fits the model on data.
func fitCheck(ctx context.Context, f CheckConfig, fz *scoring.CheckFeaturizer, data []dataset.CheckworthySentence) (checkFit, error) {
	xs := make([]learn.Example, len(data))
	for i, r := range data {
		x := learn.Example{W: 1}
		for _, b := range fz.Features(r.Text) {
			x.Feats = append(x.Feats, int32(b))
		}
		if r.Checkworthy {
			x.Y, x.W = 1, f.PositiveWeight
		}
		xs[i] = x
	}
	w, bias, err := learn.TrainLogRegGrouped(ctx, xs, scoring.CheckDim, learn.GroupedConfig{
		LogRegConfig: learn.LogRegConfig{Epochs: f.Epochs, Rate: f.Rate, Seed: 3},
		L2Of: func(k int) float64 {
			if scoring.IsLexicalCheckFeature(k) {
				return f.LexicalL2
			}
			return f.L2
		},
		DropoutOf: func(k int) float64 {
			if scoring.IsLexicalCheckFeature(k) {
				return f.Dropout
			}
			return 0
		},
	})
	if err != nil {
		return checkFit{}, err
	}
	// Keep every genre-general weight and the Keep lexical ones of largest magnitude.
	kept := learn.PruneTop(w[:scoring.CheckBuckets], f.Keep)
	kept = append(kept, w[scoring.CheckBuckets:]...)
	for i, v := range kept {
		kept[i] = roundWeight(v)
	}
	return checkFit{w: kept, bias: roundWeight6(bias), fz: fz}, nil
}

// splitRecent splits data into the sentences with a numeric id below from and
// the others (none when from is 0).
func splitRecent(data []dataset.CheckworthySentence, from int) (earlier, recent []dataset.CheckworthySentence) {
	if from <= 0 {
		return data, nil
	}
	for _, r := range data {
		if id, err := strconv.Atoi(r.ID); err == nil && id >= from {
			recent = append(recent, r)
			continue
		}
		earlier = append(earlier, r)
	}
	return earlier, recent
}

// reportCheck prints F1, precision, recall and AP of score on data at
// threshold, the best F1 the split itself would pick, and the calibration
// (mean score against the share of check-worthy sentences).
func reportCheck(log io.Writer, name string, data []dataset.CheckworthySentence, score func(string) float64, threshold float64) {
	s, l := scoreAll(data, score)
	var c metrics.Confusion
	for i := range s {
		c.Add(s[i] >= threshold, l[i])
	}
	bestT, bestF1 := learn.BestThreshold(s, l)
	fmt.Fprintf(log, "%s (n=%d): F1 %.4f P %.4f R %.4f AP %.4f; own best F1 %.4f at %.3f; mean score %.3f vs positive rate %.3f\n",
		name, len(data), c.F1(), c.Precision(), c.Recall(), metrics.AveragePrecision(s, l), bestF1, bestT, mean(s), rate(l))
}

// scoreAll scores every sentence.
func scoreAll(data []dataset.CheckworthySentence, score func(string) float64) ([]float64, []bool) {
	s := make([]float64, len(data))
	l := make([]bool, len(data))
	for i, r := range data {
		s[i], l[i] = score(r.Text), r.Checkworthy
	}
	return s, l
}

// roundWeight is a weight as the model file stores it (4 significant digits),
// so the threshold is chosen on exactly the scores the product will compute;
// roundWeight6 is the bias's rounding (6 digits).
func roundWeight(v float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 4, 64), 64)
	return r
}

func roundWeight6(v float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 6, 64), 64)
	return r
}

// writeCheckModel writes the model in the format scoring parses.
func writeCheckModel(f CheckConfig, sums []string, w []float64, bias, threshold float64) error {
	out, err := os.Create(f.Out)
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	mw := learn.NewModelWriter(out, learn.Header{
		Model:   "check-worthiness logistic regression for internal/scoring (format: see checkworthy.go)",
		Command: "go run ./cmd/claimtrain checkworthy",
		Data:    sums,
		Params:  []learn.Param{learn.P("epochs", f.Epochs), learn.P("rate", f.Rate), learn.P("l2", f.L2), learn.P("lexical-l2", f.LexicalL2), learn.P("dropout", f.Dropout), learn.P("keep", f.Keep), learn.P("positive-weight", f.PositiveWeight), learn.P("recent-from", f.RecentFrom)},
		Notes: []string{
			"learned from ct24-train (CLEF-2024 CheckThat! Task 1 English); threshold chosen on ct24-dev, ct24-devtest and the latest ct24-train debates (id >= recent-from) pooled, by a model learned without the latter",
			"w rows: hashed lexical n-gram buckets; h rows: genre-general features (scoring.CheckFeatureNames); no corpus text is stored",
		},
	})
	mw.Row("param", "buckets", strconv.Itoa(scoring.CheckBuckets))
	mw.Row("param", "bias", fmt.Sprintf("%.6g", bias))
	mw.Row("param", "threshold", fmt.Sprintf("%.6g", threshold))
	for i, v := range w[:scoring.CheckBuckets] {
		if v != 0 {
			mw.Row("w", strconv.Itoa(i), fmt.Sprintf("%.4g", v))
		}
	}
	for k, name := range scoring.CheckFeatureNames {
		mw.Row("h", name, fmt.Sprintf("%.4g", w[scoring.CheckBuckets+k]))
	}
	if err := mw.Close(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// mean is the mean of xs (0 for none).
func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var t float64
	for _, x := range xs {
		t += x
	}
	return t / float64(len(xs))
}

// rate is the share of true labels (0 for none).
func rate(ls []bool) float64 {
	n := 0
	for _, l := range ls {
		if l {
			n++
		}
	}
	if len(ls) == 0 {
		return 0
	}
	return float64(n) / float64(len(ls))
}
