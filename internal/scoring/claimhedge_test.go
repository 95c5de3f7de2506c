package scoring

import (
	"strings"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// mkClaim builds a claim over text: content and cue are substrings found after
// the given offset; the sentence is the whole text.
func mkClaim(t *testing.T, text, content, cue string, from int) claim.Claim {
	t.Helper()
	cs := strings.Index(text[from:], content)
	if cs < 0 {
		t.Fatalf("content %q not in %q", content, text[from:])
	}
	cs += from
	c := claim.Claim{
		Text:     content,
		Span:     claim.Span{Start: cs, End: cs + len(content)},
		Sentence: claim.Span{Start: 0, End: len(text)},
	}
	if cue != "" {
		k := strings.Index(text[from:], cue)
		if k < 0 {
			t.Fatalf("cue %q not in %q", cue, text)
		}
		k += from
		c.Attribution = claim.Attribution{Cue: cue, CueSpan: claim.Span{Start: k, End: k + len(cue)}, Kind: claim.AttributionIndirect}
	}
	return c
}

func TestScoreAttributionCue(t *testing.T) {
	s := newScorer(t)
	score := func(text, cue string) claim.Claim {
		c := mkClaim(t, text, "the line was closed", cue, 0)
		s.Score(text, &c)
		checkCueSpans(t, text, c.Hedging)
		return c
	}
	claimed := score("Lavrov claimed that the line was closed.", "claimed")
	said := score("Lavrov said that the line was closed.", "said")
	clear := score("Lavrov made clear that the line was closed.", "made clear")
	if !claimed.Hedging.Uncertain || !hasCue(claimed.Hedging, "claimed", ClassWeakAttribution) {
		t.Errorf("claimed: %+v, want uncertain with a weak_attribution cue", claimed.Hedging)
	}
	if said.Hedging.Uncertain {
		t.Errorf("said: %+v, want certain", said.Hedging)
	}
	if !(claimed.Hedging.Score > said.Hedging.Score) || clear.Hedging.Score > said.Hedging.Score {
		t.Errorf("want claimed (%.3f) > said (%.3f) >= made clear (%.3f)", claimed.Hedging.Score, said.Hedging.Score, clear.Hedging.Score)
	}
	if !hasCue(clear.Hedging, "made clear", ClassBooster) {
		t.Errorf("made clear: cues %q, want the booster", cueTexts(clear.Hedging))
	}
}

func TestScoreClaimNotSentence(t *testing.T) {
	s := newScorer(t)
	text := `"The talks may resume," the official said, but the minister insisted they were over.`
	a := mkClaim(t, text, "The talks may resume", "said", 0)
	b := mkClaim(t, text, "they were over", "insisted", 0)
	s.Score(text, &a)
	s.Score(text, &b)
	if !a.Hedging.Uncertain || !hasCue(a.Hedging, "may", ClassModal) {
		t.Errorf("quoted hedge: %+v, want uncertain with cue may", a.Hedging)
	}
	if k := strings.Index(text, "may"); len(a.Hedging.Cues) == 0 || a.Hedging.Cues[0].Span != (claim.Span{Start: k, End: k + 3}) {
		t.Errorf("cue spans %+v, want may at %d in the article", a.Hedging.Cues, k)
	}
	if b.Hedging.Uncertain || hasCue(b.Hedging, "may", "") {
		t.Errorf("other speaker's claim: %+v, want certain without the first quote's may", b.Hedging)
	}
}

func TestScoreFraming(t *testing.T) {
	s := newScorer(t)
	tests := []struct {
		name, text, content, cue string
		uncertain                bool
	}{
		{"reporter's reportedly", "Russia reportedly said the line was closed.", "the line was closed", "said", true},
		{"allegedly in content", "He said the hotline was allegedly never used.", "the hotline was allegedly never used", "said", true},
		{"name May as speaker", "Theresa May said the deal was done.", "the deal was done", "said", false},
		{"month in framing", "On May 20 officials said the line was open.", "the line was open", "said", false},
		{"conditional of another clause", "If asked, officials said, the line was open.", "the line was open", "said", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mkClaim(t, tt.text, tt.content, tt.cue, 0)
			s.Score(tt.text, &c)
			checkCueSpans(t, tt.text, c.Hedging)
			if c.Hedging.Uncertain != tt.uncertain {
				t.Errorf("Uncertain = %v (%.3f, cues %q), want %v", c.Hedging.Uncertain, c.Hedging.Score, cueTexts(c.Hedging), tt.uncertain)
			}
		})
	}
}

func TestScoreBadSpans(t *testing.T) {
	s := newScorer(t)
	text := "Officials said the talks might resume. é"
	for _, sp := range []claim.Span{{Start: -3, End: 5}, {Start: 10, End: 5000}, {Start: 5, End: 5}, {Start: len(text) - 1, End: len(text)}} {
		c := claim.Claim{Text: "the talks might resume", Span: sp, Sentence: sp, Attribution: claim.Attribution{Cue: "claimed", CueSpan: sp}}
		s.Score(text, &c)
		if c.Hedging.Score < 0 || c.Hedging.Score > 1 || c.CheckWorthiness < 0 || c.CheckWorthiness > 1 {
			t.Errorf("span %v: scores %v %v outside [0,1]", sp, c.Hedging.Score, c.CheckWorthiness)
		}
		for _, cue := range c.Hedging.Cues {
			if !cue.Span.Empty() {
				t.Errorf("span %v: cue %q kept span %v that points into c.Text, not the article", sp, cue.Text, cue.Span)
			}
		}
	}
}

func TestScoreDistancingRaisesScore(t *testing.T) {
	s := newScorer(t)
	score := func(text, content string) float64 {
		c := mkClaim(t, text, content, "said", 0)
		s.Score(text, &c)
		return c.Hedging.Score
	}
	plain := score("He said the hotline was used twice.", "the hotline was used twice")
	distanced := score("He said the so-called hotline was used twice.", "the so-called hotline was used twice")
	if !(distanced > plain) {
		t.Errorf("so-called should raise the score: %.3f vs %.3f", distanced, plain)
	}
}
