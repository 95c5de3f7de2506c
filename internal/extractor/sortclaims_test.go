package extractor

import (
	"cmp"
	"math/rand"
	"slices"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// TestSortClaims checks sortClaims against a stable sort by span start, on
// claims in order, in reverse, with equal starts and shuffled, so that both its
// paths (left in order, sorted) keep text order among equal starts.
func TestSortClaims(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	mk := func(starts ...int) []claim.Claim {
		cs := make([]claim.Claim, len(starts))
		for i, s := range starts {
			cs[i] = claim.Claim{Text: string(rune('a' + i)), Span: claim.Span{Start: s, End: s + 1}}
		}
		return cs
	}
	tests := [][]claim.Claim{nil, mk(3), mk(1, 2, 3), mk(3, 2, 1), mk(1, 1, 1), mk(2, 1, 2, 1), mk(0, 5, 5, 9)}
	for n := 0; n < 200; n++ {
		starts := make([]int, rng.Intn(40))
		for i := range starts {
			starts[i] = rng.Intn(10)
		}
		if n%2 == 0 {
			slices.Sort(starts)
		}
		tests = append(tests, mk(starts...))
	}
	for _, cs := range tests {
		want := slices.Clone(cs)
		slices.SortStableFunc(want, func(a, b claim.Claim) int { return cmp.Compare(a.Span.Start, b.Span.Start) })
		sortClaims(cs)
		if !slices.EqualFunc(cs, want, func(a, b claim.Claim) bool { return a.Text == b.Text && a.Span == b.Span }) {
			t.Fatalf("sortClaims gave %v, want %v", cs, want)
		}
	}
}
