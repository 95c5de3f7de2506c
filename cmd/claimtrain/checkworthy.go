package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"github.com/claimsvc/claimsvc/internal/learn"
	"io"
	"os"

	"github.com/claimsvc/claimsvc/internal/dataset"
	"github.com/claimsvc/claimsvc/internal/metrics"
	"github.com/claimsvc/claimsvc/internal/scoring"
)

// checkFlags are the inputs and knobs of the check-worthiness trainer.
type checkFlags struct {
	train, dev, devtest, out string
	epochs                   int
	rate, l2                 float64
	keep                     int
}

// trainCheckworthy fits logistic regression over scoring.CheckFeaturizer's hashed
// unigrams, bigrams and hand features on ct24-train, keeps the -keep weights of
// largest magnitude (the file stays small), chooses the default threshold that
// maximises positive-class F1 on ct24-dev and prints dev and devtest figures.
func trainCheckworthy(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f checkFlags
	fs := flag.NewFlagSet("checkworthy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.train, "train", defaultPath("checkworthy/ct24-train.jsonl"), "training `file`")
	fs.StringVar(&f.dev, "dev", defaultPath("checkworthy/ct24-dev.jsonl"), "dev `file` for the threshold")
	fs.StringVar(&f.devtest, "devtest", defaultPath("checkworthy/ct24-devtest.jsonl"), "second dev `file`, reported only")
	fs.StringVar(&f.out, "out", "internal/scoring/data/checkworthy-model.tsv", "model `file` to write")
	fs.IntVar(&f.epochs, "epochs", 4, "passes over the training data")
	fs.Float64Var(&f.rate, "rate", 0.05, "AdaGrad learning rate")
	fs.Float64Var(&f.l2, "l2", 3e-3, "L2 penalty")
	fs.IntVar(&f.keep, "keep", 20000, "how many weights of largest magnitude to keep")
	if err := fs.Parse(args); err != nil {
		return err
	}
	train, err := dataset.ReadCheckworthy(f.train)
	if err != nil {
		return err
	}
	dev, err := dataset.ReadCheckworthy(f.dev)
	if err != nil {
		return err
	}
	devtest, err := dataset.ReadCheckworthy(f.devtest)
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
	w, bias, err := learn.TrainLogReg(ctx, xs, scoring.CheckBuckets, learn.LogRegConfig{Epochs: f.epochs, Rate: f.rate, L2: f.l2, Seed: 3})
	if err != nil {
		return err
	}
	kept := learn.PruneTop(w, f.keep)

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
		fmt.Fprintf(stdout, "checkworthy %s: F1 %.4f P %.4f R %.4f AP %.4f (threshold %.4f)\n",
			set.name, c.F1(), c.Precision(), c.Recall(), metrics.AveragePrecision(s, l), threshold)
	}
	sums, err := learn.FileSums(f.train, f.dev)
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
	var r float64
	fmt.Sscanf(fmt.Sprintf("%.4g", v), "%g", &r)
	return r
}

// writeCheckModel writes the model in the format scoring parses.
func writeCheckModel(f checkFlags, sums []string, w []float64, bias, threshold float64) error {
	out, err := os.Create(f.out)
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	bw := bufio.NewWriter(out)
	fmt.Fprintf(bw, "# Check-worthiness logistic regression for internal/scoring (format: see checkworthy.go).\n")
	fmt.Fprintf(bw, "# Made by: go run ./cmd/claimtrain checkworthy -epochs %d -rate %g -l2 %g -keep %d\n", f.epochs, f.rate, f.l2, f.keep)
	fmt.Fprintf(bw, "# Learned from ct24-train (CLEF-2024 CheckThat! Task 1 English); threshold chosen on ct24-dev.\n")
	fmt.Fprintf(bw, "# Inputs: %v\n", sums)
	fmt.Fprintf(bw, "# Weights are of hashed n-gram and hand features (see checkFeatures); no corpus text is stored.\n")
	fmt.Fprintf(bw, "param\tbuckets\t%d\n", scoring.CheckBuckets)
	fmt.Fprintf(bw, "param\tbias\t%.6g\n", bias)
	fmt.Fprintf(bw, "param\tthreshold\t%.6g\n", threshold)
	for i, v := range w {
		if v != 0 {
			fmt.Fprintf(bw, "w\t%d\t%.4g\n", i, v)
		}
	}
	if err := bw.Flush(); err != nil {
		out.Close()
		return fmt.Errorf("write model: %w", err)
	}
	return out.Close()
}
