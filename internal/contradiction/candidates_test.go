package contradiction

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// referenceCandidates is the plain definition of the pick: filter by need, sort by
// most shared keys then most recent, cut at maxCandidates, return in input order.
func referenceCandidates(counts map[int32]int, nKeys int) []int32 {
	need := min(minShared, max(1, nKeys))
	var out []int32
	for j, n := range counts {
		if n >= need {
			out = append(out, j)
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if counts[out[a]] != counts[out[b]] {
			return counts[out[a]] > counts[out[b]]
		}
		return out[a] > out[b]
	})
	if len(out) > maxCandidates {
		out = out[:maxCandidates]
	}
	slices.Sort(out)
	return out
}

// TestCandidatesMatchTheDefinition checks the histogram cut against the sorted
// definition on random counts: few and many candidates, ties at the cut, counts
// beyond maxCandidates, and claims with a single key.
func TestCandidatesMatchTheDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ix := &Index{}
	for trial := range 3000 {
		items := 1 + r.IntN(400)
		nKeys := 1 + r.IntN(40)
		ix.shared = make([]uint16, items)
		ix.touched = ix.touched[:0]
		counts := map[int32]int{}
		for range r.IntN(items*(1+trial%40) + 1) {
			j := int32(r.IntN(items))
			if counts[j] >= nKeys {
				continue
			}
			if ix.shared[j] == 0 {
				ix.touched = append(ix.touched, j)
			}
			ix.shared[j]++
			counts[j]++
		}
		want := referenceCandidates(counts, nKeys)
		got := ix.candidates(nKeys, nil)
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d (%d items, %d keys): got %v, want %v", trial, items, nKeys, got, want)
		}
		for j, c := range ix.shared {
			if c != 0 {
				t.Fatalf("trial %d: count of %d not reset (%d)", trial, j, c)
			}
		}
		if len(ix.touched) != 0 {
			t.Fatalf("trial %d: touched not reset", trial)
		}
	}
}
