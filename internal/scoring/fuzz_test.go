package scoring

import (
	"math"
	"testing"
	"time"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/cputime"
)

// FuzzScorer feeds the scorers hostile text and claims whose spans may be
// anything a buggy extractor could produce (negative, reversed, past the end,
// inside a rune). It asserts what every caller relies on: no CPU time beyond a
// bound proportional to the text's size, no panic, both scores
// in [0,1] and agreeing with their thresholds, and every hedge cue either
// slicing the text it claims to come from or, when the claim's span was
// unusable, carrying no span at all.
//
//	go test -run='^$' -fuzz=FuzzScorer -fuzztime=10m -parallel=1 ./internal/scoring/
func FuzzScorer(f *testing.F) {
	for _, s := range []struct {
		text                           string
		start, end, sentStart, sentEnd int
		cueStart, cueEnd               int
	}{
		{"Officials said the talks may resume next month.", 15, 47, 0, 48, 10, 14},
		{"“We will probably not sign,” she told reporters.", 3, 26, 0, 48, 33, 37},
		{"According to analysts, it could reportedly fail.", 23, 48, 0, 48, 0, 12},
		{"", 0, 0, 0, 0, 0, 0},
		{"\xff\xfe may \x00 perhaps", 1, 9, 0, 17, -3, 2},
		{"可能 会谈 失败 perhaps \ufeff", 2, 9, 0, 40, 5, 1},
		{"not not not never confirmed proven clearly might", 0, 48, 48, 0, 0, 3},
	} {
		f.Add(s.text, s.start, s.end, s.sentStart, s.sentEnd, s.cueStart, s.cueEnd)
	}
	sc, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, start, end, sentStart, sentEnd, cueStart, cueEnd int) {
		var h claim.Hedging
		took := cputime.Of(func() { h = sc.Hedge(text) })
		if bound := cputime.Budget(len(text), fuzzBase, fuzzPerByte); took > bound {
			t.Fatalf("Hedge of %d bytes took %v of CPU, more than %v", len(text), took, bound)
		}
		checkHedging(t, "Hedge", sc, text, h, false)

		p, worthy := sc.CheckWorthiness(text)
		if !(p >= 0 && p <= 1) || worthy != (p >= sc.CheckThreshold()) {
			t.Fatalf("CheckWorthiness = %v, %v (threshold %v)", p, worthy, sc.CheckThreshold())
		}

		c := claim.Claim{
			Span:     claim.Span{Start: start, End: end},
			Sentence: claim.Span{Start: sentStart, End: sentEnd},
			Attribution: claim.Attribution{
				Cue:     "said",
				CueSpan: claim.Span{Start: cueStart, End: cueEnd},
			},
		}
		if start >= 0 && end <= len(text) && start <= end {
			c.Text = text[start:end]
		}
		took = cputime.Of(func() { sc.Score(text, &c) })
		if bound := cputime.Budget(len(text), fuzzBase, fuzzPerByte); took > bound {
			t.Fatalf("Score over %d bytes took %v of CPU, more than %v", len(text), took, bound)
		}
		checkHedging(t, "Score", sc, text, c.Hedging, true)
		if !(c.CheckWorthiness >= 0 && c.CheckWorthiness <= 1) || c.CheckWorthy != (c.CheckWorthiness >= sc.CheckThreshold()) {
			t.Fatalf("Score: check-worthiness %v, %v", c.CheckWorthiness, c.CheckWorthy)
		}
	})
}

// Slowness bound: scoring must cost no more than this CPU time per byte of text
// (plus a base for GC and cold caches); quadratic paths exceed it on inputs of a
// few tens of kilobytes.
const (
	fuzzBase    = 100 * time.Millisecond
	fuzzPerByte = 20 * time.Microsecond
)

func checkHedging(t *testing.T, what string, sc *Scorer, text string, h claim.Hedging, spanlessOK bool) {
	t.Helper()
	if math.IsNaN(h.Score) || h.Score < 0 || h.Score > 1 {
		t.Fatalf("%s: score %v outside [0,1]", what, h.Score)
	}
	if h.Uncertain != (h.Score >= sc.HedgeThreshold()) {
		t.Fatalf("%s: uncertain %v disagrees with score %v and threshold %v", what, h.Uncertain, h.Score, sc.HedgeThreshold())
	}
	for _, cue := range h.Cues {
		sp := cue.Span
		if spanlessOK && sp == (claim.Span{}) {
			continue
		}
		if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End {
			t.Fatalf("%s: cue %q span %+v outside %d bytes", what, cue.Text, sp, len(text))
		}
		if text[sp.Start:sp.End] != cue.Text {
			t.Fatalf("%s: cue text %q but its span slices %q", what, cue.Text, text[sp.Start:sp.End])
		}
	}
}
