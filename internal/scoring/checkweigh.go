package scoring

import (
	"math"
	"math/bits"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// checkSum is a claim's check-worthiness log-odds and the strongest
// contributions of each sign to it (see sum).
type checkSum struct {
	z        float64
	pos, neg topReasons // by |w|: pos of the positive weights, neg of the negative
	// hand is the genre-general features sum reads along (reset per claim,
	// its at left as it was: see handFeatures.reset).
	hand handFeatures
}

// sum adds to z the weights of the claim's features in appendCheckFeatures'
// order (so the sum is the same to the bit however it is computed elsewhere)
// and keeps the strongest positive and negative contributions of at least
// minReason, strongest first (ties keep the earlier feature). It walks the
// tokens itself instead of listing appendCheckFeatures' occurrences and then
// weighing them: each n-gram is weighed where it is hashed, only the few
// contributions strong enough to be reasons are ever written down, and the
// genre-general features are read in the same pass (as handFeatures.read
// reads them: a plainWord needs no more than a count). TestSumMatchesFeatures
// holds the two together.
func (m *checkModel) sum(cs *checkSum, text string, toks []token, info []tokInfo, typ claim.Type) {
	hand := &cs.hand // read along, weighed after the n-grams
	hand.reset(text, toks, info)
	cs.pos.reset()
	cs.neg.reset()
	blocks, dense := m.blocks, m.dense // in registers: the loop stores to cs
	z := m.bias
	hPrev := hashStart
	afterWord := false
	info = info[:len(toks)] // one bound for both
	for i := range toks {
		t, in := &toks[i], &info[i]
		h := t.Hash
		if plainWord(t, in) {
			hand.words++
		} else {
			h = ngramHash(t, in, afterWord)
			hand.token(i, afterWord)
		}
		afterWord = afterWord || t.Word
		f := unigramBucket(h)
		w := weightIn(blocks, dense, f)
		z += w
		if w > cs.pos.a[maxReasons-1] { // offer, without testing twice
			cs.pos.add(w, contribution{f: f, i: i, j: i + 1, w: w})
		} else if -w > cs.neg.a[maxReasons-1] {
			cs.neg.add(-w, contribution{f: f, i: i, j: i + 1, w: w})
		}
		f = bigramBucket(hPrev, h)
		w = weightIn(blocks, dense, f)
		z += w
		if w > cs.pos.a[maxReasons-1] {
			cs.pos.add(w, contribution{f: f, i: max(i-1, 0), j: i + 1, w: w})
		} else if -w > cs.neg.a[maxReasons-1] {
			cs.neg.add(-w, contribution{f: f, i: max(i-1, 0), j: i + 1, w: w})
		}
		hPrev = h
	}
	if n := len(toks); n > 0 {
		f := bigramBucket(hPrev, hashEnd)
		w := weightIn(blocks, dense, f)
		z += w
		cs.offer(contribution{f: f, i: n - 1, j: n, w: w})
	}
	hand.finish(typ)
	for m := hand.fired; m != 0; m &= m - 1 { // the fired features in index order
		k := bits.TrailingZeros64(m)
		i, j := hand.span(k)
		f := uint32(CheckBuckets + k)
		w := weightIn(blocks, dense, f)
		z += w
		cs.offer(contribution{f: f, i: i, j: j, w: w})
	}
	cs.z = z
}

// offer keeps c among the strongest contributions of its sign when it is one.
func (cs *checkSum) offer(c contribution) {
	switch {
	case c.w > cs.pos.a[maxReasons-1]:
		cs.pos.add(c.w, c)
	case -c.w > cs.neg.a[maxReasons-1]:
		cs.neg.add(-c.w, c)
	}
}

// belowMinReason is the largest |w| too weak to be a reason: a contribution is
// one when its |w| is above it, that is at least minReason.
var belowMinReason = math.Nextafter(minReason, math.Inf(-1))

// topReasons is the strongest maxReasons contributions of one sign seen so
// far: their |w| in descending order and the contributions, a later one of
// equal |w| after the earlier (the first maxReasons of all of them stably
// sorted by |w| descending). Past n, a holds belowMinReason, so that
// a[maxReasons-1] is always the |w| an offer must beat.
type topReasons struct {
	n int
	a [maxReasons]float64
	c [maxReasons]contribution
}

// reset empties the top.
func (t *topReasons) reset() {
	t.n = 0
	for k := range t.a {
		t.a[k] = belowMinReason
	}
}

// add offers contribution c of |w| a, which must be stronger than
// a[maxReasons-1] (sum tests that first).
func (t *topReasons) add(a float64, c contribution) {
	p := min(t.n, maxReasons-1) // a full top drops its last
	for ; p > 0 && t.a[p-1] < a; p-- {
		t.a[p], t.c[p] = t.a[p-1], t.c[p-1]
	}
	t.a[p], t.c[p] = a, c
	t.n = min(t.n+1, maxReasons)
}

// list is the contributions kept, strongest first.
func (t *topReasons) list() []contribution { return t.c[:t.n] }
