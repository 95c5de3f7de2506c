package scoring

import (
	"reflect"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// TestSentenceReuseMatchesFresh scores claims one after another on one scratch,
// so claims of the same sentence reuse its tokens (sentenceTokens), with other
// calls on that scratch in between, and checks every result against scoring
// the claim alone on a fresh scratch.
func TestSentenceReuseMatchesFresh(t *testing.T) {
	s := newScorer(t)
	text := `Officials said the talks may resume next week, but they insisted that no deal had been reached. ` +
		`The ministry reportedly claimed that 1,200 troops had not been withdrawn, a figure that could not be verified.`
	second := len(`Officials said the talks may resume next week, but they insisted that no deal had been reached. `)
	a, b := text[:second-1], text[second:]
	inSentence := func(c claim.Claim, start, end int) claim.Claim {
		c.Sentence = claim.Span{Start: start, End: end}
		return c
	}
	first := func(content, cue string) claim.Claim { return inSentence(mkClaim(t, a, content, cue, 0), 0, len(a)) }
	later := func(content, cue string) claim.Claim {
		c := mkClaim(t, b, content, cue, 0)
		c.Span.Start += second
		c.Span.End += second
		if cue != "" {
			c.Attribution.CueSpan.Start += second
			c.Attribution.CueSpan.End += second
		}
		return inSentence(c, second, len(text))
	}
	claims := []claim.Claim{
		first("the talks may resume next week", "said"),
		first("no deal had been reached", "insisted"),
		first("no deal had been reached", ""),
		later("1,200 troops had not been withdrawn", "claimed"),
		later("a figure that could not be verified", ""),
		first("the talks may resume next week", "said"),
		{Text: "the talks may resume", Span: claim.Span{Start: -1, End: 3}}, // unusable spans: scored on its text
		later("1,200 troops had not been withdrawn", "claimed"),
	}
	between := []func(sc *scratch){
		nil,
		func(sc *scratch) { s.textTokens(sc, "No one doubts it.") },
		nil,
		func(sc *scratch) { s.sentenceTokens(sc, b) }, // the next claim's sentence, read ahead
		nil,
		nil,
		nil,
		nil,
	}
	shared := new(scratch)
	for k, c := range claims {
		for _, retype := range []bool{false, true} {
			want := c
			s.scoreOn(new(scratch), text, &want, retype)
			got := c
			if between[k] != nil {
				between[k](shared)
			}
			s.scoreOn(shared, text, &got, retype)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("claim %d (retype %v) on a used scratch:\n got %+v\nwant %+v", k, retype, got, want)
			}
		}
	}
}
