package main

import (
	"context"
	"flag"
	"io"

	"github.com/claimsvc/claimsvc/internal/scoring/scoretrain"
)

// trainCheckworthy parses the check-worthiness trainer's flags and runs
// scoretrain.Checkworthy, which writes internal/scoring/data/checkworthy-model.tsv.
func trainCheckworthy(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := scoretrain.DefaultCheckConfig()
	fs := flag.NewFlagSet("checkworthy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.Train, "train", f.Train, "training `file`")
	fs.StringVar(&f.Dev, "dev", f.Dev, "dev `file`, reported")
	fs.StringVar(&f.Devtest, "devtest", f.Devtest, "second dev `file` (the most recent debates), helps choose the threshold")
	fs.StringVar(&f.Out, "out", f.Out, "model `file` to write")
	fs.IntVar(&f.Epochs, "epochs", f.Epochs, "passes over the training data")
	fs.Float64Var(&f.Rate, "rate", f.Rate, "AdaGrad learning rate")
	fs.Float64Var(&f.L2, "l2", f.L2, "L2 penalty of the genre-general hand features")
	fs.Float64Var(&f.LexicalL2, "lexical-l2", f.LexicalL2, "L2 penalty of the lexical n-gram features")
	fs.Float64Var(&f.Dropout, "dropout", f.Dropout, "probability of dropping a lexical feature from a training example per epoch")
	fs.IntVar(&f.Keep, "keep", f.Keep, "how many weights of largest magnitude to keep")
	fs.Float64Var(&f.PositiveWeight, "positive-weight", f.PositiveWeight, "weight of a check-worthy training sentence against the others")
	fs.IntVar(&f.RecentFrom, "recent-from", f.RecentFrom, "training sentences with numeric `id` >= this (the latest debates) choose the threshold for a model learned without them (0: dev and devtest choose it)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return scoretrain.Checkworthy(ctx, f, stdout)
}
