// Command claimeval measures claimsvc's extractor and scorers against labeled data
// in the formats of shared/data/README.md and prints the metrics.
//
//	go run ./cmd/claimeval <task> -data FILE [-json] [-predictions FILE]
//
// Tasks: attribution, hedging, certainty, checkworthy, contradiction, links (a
// batch of articles in a folder, -gold FILE). With -json the
// metrics are one JSON object on stdout and logs go to stderr; with -predictions every
// prediction is written as one JSON line so anyone can score it with their own scorer.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"

	"github.com/claimsvc/claimsvc/internal/profiling"
)

// options are the flags every task shares.
type options struct {
	data        string // the labeled file to evaluate on
	predictions string // where to write one JSON line per prediction; empty for none
	gold        string // gold links file (links task only)
}

// report is what a task returns: marshalled as-is with -json, printed by Text otherwise.
type report interface {
	Text(w io.Writer)
}

// task is one evaluation: how to run it and what it measures.
type task struct {
	summary string
	run     func(ctx context.Context, o options) (report, error)
}

func tasks() map[string]task {
	return map[string]task{
		"attribution":   {"who said what (PolNeAR): content, speaker and cue F1", runAttribution},
		"hedging":       {"uncertain-sentence F1, AUROC and cue F1 (Szeged)", runHedging},
		"certainty":     {"correlation of 1-hedging with graded certainty", runCertainty},
		"checkworthy":   {"check-worthy F1, precision, recall, AP (CheckThat! 2024)", runCheckworthy},
		"contradiction": {"contradiction precision, recall, F1, false-positive rate", runContradiction},
		"links":         {"a batch's links against a gold file: precision, recall per relation (-data DIR of .txt, -gold FILE)", runLinks},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "claimeval:", err)
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
	name, t := args[0], all[args[0]]
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	var asJSON bool
	fs.StringVar(&o.data, "data", "", "labeled `file` to evaluate on (JSON Lines, see shared/data/README.md)")
	fs.StringVar(&o.predictions, "predictions", "", "write one JSON line per prediction to `file`")
	fs.StringVar(&o.gold, "gold", "", "gold links `file` (links task: internal/linkeval/testdata/seeds-links.json)")
	fs.BoolVar(&asJSON, "json", false, "print the metrics as one JSON object on stdout")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to `file` (go tool pprof)")
	memProfile := fs.String("memprofile", "", "write an allocation profile of the run to `file` (go tool pprof)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if o.data == "" {
		fs.Usage()
		return fmt.Errorf("%s: -data is required", name)
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(stderr, nil)))
	stopProfile, err := profiling.Start(*cpuProfile, *memProfile)
	if err != nil {
		return err
	}
	rep, err := t.run(ctx, o)
	if perr := stopProfile(); err == nil {
		err = perr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	rep.Text(stdout)
	return nil
}

func usage(w io.Writer, all map[string]task) {
	fmt.Fprintln(w, "usage: claimeval <task> -data FILE [-json] [-predictions FILE]\n\ntasks:")
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-14s %s\n", n, all[n].summary)
	}
}
