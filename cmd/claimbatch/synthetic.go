package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/claimsvc/claimsvc/internal/batch"
)

// genSynthetic writes n synthetic articles as JSON Lines for load tests: each is
// one of the seed texts with its paragraphs shuffled and a few dropped, under a
// unique id and a varied publication date. The output is reproducible for a
// given -rand-seed. It is test input only: never a dataset.
func genSynthetic(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("claimbatch gen-synthetic", flag.ContinueOnError)
	fs.SetOutput(stderr)
	seeds := fs.String("seeds", "", "directory of seed articles (*.txt), e.g. ../shared/seeds")
	n := fs.Int("n", 100000, "number of articles to write")
	randSeed := fs.Uint64("rand-seed", 1, "random seed; the same seed gives the same file")
	output := fs.String("o", "", "write to this file instead of stdout")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *seeds == "" || *n < 0 || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "claimbatch gen-synthetic: give -seeds DIR and a non-negative -n")
		return 2
	}
	if err := writeSynthetic(*seeds, *n, *randSeed, *output, stdout); err != nil {
		fmt.Fprintln(stderr, "claimbatch gen-synthetic:", err)
		return 1
	}
	return 0
}

func writeSynthetic(dir string, n int, seed uint64, output string, stdout io.Writer) (err error) {
	docs, err := readSeeds(dir)
	if err != nil {
		return err
	}
	out := stdout
	if output != "" {
		f, err := os.Create(output)
		if err != nil {
			return err
		}
		defer func() {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}()
		out = f
	}
	w := bufio.NewWriterSize(out, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		d := docs[rng.IntN(len(docs))]
		in := batch.Input{
			ID:        fmt.Sprintf("syn-%07d-%s", i+1, d.name),
			Text:      vary(d.paragraphs, rng),
			Published: base.Add(time.Duration(rng.IntN(365*24)) * time.Hour).Format(time.RFC3339),
			Language:  "en",
		}
		if err := enc.Encode(in); err != nil {
			return err
		}
	}
	return w.Flush()
}

type seedDoc struct {
	name       string
	paragraphs []string
}

func readSeeds(dir string) ([]seedDoc, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var docs []seedDoc
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var paras []string
		for _, l := range strings.Split(string(b), "\n") {
			if strings.TrimSpace(l) != "" {
				paras = append(paras, l)
			}
		}
		if len(paras) > 0 {
			docs = append(docs, seedDoc{name: strings.TrimSuffix(filepath.Base(p), ".txt"), paragraphs: paras})
		}
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("no non-empty *.txt seed articles in %s", dir)
	}
	return docs, nil
}

// vary shuffles the paragraphs and drops about one in five (keeping at least one).
func vary(paras []string, rng *rand.Rand) string {
	keep := make([]string, 0, len(paras))
	for _, p := range paras {
		if rng.IntN(5) > 0 {
			keep = append(keep, p)
		}
	}
	if len(keep) == 0 {
		keep = append(keep, paras[rng.IntN(len(paras))])
	}
	rng.Shuffle(len(keep), func(i, j int) { keep[i], keep[j] = keep[j], keep[i] })
	return strings.Join(keep, "\n")
}
