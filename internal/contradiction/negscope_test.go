package contradiction

import (
	"slices"
	"testing"
)

// TestNegScopeMatchesScoped checks that negScope, built for links only, is the
// scoped words features would have kept: the shared terms (by key, found here
// by comparing keys directly) near the negated side's polarity cues.
func TestNegScopeMatchesScoped(t *testing.T) {
	c := newClassifier(t)
	pairs := [][2]string{
		{"The border crossing is open.", "The border crossing is not open."},
		{"Contact between Washington and Moscow has been rare.", "Contact between the United States and Russia has been frequent."},
		{"The FBI never found explosives near the airport.", "The FBI told us they found traces of explosives at the crash sites near the airport."},
		{"There is no line of communication between Washington and Moscow; talks go on.", "A line of communication exists between Washington and Moscow."},
		{"Parliament approved the budget on Tuesday.", "Parliament did not approve the budget, and nobody said it would."},
	}
	checked := 0
	for _, p := range pairs {
		for _, ab := range [][2]string{p, {p[1], p[0]}} {
			a, b := c.lx.analyze(ab[0]), c.lx.analyze(ab[1])
			sg := sharedGroups(a, b, nil)
			_, ev := features(c.lx, a, b, sg, false)
			if ev.negWord == "" {
				continue
			}
			an, other := a, b
			if ev.negSide == "b" {
				an, other = b, a
			}
			shared := make([]bool, len(an.clause))
			for _, t := range an.terms {
				for _, u := range other.terms {
					if t.key == u.key {
						shared[t.pos] = true
					}
				}
			}
			want := scoped(an, an.polarityCues(), shared)
			if got := negScope(a, b, sg, &ev); !slices.Equal(got, want) {
				t.Errorf("%q / %q: negScope %q, want %q", ab[0], ab[1], got, want)
			}
			checked++
		}
	}
	if checked < 4 {
		t.Fatalf("only %d pairs with a one-sided negation: the test checks too little", checked)
	}
}
