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
// beyond maxCandidates, and claims with a single key. The counts of one trial
// go on in the words the trial before left (and across a wrap of the tags):
// starting a claim must read every count as zero.
func TestCandidatesMatchTheDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var bc blockCounts
	for trial := range 3000 {
		items := 1 + r.IntN(400)
		nKeys := 1 + r.IntN(40)
		for len(bc.words) < items {
			bc.grow()
		}
		if trial%500 == 499 {
			bc.gen = 1<<(32-countBits) - 2 // the next starts wrap soon
		}
		bc.start()
		need := candidateNeed(nKeys)
		var eligible []int32
		counts := map[int32]int{}
		for range r.IntN(items*(1+trial%40) + 1) {
			j := int32(r.IntN(items))
			if counts[j] >= nKeys {
				continue
			}
			if bc.bump(j) == need {
				eligible = append(eligible, j)
			}
			counts[j]++
		}
		for j := range int32(items) {
			if bc.count(j) != counts[j] {
				t.Fatalf("trial %d: count of %d is %d, want %d", trial, j, bc.count(j), counts[j])
			}
		}
		want := referenceCandidates(counts, nKeys)
		got := bc.candidates(eligible, nil)
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d (%d items, %d keys): got %v, want %v", trial, items, nKeys, got, want)
		}
	}
}

// TestSelectLargest checks the quickselect against sorting, on slices of all
// sizes around its small-slice cut, with and without repeated values.
func TestSelectLargest(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 5000 {
		n := r.IntN(300)
		if trial < 100 {
			n = trial % 40
		}
		s := make([]int32, n)
		span := 1 + r.IntN(2*n+1) // small spans repeat values
		for i := range s {
			s[i] = int32(r.IntN(span))
		}
		k := 0
		if n > 0 {
			k = r.IntN(n + 1)
		}
		want := slices.Clone(s)
		slices.Sort(want)
		selectLargest(s, k)
		got := slices.Clone(s[n-k:])
		slices.Sort(got)
		if !slices.Equal(got, want[n-k:]) {
			t.Fatalf("trial %d (n %d, k %d): largest %v, want %v", trial, n, k, got, want[n-k:])
		}
		rest := slices.Clone(s[:n-k])
		slices.Sort(rest)
		if !slices.Equal(rest, want[:n-k]) {
			t.Fatalf("trial %d: the rest %v, want %v", trial, rest, want[:n-k])
		}
	}
}

// TestBumpPostingsMatchesBump checks bumpPostings against bump of every
// posting in turn, on two blockCounts fed the same random claims: lists
// longer than postingWindow (only their tails count), keys sharing claims,
// needs of one to minShared, and tags wrapping, with counts left by earlier
// claims in the words.
func TestBumpPostingsMatchesBump(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var got, want blockCounts
	for trial := range 2000 {
		items := 1 + r.IntN(300)
		for len(got.words) < items {
			got.grow()
			want.grow()
		}
		if trial%400 == 399 {
			got.gen, want.gen = 1<<(32-countBits)-2, 1<<(32-countBits)-2 // wrap soon
		}
		got.start()
		want.start()
		lists := make([][]int32, 1+r.IntN(20))
		for k := range lists {
			for range r.IntN([]int{3, 40, 3 * postingWindow}[k%3]) {
				lists[k] = append(lists[k], int32(r.IntN(items)))
			}
		}
		nums := make([]int32, 1+r.IntN(len(lists)))
		for k := range nums {
			nums[k] = int32(r.IntN(len(lists)))
		}
		need := uint32(1 + r.IntN(minShared))
		var wantEligible []int32
		for _, n := range nums {
			post := lists[n]
			if len(post) > postingWindow {
				post = post[len(post)-postingWindow:]
			}
			for _, j := range post {
				if want.bump(j) == need {
					wantEligible = append(wantEligible, j)
				}
			}
		}
		gotEligible := got.bumpPostings(lists, nums, need, nil)
		if !slices.Equal(gotEligible, wantEligible) {
			t.Fatalf("trial %d: eligible %v, want %v", trial, gotEligible, wantEligible)
		}
		for j := range int32(items) {
			if got.count(j) != want.count(j) {
				t.Fatalf("trial %d: count of %d is %d, want %d", trial, j, got.count(j), want.count(j))
			}
		}
	}
}
