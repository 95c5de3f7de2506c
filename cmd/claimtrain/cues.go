package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"

	"github.com/claimsvc/claimsvc/internal/dataset"
	"github.com/claimsvc/claimsvc/internal/extractor"
)

// cueStopWords are cue words that are never a cue's head: auxiliaries, adverbs and
// particles that PolNeAR includes in multi-word cues ("has also said", "according to").
var cueStopWords = map[string]bool{
	"to": true, "of": true, "in": true, "for": true, "on": true, "that": true, "a": true, "an": true,
	"the": true, "has": true, "have": true, "had": true, "is": true, "are": true, "was": true,
	"were": true, "be": true, "been": true, "will": true, "would": true, "could": true, "also": true,
	"not": true, "it": true, "out": true, "up": true, "clear": true, "down": true, "by": true, "about": true, "with": true, "as": true, "at": true,
}

// trainCues measures, on PolNeAR train, how often each candidate cue word the
// extractor fires on is a real cue (its cue span overlaps a gold cue), and writes
// the counts the extractor embeds to keep precise cue words and drop noisy ones.
// Candidates are the hand lexicons plus every word heading at least -min gold cues.
func trainCues(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("cues", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "PolNeAR train `file` (attribution/polnear-train.jsonl)")
	out := fs.String("out", "internal/extractor/lexicons/cue-precision.tsv", "where to write the table")
	minGold := fs.Int("min", 3, "gold cue occurrences a new candidate word needs")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *data == "" {
		p, err := dataset.Path("attribution/polnear-train.jsonl")
		if err != nil {
			return err
		}
		*data = p
	}
	arts, err := dataset.ReadAttribution(*data)
	if err != nil {
		return err
	}
	goldHeads := map[string]int{}
	for _, a := range arts {
		for _, g := range a.Attributions {
			for _, w := range cueWords(g.CueText) {
				goldHeads[w]++
				break
			}
		}
	}
	var cands []string
	for w, n := range goldHeads {
		if n >= *minGold {
			cands = append(cands, w)
		}
	}
	sort.Strings(cands)
	ex, err := extractor.NewWithOptions(extractor.Options{ExtraCueVerbs: cands, NoLearnedCues: true})
	if err != nil {
		return err
	}
	pred, right := map[string]int{}, map[string]int{}
	for _, a := range arts {
		cs, err := ex.Extract(ctx, a.Text)
		if err != nil {
			return fmt.Errorf("article %s: %w", a.ID, err)
		}
		for _, c := range cs {
			if c.Attribution.CueSpan.Empty() {
				continue
			}
			ws := cueWords(c.Attribution.Cue)
			if len(ws) == 0 {
				continue
			}
			w := ws[len(ws)-1]
			if len(ws) > 1 && (ws[0] == "according" || ws[0] == "made" || ws[0] == "pointed") {
				continue // multi-word phrases are not single-word cue verbs
			}
			pred[w]++
			for _, g := range a.Attributions {
				if overlapsAny(c.Attribution.CueSpan.Start, c.Attribution.CueSpan.End, g.Cue) {
					right[w]++
					break
				}
			}
		}
	}
	words := make([]string, 0, len(pred))
	for w := range pred {
		words = append(words, w)
	}
	sort.Strings(words)
	var b strings.Builder
	fmt.Fprintf(&b, "# Cue-word precision of the extractor on PolNeAR train (learned data, not hand-written).\n")
	fmt.Fprintf(&b, "# Made by: go run ./cmd/claimtrain cues -data ../shared/data/attribution/polnear-train.jsonl -min %d\n", *minGold)
	fmt.Fprintf(&b, "# Columns: word<TAB>times the extractor used it as a cue<TAB>times that cue overlapped a gold cue.\n")
	fmt.Fprintf(&b, "# Source data: PolNeAR (Newell et al. 2018), train split; only these counts are kept.\n")
	for _, w := range words {
		fmt.Fprintf(&b, "%s\t%d\t%d\n", w, pred[w], right[w])
	}
	if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
		return err
	}
	slog.Info("cues", "candidates", len(cands), "words", len(words), "out", *out)
	return nil
}

// cueWords lower-cases a cue and drops its auxiliaries and particles.
func cueWords(cue string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(cue)) {
		w = strings.Trim(w, ":,.\"“”")
		if w == "" || cueStopWords[w] || strings.ContainsAny(w, "’'") {
			continue
		}
		out = append(out, w)
	}
	return out
}

func overlapsAny(s, e int, spans [][2]int) bool {
	for _, x := range spans {
		if x[0] < e && s < x[1] {
			return true
		}
	}
	return false
}
