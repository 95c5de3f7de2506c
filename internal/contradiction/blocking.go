package contradiction

import (
	"cmp"
	"slices"
)

// blockCounts counts, per earlier claim of an Index, the blocking keys it shares
// with the claim being added: one word per claim, the count in its low 16 bits
// and in its high 16 the number of the claim being added it counts for (gen).
// A word of another gen is a count of zero, so starting the next claim is one
// increment instead of resetting every count touched (a claim's postings touch
// hundreds of earlier claims, of which a few dozen become candidates), and
// nothing needs to list the claims touched. Only the counts that reach the
// candidates' minimum are listed, by the caller, when bump returns it.
type blockCounts struct {
	words []uint32 // by index into the Index's items
	gen   uint32   // the tag of the current claim's counts; never 0
}

// countBits is how many low bits of a word hold the count.
const countBits = 16

// start begins counting for a new claim: every count reads zero.
func (bc *blockCounts) start() {
	bc.gen++
	if bc.gen >= 1<<(32-countBits) {
		// wrapped: old tags could read as current, so clear them all (once per
		// 65535 claims)
		clear(bc.words)
		bc.gen = 1
	}
}

// grow adds a claim, with count zero.
func (bc *blockCounts) grow() { bc.words = append(bc.words, 0) }

// reserve makes room for n more claims.
func (bc *blockCounts) reserve(n int) { bc.words = slices.Grow(bc.words, n) }

// bump adds one to claim j's count and returns the new count.
func (bc *blockCounts) bump(j int32) uint32 {
	w := bc.words[j]
	if w>>countBits != bc.gen {
		w = bc.gen << countBits
	}
	w++
	bc.words[j] = w
	return w & (1<<countBits - 1)
}

// bumpPostings bumps, for each key number n in nums, the count of every
// claim in the last postingWindow entries of lists[n] (its posting list),
// and appends to eligible each claim whose count reaches need, as bump of
// each would. It is the loop every claim added runs over its keys' lists,
// the blocking's hottest, so it reads bc's fields once and bumps without a
// branch: a word of an earlier gen is below base, the current gen's count
// of zero, since gens only grow (start clears every word when they wrap)
// and a count stays below 1<<countBits.
func (bc *blockCounts) bumpPostings(lists [][]int32, nums []int32, need uint32, eligible []int32) []int32 {
	words, base := bc.words, bc.gen<<countBits
	reached := base + need
	for _, n := range nums {
		post := lists[n]
		if len(post) > postingWindow {
			post = post[len(post)-postingWindow:]
		}
		for _, j := range post {
			w := max(words[j], base) + 1
			words[j] = w
			if w == reached {
				eligible = append(eligible, j)
			}
		}
	}
	return eligible
}

// count is claim j's count for the current claim.
func (bc *blockCounts) count(j int32) int {
	if w := bc.words[j]; w>>countBits == bc.gen {
		return int(w & (1<<countBits - 1))
	}
	return 0
}

// candidateNeed is how many keys an earlier claim must share with a claim of
// nKeys keys to be a candidate: minShared, or all keys of a claim with fewer.
// A claim's count never exceeds its number of distinct keys, so counts stop
// below 1<<countBits.
func candidateNeed(nKeys int) uint32 { return uint32(min(minShared, max(1, nKeys))) }

// candidates appends to dst the earlier claims worth comparing, in input order:
// of eligible (every claim whose count reached candidateNeed, each once), most
// shared first, most recent first among equals, at most maxCandidates. The
// order "most shared, then most recent" is a total order, so the pick is the
// same as sorting by it and cutting; this finds the cut from a histogram of
// the counts instead, and then takes every candidate above the cut and the
// most recent of those at it for the places left (selectLargest), sorting
// only the pick; within one article there are rarely more than maxCandidates
// eligible, which are all picked.
func (bc *blockCounts) candidates(eligible []int32, dst []int32) []int32 {
	if len(eligible) <= maxCandidates {
		dst = append(dst, eligible...)
		slices.Sort(dst)
		return dst
	}
	var hist [maxCandidates + 1]int // hist[c]: candidates sharing c keys; the last bucket holds c >= maxCandidates
	for _, j := range eligible {
		hist[min(bc.count(j), maxCandidates)]++
	}
	// The cut: every candidate sharing more than cut keys is picked, and of those
	// sharing exactly cut keys the most recent take the places left.
	cut, left := maxCandidates, maxCandidates
	for ; hist[cut] < left; cut-- { // ends at the minimum at the latest: more than maxCandidates are eligible
		left -= hist[cut]
	}
	if cut == maxCandidates {
		// Rare (claims with dozens of keys): rank the high-count candidates fully.
		var ranked []int32
		for _, j := range eligible {
			if bc.count(j) >= maxCandidates {
				ranked = append(ranked, j)
			}
		}
		slices.SortFunc(ranked, func(a, b int32) int {
			if ca, cb := bc.count(a), bc.count(b); ca != cb {
				return cmp.Compare(cb, ca)
			}
			return cmp.Compare(b, a)
		})
		dst = append(dst, ranked[:maxCandidates]...)
		slices.Sort(dst)
		return dst
	}
	// those above the cut, then the most recent left of those at it (the
	// tied, gathered in eligible's front, which is scratch), in index order
	from, tied := len(dst), eligible[:0]
	for _, j := range eligible {
		switch c := bc.count(j); {
		case c > cut:
			dst = append(dst, j)
		case c == cut:
			tied = append(tied, j)
		}
	}
	selectLargest(tied, left)
	dst = append(dst, tied[len(tied)-left:]...)
	slices.Sort(dst[from:])
	return dst
}

// selectLargest reorders s so that its last k elements are its k largest (in
// no particular order), 0 <= k <= len(s): a quickselect, linear on average,
// where sorting s would cost n log n for the few candidates wanted at a cut
// among hundreds tied.
func selectLargest(s []int32, k int) {
	lo, hi, target := 0, len(s), len(s)-k
	// Invariant: s[:lo] <= s[lo:hi] <= s[hi:] elementwise, lo <= target <= hi.
	for hi-lo > 12 {
		a, b, c := s[lo], s[lo+(hi-lo)/2], s[hi-1]
		pivot := max(min(a, b), min(max(a, b), c)) // median of three
		// three-way partition: s[lo:lt] < pivot, s[lt:gt] == pivot, s[gt:hi] > pivot
		lt, i, gt := lo, lo, hi
		for i < gt {
			switch {
			case s[i] < pivot:
				s[lt], s[i] = s[i], s[lt]
				lt++
				i++
			case s[i] > pivot:
				gt--
				s[i], s[gt] = s[gt], s[i]
			default:
				i++
			}
		}
		switch {
		case target < lt:
			hi = lt
		case target > gt:
			lo = gt
		default:
			return // the boundary falls on the pivot's block (or at its edge)
		}
	}
	slices.Sort(s[lo:hi])
}
