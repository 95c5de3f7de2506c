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
	Dev     string // ct24-dev: the default threshold is chosen on it and Devtest
	Devtest string // ct24-devtest, the most recent debates
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
	// left out in an epoch, so the model cannot lean on any one word.
	Dropout float64
	Keep    int // how many lexical weights of largest magnitude to keep
}

// DefaultCheckConfig is the configuration the embedded model was made with.
func DefaultCheckConfig() CheckConfig {
	return CheckConfig{
		Train:     dataPath("checkworthy/ct24-train.jsonl"),
		Dev:       dataPath("checkworthy/ct24-dev.jsonl"),
		Devtest:   dataPath("checkworthy/ct24-devtest.jsonl"),
		Out:       "internal/scoring/data/checkworthy-model.tsv",
		Epochs:    4,
		Rate:      0.05,
		L2:        3e-3,
		LexicalL2: 3e-3,
		Keep:      20000,
	}
}

// Checkworthy fits logistic regression over scoring.CheckFeaturizer's features
// on ct24-train, keeps the Keep weights of largest magnitude (the file stays
// small), chooses the default threshold that maximises positive-class F1 on
// ct24-dev and ct24-devtest together, prints the figures to log and writes the
// model to cfg.Out. It is deterministic.
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
	xs := make([]learn.Example, len(train))
	for i, r := range train {
		x := learn.Example{W: 1}
		for _, b := range fz.Features(r.Text) {
			x.Feats = append(x.Feats, int32(b))
		}
		if r.Checkworthy {
			x.Y = 1
		}
		xs[i] = x
	}
	w, bias, err := learn.TrainLogReg(ctx, xs, scoring.CheckBuckets, learn.LogRegConfig{Epochs: f.Epochs, Rate: f.Rate, L2: f.L2, Seed: 3})
	if err != nil {
		return err
	}
	kept := learn.PruneTop(w, f.Keep)

	score := func(text string) float64 {
		z := bias
		for _, b := range fz.Features(text) {
			z += float64(float32(roundWeight(kept[b])))
		}
		return learn.Sigmoid(z)
	}
	devScores, devLabels := scoreAll(dev, score)
	threshold, _ := learn.BestThreshold(devScores, devLabels)
	for _, set := range []struct {
		name string
		data []dataset.CheckworthySentence
	}{{"dev", dev}, {"devtest", devtest}} {
		s, l := scoreAll(set.data, score)
		var c metrics.Confusion
		for i := range s {
			c.Add(s[i] >= threshold, l[i])
		}
		fmt.Fprintf(log, "checkworthy %s: F1 %.4f P %.4f R %.4f AP %.4f (threshold %.4f)\n",
			set.name, c.F1(), c.Precision(), c.Recall(), metrics.AveragePrecision(s, l), threshold)
	}
	sums, err := learn.FileSums(f.Train, f.Dev)
	if err != nil {
		return err
	}
	return writeCheckModel(f, sums, kept, bias, threshold)
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
// so the threshold is chosen on exactly the scores the product will compute.
func roundWeight(v float64) float64 {
	if v == 0 {
		return 0
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 4, 64), 64)
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
		Params:  []learn.Param{learn.P("epochs", f.Epochs), learn.P("rate", f.Rate), learn.P("l2", f.L2), learn.P("lexical-l2", f.LexicalL2), learn.P("dropout", f.Dropout), learn.P("keep", f.Keep)},
		Notes: []string{
			"learned from ct24-train (CLEF-2024 CheckThat! Task 1 English); threshold chosen on ct24-dev",
			"weights are of hashed n-gram and hand features (see checkFeatures); no corpus text is stored",
		},
	})
	mw.Row("param", "buckets", strconv.Itoa(scoring.CheckBuckets))
	mw.Row("param", "bias", fmt.Sprintf("%.6g", bias))
	mw.Row("param", "threshold", fmt.Sprintf("%.6g", threshold))
	for i, v := range w {
		if v != 0 {
			mw.Row("w", strconv.Itoa(i), fmt.Sprintf("%.4g", v))
		}
	}
	if err := mw.Close(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
