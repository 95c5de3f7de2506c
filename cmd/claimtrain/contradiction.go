package main

import (
	"context"
	"flag"
	"io"
	"strings"

	"github.com/claimsvc/claimsvc/internal/contradiction"
)

// trainContradiction parses the contradiction trainer's flags and runs
// contradiction.TrainWeights, which writes internal/contradiction/weights.json.
func trainContradiction(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := contradiction.DefaultTrainConfig()
	fs := flag.NewFlagSet("contradiction", flag.ContinueOnError)
	fs.SetOutput(stderr)
	train := fs.String("train", strings.Join(f.Train, ","), "comma-separated training files, relative to the data folder")
	fs.StringVar(&f.Tune, "tune", f.Tune, "dev file learned from (cross-validated) and the threshold is chosen on, relative to the data folder")
	fs.Float64Var(&f.TuneWeight, "tune-weight", f.TuneWeight, "total weight of -tune relative to one training file")
	fs.IntVar(&f.Folds, "folds", f.Folds, "cross-validation folds on -tune (pair i is in fold i mod folds)")
	fs.Float64Var(&f.Precision, "precision", f.Precision, "precision the threshold must reach on -tune")
	fs.StringVar(&f.FPRDev, "fpr-dev", f.FPRDev, "real-world pairs whose false-positive rate bounds the threshold (never learned from), relative to the data folder")
	fs.Float64Var(&f.MaxFPR, "max-fpr", f.MaxFPR, "false-positive rate the threshold must not exceed on -fpr-dev")
	fs.StringVar(&f.Out, "out", f.Out, "where to write the weights")
	fs.IntVar(&f.Learner.Epochs, "epochs", f.Learner.Epochs, "passes of the learner over the examples")
	if err := fs.Parse(args); err != nil {
		return err
	}
	f.Train = strings.Split(*train, ",")
	return contradiction.TrainWeights(ctx, f, stdout, stderr)
}
