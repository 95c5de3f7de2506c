package main

import (
	"context"
	"flag"
	"io"

	"github.com/claimsvc/claimsvc/internal/scoring/scoretrain"
)

// trainHedging parses the hedging trainer's flags and runs scoretrain.Hedging,
// which writes internal/scoring/data/hedge-model.tsv.
func trainHedging(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := scoretrain.DefaultHedgeConfig()
	fs := flag.NewFlagSet("hedging", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.Train, "train", f.Train, "Szeged training `file`")
	fs.StringVar(&f.Certainty, "certainty", f.Certainty, "graded certainty training `file`")
	fs.StringVar(&f.Dev, "dev", f.Dev, "Szeged dev `file` for the threshold")
	fs.StringVar(&f.Out, "out", f.Out, "model `file` to write")
	fs.IntVar(&f.MinCount, "min-count", f.MinCount, "least times a gold cue form must occur in train to become a candidate")
	fs.Float64Var(&f.CertaintyWeight, "certainty-weight", f.CertaintyWeight, "weight of the certainty-train fit against the Szeged fit in the sentence layer")
	fs.BoolVar(&f.CV, "cv", false, "also report certainty Pearson from 2-fold cross-validation of the layer on certainty-train")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return scoretrain.Hedging(ctx, f, stdout)
}
