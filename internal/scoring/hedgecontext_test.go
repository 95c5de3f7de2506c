package scoring

import (
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// TestHedgeContextRules tests the rules of hedge-context.tsv and the lexicon
// entries that replaced bare words, with sentences written for the test.
func TestHedgeContextRules(t *testing.T) {
	s := newScorer(t)
	tests := []hedgeCase{
		{"about before a number approximates", "The hearing lasted about 40 minutes.", false, "about", ClassApproximator, ""},
		{"about before a number word", "The convoy carried about two hundred refugees.", false, "about", ClassApproximator, ""},
		{"about an hour", "Rescuers reached the village after about an hour.", false, "about", ClassApproximator, ""},
		{"around a clock time", "The ferry docked around 9 p.m. on Friday.", false, "around", ClassApproximator, ""},
		{"around before a currency sign", "The repairs cost around $3 million.", false, "around", ClassApproximator, ""},
		{"about as topic", "The mayor spoke about the new budget on Monday.", false, "", "", "about"},
		{"about a plan is a topic", "The unions complained about a plan to close the depot.", false, "", "", "about"},
		{"around as place", "Troops were deployed around the capital.", false, "", "", "around"},
		{"negated imply", "The visit does not imply a change of course.", false, "", "", "imply"},
		{"contracted negation of suggest", "The figures don't suggest any slowdown.", false, "", "", "suggest"},
		{"negated indicate with an adverb between", "The audit did not clearly indicate fraud.", false, "", "", "indicate"},
		{"imply without negation hedges", "The visit may imply a change of course.", true, "may", ClassModal, ""},
		{"negated epistemic verb stays a hedge", "I don't think the truce will survive the winter.", true, "think", "", ""},
		{"talk show is no booster", "The senator appeared on a late-night talk show on Sunday.", false, "", "", "show"},
		{"show trial", "The regime staged a show trial of the dissidents.", false, "", "", "show"},
		{"show as verb boosts", "The records show that the plant closed in May.", false, "show", ClassBooster, ""},
		{"limited scope is not a limitation", "Access to the disputed site remains limited.", false, "", "", "limited"},
		{"limited evidence is a limitation", "There is limited evidence that the drug slows the disease.", false, "limited evidence", ClassLimitation, ""},
		{"gaps in a fence", "Inspectors found gaps in the border fence.", false, "", "", "gaps"},
		{"gaps in knowledge", "The authors point to gaps in our knowledge of the virus.", false, "gaps in our knowledge", ClassLimitation, ""},
		{"cannot negates a booster", "The ministry cannot confirm the report.", false, "", "", "confirm"},
		{"approximators alone never make a claim uncertain", "Roughly 200 people, about half of them children, were evacuated, nearly all of them by boat.", false, "roughly", ClassApproximator, ""},
	}
	runHedgeCases(t, s, tests)
}

// hedgeReason reports whether h names a hedge that explains an uncertain verdict.
func hedgeReason(h claim.Hedging) bool {
	for _, c := range h.Cues {
		if c.Weight > 0 && Speculative(c.Kind) {
			return true
		}
	}
	return false
}

// TestUncertainNamesItsCues: an uncertain sentence or claim always lists a hedge
// cue, including when only weak candidates (each below the cue threshold) add up
// to the verdict, and when the hedge is the attribution cue itself.
func TestUncertainNamesItsCues(t *testing.T) {
	s := newScorer(t)
	sentences := []string{
		"Such measures could stabilize the volatile border region.",
		"The mechanism must be resilient and insulated from noise that could derail the talks.",
		"Observers will watch whether the ceasefire leads to progress.",
		"Officials suggested the two sides might meet in Geneva.",
		"The plan would require both parties to appoint envoys who can carry messages.",
		"Perhaps the strike will end soon.",
		"The company said it may cut up to 300 jobs.",
		"It is unclear whether the bridge can be repaired, though engineers hope so.",
	}
	for _, sentence := range sentences {
		h := s.Hedge(sentence)
		if h.Uncertain && !hedgeReason(h) {
			t.Errorf("%q: uncertain (%.3f) with no hedge cue listed: %+v", sentence, h.Score, h.Cues)
		}
		text := "Analysts said " + sentence
		c := mkClaim(t, text, sentence, "said", 0)
		s.Score(text, &c)
		if c.Hedging.Uncertain && !hedgeReason(c.Hedging) {
			t.Errorf("claim %q: uncertain (%.3f) with no hedge cue listed: %+v", sentence, c.Hedging.Score, c.Hedging.Cues)
		}
	}
	// Weak candidates that add up are named: "could" alone is below the cue
	// threshold in this context, yet the sentence reads as uncertain.
	if h := s.Hedge(sentences[0]); !h.Uncertain || !hasCue(h, "could", ClassModal) {
		t.Errorf("%q: %+v, want uncertain naming the weak modal", sentences[0], h)
	}
	// A claim whose attribution cue is known only by its text still names it.
	c := claim.Claim{Text: "the line was closed", Span: claim.Span{Start: 0, End: 19}, Attribution: claim.Attribution{Cue: "claimed", Kind: claim.AttributionIndirect}}
	s.Score("the line was closed", &c)
	if !c.Hedging.Uncertain || !hasCue(c.Hedging, "claimed", ClassWeakAttribution) {
		t.Errorf("claim with cue text %q: %+v, want uncertain naming the cue", "claimed", c.Hedging)
	}
	for _, cue := range c.Hedging.Cues {
		if !cue.Span.Empty() {
			t.Errorf("cue %q known only by text has span %v, want none", cue.Text, cue.Span)
		}
	}
}
