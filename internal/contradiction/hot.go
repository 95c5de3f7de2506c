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
const hotAnts = 11

// Flags of a hotItem.
const (
	hotProp      uint8 = 1 << iota // Type.Proposition()
	hotNeg                         // analysis.negative()
	hotNums                        // has numbers
	hotDates                       // has dates
	hotStancePos                   // a stance verb of direction > 0 (with a word)
	hotStanceNeg                   // a stance verb of direction < 0 (with a word)
	hotAntsMore                    // antonym numbers beyond ants (or beyond uint16)
)

// hotItem is what cannotLink and sameText read of an indexed claim: 32 bytes,
// two per cache line.
type hotItem struct {
	textLen  int32  // len(Statement.Text)
	textHash uint32 // of Statement.Text, with the Index's textSeed
	flags    uint8
	nAnts    uint8           // of ants used
	ants     [hotAnts]uint16 // antonym numbers of the terms (analysis.ants), in order
}

// hotOf is it's hotItem; seed hashes its text.
func hotOf(it *indexed, seed maphash.Seed) hotItem {
	h := hotItem{textLen: int32(len(it.st.Text)), textHash: uint32(maphash.String(seed, it.st.Text))}
	an := it.an
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
// items ha and hb: texts of other lengths or hashes differ without being read.
func sameTextHot(ha, hb *hotItem, a, b *indexed) bool {
	return ha.textLen == hb.textLen && ha.textHash == hb.textHash && sameText(&a.st, &b.st)
}

// stancesOppose is opposingStance(a.stances, b.stances)'s result from the
// stance flags: one side has a direction only, the other only the opposite.
func stancesOppose(fa, fb uint8) bool {
	const both = hotStancePos | hotStanceNeg
	da, db := fa&both, fb&both
	return da == hotStancePos && db == hotStanceNeg || da == hotStanceNeg && db == hotStancePos
}

// antMarks marks the antonym numbers that oppose the claim being added: every
// number antonymsOf gives for one of its terms, tagged with gen (a number is
// marked when its word equals gen), so a candidate's antonym numbers are
// tested by one read each.
type antMarks struct {
	words []uint32 // by antonym number
	gen   uint32
}

// mark marks the antonyms of an's terms, clearing the marks of the claim before.
func (am *antMarks) mark(lx *lexicon, an *analysis) {
	if n := len(lx.antFrom); len(am.words) < n {
		am.words = make([]uint32, n)
	}
	am.gen++
	if am.gen == 0 { // wrapped: old marks could read as current
		clear(am.words)
		am.gen = 1
	}
	for _, z := range an.ants {
		for _, y := range lx.antonymsOf(z.ant) {
			am.words[y] = am.gen
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
		if int(x) < len(am.words) && am.words[x] == am.gen {
			return true
		}
	}
	return false
}

// cannotLink reports whether compareShared(a, b, sg) is sure to leave the
// pair unlinked, from the hot items of a (an indexed claim) and b (the claim
// being added, whose antonyms am marks) and from what the shared keys sg name:
// ents of them an actor (the run's first term in a an entity, or in both a
// name) and concepts the others. It is false whenever the pair might link.
//
// Proof. compareShared links a pair only (1) through align, whose proposition
// judgeAligned may link, or (2) with a score at or above DefaultThreshold,
// which needs reason to find a cue (without one the score is capped at
// 0.99·DefaultThreshold).
//   - align needs two shared keys that name actors and one that does not
//     (len(ents) >= 2, len(concepts) > 0: ents and concepts here count the
//     same sg by the same test).
//   - reason finds a cue only when groupFired holds for one of its groups:
//     ev.negWord is set only when negOpp, which needs a.negative() !=
//     b.negative(); ev.antA or ev.stanceA only when opposingStance holds (read
//     from the stance flags as its dirs reads the cues) or a term x of a and
//     a term z of b have z.ant among antonymsOf(x.ant), so (the antonym list
//     is symmetric, TestAntonymsSymmetric) x.ant among antonymsOf(z.ant),
//     which am marks (features also asks both unshared; that is not needed
//     here); ev.numA only when numberMismatch finds a number on each side;
//     ev.dateA only when dateMismatch finds a date on each side.
//
// When none of these can hold, neither (1) nor (2) can, and cannotLink says so.
// TestCannotLinkSound checks it against compareShared over many pairs.
func cannotLink(ha, hb *hotItem, am *antMarks, ents, concepts int) bool {
	fa, fb := ha.flags, hb.flags
	switch {
	case (fa^fb)&hotNeg != 0:
		return false // a one-sided negation
	case ents >= 2 && concepts > 0:
		return false // a proposition may align
	case fa&fb&hotNums != 0, fa&fb&hotDates != 0:
		return false // numbers or dates may differ
	case stancesOppose(fa, fb):
		return false
	}
	return !am.anyMarked(ha)
}
