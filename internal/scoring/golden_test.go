package scoring_test

import (
	"context"
	"strings"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/dataset"
	"github.com/claimsvc/claimsvc/internal/pipeline"
	"github.com/claimsvc/claimsvc/internal/scoring"
)

// TestSeedScores is the golden test of the scores on the seed articles, its
// expectations written by reading them: the factual claims a fact-checker
// would check first are check-worthy; list headings, fragments and filler are
// not; the hedging of the news sentences the issue named reads right. Claims
// come from the extractor, whose spans may change: each is located by a short
// key phrase its text must contain, never by its span or full text.
func TestSeedScores(t *testing.T) {
	seeds, err := dataset.ReadSeeds()
	if err != nil {
		t.Skip("seed articles not available:", err)
	}
	p, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	var claims []claim.Claim
	for i, sd := range seeds {
		r, err := p.Article(context.Background(), claim.Article{ID: sd.Name, Text: sd.Text}, i)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range r.Claims {
			checkReasonSpans(t, sd.Text, c)
			if c.Hedging.Uncertain && !namesHedge(c.Hedging) {
				t.Errorf("%s %q: uncertain (%.3f) with no hedge cue listed: %+v", c.ID, c.Text, c.Hedging.Score, c.Hedging.Cues)
			}
		}
		claims = append(claims, r.Claims...)
	}
	find := func(t *testing.T, phrase string) claim.Claim {
		t.Helper()
		for _, c := range claims {
			if strings.Contains(strings.ToLower(c.Text), phrase) {
				return c
			}
		}
		t.Fatalf("no claim contains %q", phrase)
		return claim.Claim{}
	}
	worthy := []string{
		"reopen military communication channels", // the two governments agreed to reopen them
		"scarce for nearly two years",
		"lasted about thirty minutes",
		"spoke by telephone", // on a given date
		"en route to new york",
		"no direct, formal line of communication",
	}
	for _, phrase := range worthy {
		t.Run("worthy/"+phrase, func(t *testing.T) {
			c := find(t, phrase)
			if !c.CheckWorthy {
				t.Errorf("%q: check-worthiness %.3f, want check-worthy; reasons %+v", c.Text, c.CheckWorthiness, c.CheckWorthinessReasons)
			}
			if len(c.CheckWorthinessReasons) == 0 || c.CheckWorthinessReasons[0].Contribution <= 0 {
				t.Errorf("%q: reasons %+v, want the strongest raising the score first", c.Text, c.CheckWorthinessReasons)
			}
		})
	}
	unworthy := []string{
		"key objectives of the renewed military dialogue", // a list heading
		"key regional security implications",              // a list heading
		"the remarks",                                     // a fragment
		"this perspective reflects a broader belief",      // filler
		"the exchange underscored the stark differences",  // filler
		"this dynamic shapes how policymakers",            // filler
	}
	for _, phrase := range unworthy {
		t.Run("unworthy/"+phrase, func(t *testing.T) {
			c := find(t, phrase)
			if c.CheckWorthy {
				t.Errorf("%q: check-worthiness %.3f, want not check-worthy; reasons %+v", c.Text, c.CheckWorthiness, c.CheckWorthinessReasons)
			}
		})
	}
	t.Run("hedging", func(t *testing.T) {
		call := find(t, "lasted about thirty minutes")
		if call.Hedging.Uncertain || !hasCueKind(call.Hedging, "about", scoring.ClassApproximator) {
			t.Errorf("%q: %+v, want certain with the approximator \"about\"", call.Text, call.Hedging)
		}
		shift := find(t, "does not imply a shift")
		if shift.Hedging.Uncertain || hasCueKind(shift.Hedging, "imply", "") {
			t.Errorf("%q: %+v, want certain, \"imply\" negated", shift.Text, shift.Hedging)
		}
		topic := find(t, "any discussion about the conflict")
		if hasCueKind(topic.Hedging, "about", "") {
			t.Errorf("%q: %+v, \"about\" is a topic here", topic.Text, topic.Hedging)
		}
		for _, c := range claims {
			if hasCueKind(c.Hedging, "show", "") && strings.Contains(c.Text, "talk show") {
				t.Errorf("%q: \"show\" of \"talk show\" reported as a cue", c.Text)
			}
		}
		maybe := find(t, "might help establish rudimentary agendas")
		if !maybe.Hedging.Uncertain || !hasCueKind(maybe.Hedging, "might", scoring.ClassModal) {
			t.Errorf("%q: %+v, want uncertain with \"might\"", maybe.Text, maybe.Hedging)
		}
	})
}

// checkReasonSpans asserts each reason's span slices the article to its text.
func checkReasonSpans(t *testing.T, text string, c claim.Claim) {
	t.Helper()
	for _, r := range c.CheckWorthinessReasons {
		if r.Span.Empty() {
			continue
		}
		if r.Span.Start < 0 || r.Span.End > len(text) || text[r.Span.Start:r.Span.End] != r.Text {
			t.Errorf("%s: reason %+v does not slice the article to its text", c.ID, r)
		}
	}
}

func namesHedge(h claim.Hedging) bool {
	for _, c := range h.Cues {
		if c.Weight > 0 && scoring.Speculative(c.Kind) {
			return true
		}
	}
	return false
}

func hasCueKind(h claim.Hedging, text, kind string) bool {
	for _, c := range h.Cues {
		if strings.EqualFold(c.Text, text) && (kind == "" || c.Kind == kind) {
			return true
		}
	}
	return false
}
