package contradiction

import "github.com/claimsvc/claimsvc/internal/claim"

// What a claim store needs of the linker: the blocking keys of a prepared claim
// (which it keeps in an indexed key table), the limits the in-memory Index applies
// to them, and a comparison of two prepared claims. With these, a store links a
// new claim to stored ones exactly as an Index would, but with the postings read
// from its key table instead of memory.

// Blocking limits as the Index applies them, for stores that look candidates up
// in their own key table: per key the PostingWindow most recent claims, at most
// MaxCandidates of those sharing at least MinShared keys (or all keys of a claim
// with fewer).
const (
	PostingWindow = postingWindow
	MaxCandidates = maxCandidates
	MinShared     = minShared
)

// ID is the claim ID the claim was prepared with.
func (p Prepared) ID() string { return p.item.id }

// Statement is what the classifier compares for the claim.
func (p Prepared) Statement() Statement { return p.item.st }

// Keys are the claim's blocking keys (canonical entities, near-synonym groups,
// stems), each once, sorted: two claims are compared only when they share keys.
func (p Prepared) Keys() []string { return p.item.an.keys() }

// PrepareStatement analyses one statement under the claim ID id, for a claim
// read back from a store.
func (c *Classifier) PrepareStatement(id string, st Statement) Prepared {
	return Prepared{indexed{id: id, st: st, an: c.lx.analyze(st.Text)}}
}

// LinkPrepared judges a pair of prepared claims, earlier first, and returns the
// link an Index would make between them (both ends described), and whether
// there is one.
func (c *Classifier) LinkPrepared(earlier, later Prepared) (claim.Link, bool) {
	a, b := &earlier.item, &later.item
	if sameText(&a.st, &b.st) {
		return claim.Link{}, false // compare would not link them
	}
	v := c.compare(&a.st, a.an, &b.st, b.an)
	if !v.Linked() {
		return claim.Link{}, false
	}
	return claim.Link{A: a.id, B: b.id, Score: v.Score, Relation: v.Relation, Reason: v.Reason, Explanation: v.Explanation,
		ClaimA: linked(a, v.StanceA, v.EvidenceA, v.DatesA), ClaimB: linked(b, v.StanceB, v.EvidenceB, v.DatesB)}, true
}

// EntityKey is the blocking key of a name as a claim's text would yield it: the
// canonical entity for a known alias ("Moscow" → the key of Russia), else the
// keys of its words. It lets a store filter claims by entity through its key
// table.
func (c *Classifier) EntityKey(name string) []string {
	return c.lx.analyze(name).keys()
}
