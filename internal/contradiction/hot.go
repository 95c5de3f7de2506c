package contradiction

import "hash/maphash"

// Most pairs the Index compares cannot link, and on real news deciding that
// was most of the linker's time: the full comparison reads the candidate's
// statement, analysis and terms, claims indexed long ago and cold in the cache.
// hotItem keeps, per indexed claim and in one dense array beside the items,
// the little that proves most of those pairs unlinkable (cannotLink), so a
// rejected candidate never touches its big structures.

// hotAnts is how many antonym numbers a hotItem holds (a claim with more is
// treated as possibly opposing any other by antonym).
const hotAnts = 10

// Flags of a hotItem.
const (
	hotProp      uint16 = 1 << iota // Type.Proposition()
	hotNeg                          // analysis.negative()
	hotNums                         // has numbers
	hotDates                        // has dates
	hotStancePos                    // a stance verb of direction > 0 (with a word)
	hotStanceNeg                    // a stance verb of direction < 0 (with a word)
	hotAntsMore                     // antonym numbers beyond ants (or beyond uint16)
	hotHedge                        // has hedges
	hotFlat                         // flatDenial
	hotBig                          // nKeys or nTerms (so a run's length) beyond maxRunLen
)

// hotItem is what cannotLink and sameText read of an indexed claim: 32 bytes,
// two per cache line.
type hotItem struct {
	textHash uint32 // of Statement.Text, with the Index's textSeed
	flags    uint16
	nKeys    uint16 // analysis.nKeys (saturated; hotBig)
	nTerms   uint16 // len(analysis.terms) (saturated; hotBig)
	nAnts    uint8  // of ants used
	// nActors counts the runs whose first term is an entity or a name
	// (saturated at 255): align needs two shared keys of those.
	nActors uint8
	ants    [hotAnts]uint16 // antonym numbers of the terms (analysis.ants), in order
}

// hotOf is it's hotItem; seed hashes its text, and actors is how many runs
// of its analysis start with an entity or a name (keyNumbers counts them as
// it walks the runs).
func hotOf(lx *lexicon, it *indexed, seed maphash.Seed, actors int) hotItem {
	an := it.an
	h := hotItem{textHash: uint32(maphash.String(seed, it.st.Text)), nKeys: uint16(min(an.nKeys, maxRunLen)), nTerms: uint16(min(len(an.terms), maxRunLen))}
	if an.nKeys >= maxRunLen || len(an.terms) >= maxRunLen {
		h.flags |= hotBig // no run is longer than the terms
	}
	if len(an.hedges) > 0 {
		h.flags |= hotHedge
	}
	h.nActors = uint8(min(actors, 255))
	if flatDenial(lx, an) {
		h.flags |= hotFlat
	}
	if it.st.Type.Proposition() {
		h.flags |= hotProp
	}
	if an.negative() {
		h.flags |= hotNeg
	}
	if len(an.numbers) > 0 {
		h.flags |= hotNums
	}
	if len(an.dates) > 0 {
		h.flags |= hotDates
	}
	// as opposingStance's dirs reads them: a direction counts once a cue of it
	// has a word
	for _, c := range an.stances {
		if c.word == "" {
			continue
		}
		if c.dir > 0 {
			h.flags |= hotStancePos
		}
		if c.dir < 0 {
			h.flags |= hotStanceNeg
		}
	}
	for _, x := range an.ants {
		if int(h.nAnts) == hotAnts || x.ant < 0 || x.ant > 0xffff {
			h.flags |= hotAntsMore
			break
		}
		h.ants[h.nAnts] = uint16(x.ant)
		h.nAnts++
	}
	return h
}

// sameTextHot is sameText(&a.st, &b.st) for indexed claims a and b with hot
// items ha and hb: texts of other hashes differ without being read.
func sameTextHot(ha, hb *hotItem, a, b *indexed) bool {
	return ha.textHash == hb.textHash && sameText(&a.st, &b.st)
}

// stancesOppose is opposingStance(a.stances, b.stances)'s result from the
// stance flags: one side has a direction only, the other only the opposite.
func stancesOppose(fa, fb uint16) bool {
	const both = hotStancePos | hotStanceNeg
	da, db := fa&both, fb&both
	return da == hotStancePos && db == hotStanceNeg || da == hotStanceNeg && db == hotStancePos
}

// antMarks marks the antonym numbers that oppose the claim being added: every
// number antonymsOf gives for one of its terms, one bit each, so a
// candidate's antonym numbers are tested by one read each. A bit set (a few
// hundred bytes for the list's numbers) rather than tagged words: every
// article's own Index has one, and clearing it per claim is a dozen cache
// lines.
type antMarks struct {
	bits []uint64 // bit y set: antonym number y is marked
}

// mark marks the antonyms of an's terms, clearing the marks of the claim before.
func (am *antMarks) mark(lx *lexicon, an *analysis) {
	if n := (len(lx.antFrom) + 63) / 64; len(am.bits) < n {
		am.bits = make([]uint64, n)
	} else {
		clear(am.bits)
	}
	for _, z := range an.ants {
		for _, y := range lx.antonymsOf(z.ant) {
			am.bits[y>>6] |= 1 << (y & 63)
		}
	}
}

// anyMarked reports whether one of h's antonym numbers is marked (or h has
// more than it holds).
func (am *antMarks) anyMarked(h *hotItem) bool {
	if h.flags&hotAntsMore != 0 {
		return true
	}
	for _, x := range h.ants[:h.nAnts] {
		if w := int(x >> 6); w < len(am.bits) && am.bits[w]&(1<<(x&63)) != 0 {
			return true
		}
	}
	return false
}

// cannotLink reports whether compareShared(a, b, sg) is sure to leave the
// pair unlinked, from the hot items of a (an indexed claim) and b (the claim
// being added, whose antonyms ix.ants marks) and from what sharedKeys counted
// of the keys they share (sg, counts k); the analyses aa and ab are read only
// when a proposition may align (align is run to see). It is false whenever
// the pair might link.
//
// Proof. compareShared links a pair only (1) through align, whose proposition
// judgeAligned may link, or (2) with a score at or above DefaultThreshold,
// which needs reason to find a cue (without one the score is capped at
// 0.99·DefaultThreshold) and a high enough weighted sum of the features.
//   - align needs two shared keys that name actors and one that does not
//     (k.ents >= 2, k.concepts > 0: sharedKeys counts the same sg by the same
//     test); when those are there, align itself says.
//   - reason finds a cue only when groupFired holds for one of its groups:
//     ev.negWord is set only when negOpp, which needs a.negative() !=
//     b.negative(); ev.antA or ev.stanceA only when antonym is set, which
//     needs opposingStance (read from the stance flags as its dirs reads the
//     cues) or a term x of a and a term z of b with z.ant among
//     antonymsOf(x.ant), so (the antonym list is symmetric,
//     TestAntonymsSymmetric) x.ant among antonymsOf(z.ant), which ix.ants
//     marks (features also asks both unshared; that is not needed here);
//     ev.numA only when numberMismatch finds a number on each side; ev.dateA
//     only when dateMismatch finds a date on each side.
//   - the weighted sum: scoreBelow.
//
// When (1) cannot hold and neither a cue nor the sum for (2) can, cannotLink
// says so. TestCannotLinkSound checks it against compareShared over many
// pairs, and scoreBelow's bound against the features.
func (ix *Index) cannotLink(ha, hb *hotItem, k sharedCounts, aa, ab *analysis, sg []sharedGroup) bool {
	if ix.noCueNoActors(ha, hb) {
		return true
	}
	fa, fb := ha.flags, hb.flags
	if k.ents >= 2 && k.concepts > 0 {
		if _, ok := align(aa, ab, sg); ok {
			return false // judgeAligned may link them
		}
	}
	nS := len(sg)
	negOpp := (fa^fb)&hotNeg != 0
	ant := stancesOppose(fa, fb) || ix.ants.anyMarked(ha)
	if !negOpp && !ant && fa&fb&(hotNums|hotDates) == 0 {
		return true // no cue can fire
	}
	return ix.scoreBelow(ha, hb, k, nS, negOpp, ant)
}

// noCueNoActors is the part of cannotLink that needs no shared keys: no cue
// can fire (cannotLink's proof) and a has fewer than two runs whose first
// term is an entity or a name, so fewer than two shared keys can name actors
// (sharedCounts.ents counts a subset of those) and no proposition aligns.
// The Index asks it before looking the shared keys up.
func (ix *Index) noCueNoActors(ha, hb *hotItem) bool {
	fa, fb := ha.flags, hb.flags
	return ha.nActors < 2 && (fa^fb)&hotNeg == 0 && fa&fb&(hotNums|hotDates) == 0 &&
		!stancesOppose(fa, fb) && !ix.ants.anyMarked(ha)
}

// zMargin is how far below zLink scoreBelow's bound must stay: far more than
// the rounding of either sum, far less than any weight.
const zMargin = 1e-9

// scoreBelow reports, for a pair whose claims align on no proposition (the
// arguments as cannotLink's; negOpp: exactly one side is negative; ant: an
// antonym may be found), whether the cue model's score is sure to stay below
// the threshold.
//
// Proof. The score links only if calibrate(σ(z))·temper >= DefaultThreshold
// for z = Σ wᵢ·fᵢ over the features; temper <= 1 and calibrate maps the
// trained threshold t to DefaultThreshold monotonically, so it needs σ(z) >=
// t, z >= log(t/(1-t)) = ix.zLink. A negation is anchored only with two
// shared entities (sharedEntities in features: the runs whose first term in
// a is an entity, which k.entities counts), so with a one-sided negation and
// fewer than two the features are read unanchored; without a one-sided
// negation nothing is anchored. Each wᵢ·fᵢ
// is then bounded from what the hot items and counts give exactly (both
// sides' key counts non-zero; with one zero, features returns the bias alone,
// a case left to compareShared):
//   - bias, overlap (nS / min(nKeys)), neg_any (either side negative),
//     both_neg (both) and hedge (either side has hedges): exact.
//   - antonym, antonym_only: 0 without ant; with a one-sided negation 0 too,
//     as an antonym and the negation cancel and antonym is false after that;
//     else antonym_only (1) when each side has at most one key beyond the
//     shared ones and antonym (overlap) otherwise, or 0.
//   - numeric: 0 or overlap, and 0 unless both sides have numbers or both
//     dates.
//   - the negation block (a one-sided negation only), which either is not
//     reached (negOpp cancelled: all its features 0) or sets: one of
//     neg_high, neg_mid, neg_low by cov, the negated side's shared tokens
//     (k.inA or k.inB) over its terms, computed as features does;
//     neg_unscoped (no shared word in scope, and then neg_scope is 0) or
//     neg_scope in (0,1]; neg_short, neg_universal (flatDenial) and neg_hedge
//     (= hedge) exactly; at most one of neg_head and neg_head_new;
//     neg_other_rejects 0 or 1. Its share of z is at most max(0, block).
//
// If that bound is below zLink (by zMargin, for rounding), z is too.
func (ix *Index) scoreBelow(ha, hb *hotItem, k sharedCounts, nS int, negOpp, ant bool) bool {
	fa, fb := ha.flags, hb.flags
	if negOpp && k.entities >= 2 || (fa|fb)&hotBig != 0 || ha.nKeys == 0 || hb.nKeys == 0 {
		return false
	}
	w := ix.c.w.Values
	ov := float64(nS) / float64(min(ha.nKeys, hb.nKeys))
	hedge := 0.0
	if (fa|fb)&hotHedge != 0 {
		hedge = 1
	}
	z := w[fBias] + w[fOverlap]*ov + w[fHedge]*hedge
	if (fa|fb)&hotNeg != 0 {
		z += w[fNegAny]
	}
	if fa&fb&hotNeg != 0 {
		z += w[fBothNeg]
	}
	if ant && !negOpp {
		if int(ha.nKeys)-nS <= 1 && int(hb.nKeys)-nS <= 1 {
			z += max(0, w[fAntonymOnly])
		} else {
			z += max(0, w[fAntonym]*ov)
		}
	}
	if fa&fb&(hotNums|hotDates) != 0 {
		z += max(0, w[fNumeric]*ov)
	}
	if negOpp {
		z += max(0, ix.negBlock(ha, hb, k, hedge))
	}
	return z < ix.zLink-zMargin
}

// negBlock bounds the weighted sum of the negation block's features of a
// pair with a one-sided negation, unanchored (scoreBelow).
func (ix *Index) negBlock(ha, hb *hotItem, k sharedCounts, hedge float64) float64 {
	w := ix.c.w.Values
	neg, other, shared := ha, hb, k.inA // the negated side
	if hb.flags&hotNeg != 0 {
		neg, other, shared = hb, ha, k.inB
	}
	block := 0.0
	switch cov := float64(shared) / float64(max(1, int(neg.nTerms))); {
	case cov >= 0.75:
		block += w[fNegHigh]
	case cov >= 0.5:
		block += w[fNegMid]
	default:
		block += w[fNegLow]
	}
	block += max(w[fNegUnscoped], max(0, w[fNegScope]))
	if neg.nTerms < other.nTerms {
		block += w[fNegShort]
	}
	if neg.flags&hotFlat != 0 {
		block += w[fNegUniversal]
	}
	block += max(0, w[fNegHead], w[fNegHeadNew])
	block += w[fNegHedge] * hedge
	block += max(0, w[fNegOtherRejects])
	return block
}
