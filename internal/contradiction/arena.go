package contradiction

import "unsafe"

// An analysis is a handful of slices (terms, token offsets and clauses, token
// kinds, cues, antonym terms) plus the struct itself. Allocated one by one,
// that is five or six allocations per claim, most of the bytes an article's
// linking allocates, and so most of what drives the garbage collector on the
// server's ExtractClaims path, where the analyses are thrown away with the
// article's own index once its links are found. An analysisArena carves them
// out of a few blocks instead: pooled (LinkArticle without keep) the blocks
// are reused by the next article, so a steady load allocates none; exact
// (the zero arena, what analyze uses) each piece is a slice of exactly its
// size, as make would give, or, after reserve (keepAnalyses), carved from
// chunks that hold all that was reserved.

// block hands out slices of T carved from one chunk. Every slice it returns
// is zeroed and capped at its length, so an append to one can never write
// into the next.
type block[T any] struct {
	buf []T // the current chunk: buf[len(buf):cap(buf)] is free, and zero
	// used counts the elements taken since the last reset, over every chunk:
	// reset makes the next chunk that large, so a steady load fits one chunk.
	used int
	// pooled makes a full chunk be replaced by one at least twice its size
	// (amortised growth) instead of by a slice of exactly the size asked.
	pooled bool
	// left (exact, after reserve) is how many elements are still to be taken:
	// a new chunk holds them all, up to maxChunkBytes.
	left int
}

// minChunk is the smallest chunk a pooled block allocates: room for the
// pieces of a few claims.
const minChunk = 64

// maxChunkBytes bounds the chunks an exact block allocates for what reserve
// announced: the largest of the allocator's small size classes. A larger
// chunk would be a large object, whose size is rounded up to whole pages (on
// average half a page lost per block, more than a chunk's unused tail).
const maxChunkBytes = 32 << 10

// take returns a zeroed slice of n elements, len and cap n.
func (b *block[T]) take(n int) []T {
	if cap(b.buf)-len(b.buf) < n {
		c := n
		switch {
		case b.pooled:
			c = max(n, 2*cap(b.buf), minChunk)
		case b.left > n:
			var t T
			c = max(n, min(b.left, maxChunkBytes/max(1, int(unsafe.Sizeof(t)))))
		}
		b.buf = make([]T, 0, c)
	}
	l := len(b.buf)
	b.buf = b.buf[:l+n]
	b.used += n
	b.left -= n
	return b.buf[l : l+n : l+n]
}

// reserve announces that n elements in all are about to be taken from an
// exact block, so they come in as few chunks as maxChunkBytes allows instead
// of one allocation each.
func (b *block[T]) reserve(n int) { b.left = n }

// reset frees every slice taken for reuse: the current chunk is cleared (so
// it neither keeps the texts its slices pointed to alive nor hands out stale
// values), or replaced by one that holds everything taken since the last
// reset when that was more than it holds.
func (b *block[T]) reset() {
	if b.used > cap(b.buf) {
		b.buf = make([]T, 0, b.used)
	} else {
		clear(b.buf)
		b.buf = b.buf[:0]
	}
	b.used, b.left = 0, 0
}

// analysisArena holds the blocks an analysis is carved from (analyzeIn).
type analysisArena struct {
	analyses block[analysis]
	terms    block[term]
	ints     block[int32] // offs, clause and byPos: 4 per token
	kinds    block[uint8]
	cues     block[cue]
	ants     block[antTerm] // ants that do not fit analysis.antBuf
	prepared block[Prepared]
}

// newPooledArena returns an arena whose blocks grow and are reused (reset).
func newPooledArena() *analysisArena {
	ar := new(analysisArena)
	ar.analyses.pooled, ar.terms.pooled, ar.ints.pooled, ar.kinds.pooled = true, true, true, true
	ar.cues.pooled, ar.ants.pooled, ar.prepared.pooled = true, true, true
	return ar
}

// maxPooledTerms bounds the terms a pooled arena may have held to be pooled
// again (and 16 times that its offsets, a claim's tokens being at most a few
// per term; maxPooledClaims its analyses): one that served an article of
// thousands of claims is dropped rather than kept for small ones.
const maxPooledTerms = 1 << 14

// reset frees everything taken from the arena for reuse; the analyses carved
// from it must no longer be read.
func (ar *analysisArena) reset() {
	ar.analyses.reset()
	ar.terms.reset()
	ar.ints.reset()
	ar.kinds.reset()
	ar.cues.reset()
	ar.ants.reset()
	ar.prepared.reset()
}

// poolable reports whether the arena is small enough to be pooled again.
func (ar *analysisArena) poolable() bool {
	return ar.terms.used <= maxPooledTerms && ar.ints.used <= 16*maxPooledTerms && ar.analyses.used <= maxPooledClaims
}

// keepAnalyses moves the analyses of prepared, carved from a pooled arena,
// into memory of their own: for all of them, a chunk or a few per kind of
// piece (block.reserve), so the arena can be reset while the Prepared values
// are kept (by a batch's or a stream's index, by the store). Every piece is copied as is; an
// analysis' ants that lived in its antBuf live in the copy's.
func keepAnalyses(prepared []Prepared) {
	var ar analysisArena // exact: each block gets one chunk of the total below
	nTerms, nInts, nKinds, nCues, nAnts := 0, 0, 0, 0, 0
	for i := range prepared {
		a := prepared[i].item.an
		nTerms += len(a.terms)
		nInts += len(a.offs) + len(a.clause) + len(a.byPos)
		nKinds += len(a.kinds)
		nCues += a.nCues()
		if !a.antsInline() {
			nAnts += len(a.ants)
		}
	}
	ar.analyses.reserve(len(prepared))
	ar.terms.reserve(nTerms)
	ar.ints.reserve(nInts)
	ar.kinds.reserve(nKinds)
	ar.cues.reserve(nCues)
	ar.ants.reserve(nAnts)
	for i := range prepared {
		prepared[i].item.an = prepared[i].item.an.moveTo(&ar)
	}
}

// moveTo returns a copy of a whose pieces are carved from ar (copies of a's).
func (a *analysis) moveTo(ar *analysisArena) *analysis {
	b := &ar.analyses.take(1)[0]
	*b = *a
	b.terms = copyInto(&ar.terms, a.terms)
	n := len(a.kinds)
	ints := ar.ints.take(4 * n)
	copy(ints[:2*n], a.offs)
	copy(ints[2*n:3*n], a.clause)
	copy(ints[3*n:], a.byPos)
	b.offs, b.clause, b.byPos = ints[:2*n:2*n], ints[2*n:3*n:3*n], ints[3*n:]
	b.kinds = copyInto(&ar.kinds, a.kinds)
	switch {
	case a.ants == nil:
	case a.antsInline():
		b.ants = b.antBuf[:len(a.ants):len(a.ants)]
	default:
		b.ants = copyInto(&ar.ants, a.ants)
	}
	b.packCuesFrom(a, &ar.cues)
	return b
}

// copyInto returns a copy of s carved from b (nil for nil s, as a moved
// analysis keeps its empty lists nil).
func copyInto[T any](b *block[T], s []T) []T {
	if s == nil {
		return nil
	}
	out := b.take(len(s))
	copy(out, s)
	return out
}

// antsInline reports whether a's ants are held in its antBuf.
func (a *analysis) antsInline() bool {
	return len(a.ants) > 0 && len(a.ants) <= len(a.antBuf) && &a.ants[0] == &a.antBuf[0]
}

// nCues is how many cues packCues packed for a: its seven lists and the
// polarity cues.
func (a *analysis) nCues() int {
	return len(a.negators) + len(a.quantities) + len(a.hedges) + len(a.npis) + len(a.stances) +
		len(a.changes) + len(a.temporals) + len(a.polarity)
}
