package scoring

import (
	"math"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/claimsvc/claimsvc/internal/claim"
)

func newScorer(t testing.TB) *Scorer {
	t.Helper()
	s, err := New()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

func cueTexts(h claim.Hedging) []string {
	var out []string
	for _, c := range h.Cues {
		out = append(out, strings.ToLower(c.Text))
	}
	return out
}

func hasCue(h claim.Hedging, text, kind string) bool {
	for _, c := range h.Cues {
		if strings.EqualFold(c.Text, text) && (kind == "" || c.Kind == kind) {
			return true
		}
	}
	return false
}

func TestHedge(t *testing.T) {
	s := newScorer(t)
	tests := []hedgeCase{
		{"modal", "The talks may resume next week.", true, "may", ClassModal, ""},
		{"month is not a modal", "On May 20, the talks resumed.", false, "", "", "May"},
		{"month first in sentence", "May 20 was the day the talks resumed.", false, "", "", "May"},
		{"name is not a modal", "Theresa May said the deal was done.", false, "", "", "May"},
		{"adjective", "It is possible that the plant will reopen.", true, "possible", ClassAdverb, ""},
		{"speculative verb and modal", "Officials suggested the line might be reopened.", true, "might", ClassModal, ""},
		{"conditional", "If the talks fail, sanctions will follow.", true, "if", ClassConditional, ""},
		{"adverb", "The plant was allegedly built without a permit.", true, "allegedly", "", ""},
		{"unclear whether", "It remains unclear whether the ceasefire will hold.", true, "unclear", "", ""},
		{"negated doubt is a booster", "There is no doubt that the plant reopened.", false, "no doubt", ClassNegatedHedge, "doubt"},
		{"without a doubt", "Without a doubt, the economy grew.", false, "without a doubt", ClassNegatedHedge, ""},
		{"booster", "The minister made clear that the line is closed.", false, "made clear", ClassBooster, ""},
		{"inability is not a hedge", "He could not attend the meeting.", false, "", "", "could"},
		{"plain fact", "The line was closed in 2022.", false, "", "", ""},
	}
	runHedgeCases(t, s, tests)
}

// hedgeCase is one sentence and what Hedge must say about it.
type hedgeCase struct {
	name      string
	sentence  string
	uncertain bool
	cue, kind string // a cue that must be reported ("" for none required)
	noCue     string // a word that must not be reported as a cue
}

// runHedgeCases checks each case's verdict, cues and cue spans.
func runHedgeCases(t *testing.T, s *Scorer, tests []hedgeCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := s.Hedge(tt.sentence)
			if h.Uncertain != tt.uncertain {
				t.Errorf("Uncertain = %v (score %.3f, cues %q), want %v", h.Uncertain, h.Score, cueTexts(h), tt.uncertain)
			}
			if tt.cue != "" && !hasCue(h, tt.cue, tt.kind) {
				t.Errorf("cues %q (%+v) lack %q of kind %q", cueTexts(h), h.Cues, tt.cue, tt.kind)
			}
			if tt.noCue != "" && hasCue(h, tt.noCue, "") {
				t.Errorf("cues %q wrongly include %q", cueTexts(h), tt.noCue)
			}
			checkCueSpans(t, tt.sentence, h)
		})
	}
}

// checkCueSpans asserts every cue's span slices the text to the cue's text.
func checkCueSpans(t *testing.T, text string, h claim.Hedging) {
	t.Helper()
	if math.IsNaN(h.Score) || h.Score < 0 || h.Score > 1 {
		t.Errorf("score %v outside [0,1]", h.Score)
	}
	for _, c := range h.Cues {
		if c.Span.Start < 0 || c.Span.End > len(text) || c.Span.Empty() || text[c.Span.Start:c.Span.End] != c.Text {
			t.Errorf("cue %q has span %v that does not slice the text", c.Text, c.Span)
			continue
		}
		if !utf8.ValidString(c.Text) {
			t.Errorf("cue %q is not valid UTF-8", c.Text)
		}
	}
}

func TestHedgeOrdersStrength(t *testing.T) {
	s := newScorer(t)
	plain := s.Hedge("The ceasefire will hold.").Score
	modal := s.Hedge("The ceasefire might hold.").Score
	boosted := s.Hedge("The ceasefire might hold, and the minister made clear it will.").Score
	if !(modal > plain) {
		t.Errorf("hedged %.3f should score above plain %.3f", modal, plain)
	}
	if !(boosted < modal) {
		t.Errorf("a booster should lower the score: %.3f vs %.3f", boosted, modal)
	}
}

func TestHedgeHostileInput(t *testing.T) {
	s := newScorer(t)
	inputs := []string{
		"", " ", "\x00\x01\x02", "\xff\xfe may \xff", "«may»", `"unbalanced may`,
		strings.Repeat("may ", 50000), strings.Repeat("\u200b", 1000), "可能 会 恢复",
		strings.Repeat("a", 1<<20),
	}
	for _, in := range inputs {
		h := s.Hedge(in)
		checkCueSpans(t, in, h)
		if h2 := s.Hedge(in); h2.Score != h.Score {
			t.Errorf("non-deterministic score for %.20q", in)
		}
	}
}

func TestHedgeConcurrent(t *testing.T) {
	s := newScorer(t)
	sentences := []string{"The talks may resume.", "The line was closed.", "If it fails, they might leave."}
	want := make([]float64, len(sentences))
	for i, x := range sentences {
		want[i] = s.Hedge(x).Score
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 200; k++ {
				i := k % len(sentences)
				if got := s.Hedge(sentences[i]).Score; got != want[i] {
					t.Errorf("concurrent score %v, want %v", got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}
