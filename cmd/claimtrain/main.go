// Command claimtrain produces the small learned weight files that claimsvc embeds,
// from the TRAIN splits of the shared evaluation data (shared/data/README.md), so
// every committed weight can be reproduced:
//
//	go run ./cmd/claimtrain <task> [flags]
//
// Each task lives in its own file, parses its own flags and writes its model into
// the package that embeds it. Training is deterministic: fixed seeds, fixed order.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
)

// task is one trainer: what it produces and how to run it with its arguments.
type task struct {
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func tasks() map[string]task {
	return map[string]task{
		"hedging":       {"hedge cue model + sentence layer (Szeged train, certainty train) -> internal/scoring/data/hedge-model.tsv", trainHedging},
		"contradiction": {"contradiction cue weights (sick-train, breaking-nli, negation-mnli/snli; threshold on mnli-dev-a) -> internal/contradiction/weights.json", trainContradiction},
		"cues":          {"cue-word precision of the extractor (PolNeAR train) -> internal/extractor/lexicons/cue-precision.tsv", trainCues},
		"attribution":   {"attribution model: cue classifier + speaker/content span rankers (PolNeAR train; threshold on dev) -> internal/extractor/models/attribution.tsv", trainAttribution},
		"checkworthy":   {"check-worthiness logistic regression (CT24 train) -> internal/scoring/data/checkworthy-model.tsv", trainCheckworthy},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "claimtrain:", err)
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	all := tasks()
	if len(args) == 0 || all[args[0]].run == nil {
		usage(stderr, all)
		return flag.ErrHelp
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(stderr, nil)))
	if err := all[args[0]].run(ctx, args[1:], stdout, stderr); err != nil {
		return fmt.Errorf("%s: %w", args[0], err)
	}
	return nil
}

func usage(w io.Writer, all map[string]task) {
	fmt.Fprintln(w, "usage: claimtrain <task> [flags]   (claimtrain <task> -h for the flags)\n\ntasks:")
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-14s %s\n", n, all[n].summary)
	}
}
