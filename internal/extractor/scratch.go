package extractor

import (
	"unsafe"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// Per-call scratch. Extract works in buffers it grows by append (tokens, quote
// regions, prefix counts, sentences, cues, relations, feature ids, the claims
// before they are sorted); allocating them afresh on every call cost most of its
// allocations and, on long blocks, the copying of their growth. An Extractor keeps
// them in a sync.Pool between calls instead.
//
// Two rules keep pooling invisible:
//   - nothing Extract returns points into pooled memory: the claims are copied out
//     of the scratch into a slice of their own, and the strings in them slice the
//     caller's text or were allocated for the claim;
//   - nothing of one call reaches the next: every buffer is emptied before use, and
//     the ones that hold strings (relations, claims, speakers, resolver entities)
//     are cleared when the scratch goes back, so no article's text stays reachable
//     from the pool.
//
// A buffer larger than maxPooledBytes is dropped instead of kept, so a megabyte
// article does not pin megabytes per pooled scratch: one scratch retains at most
// about a dozen buffers of that size (under 1 MiB in all; an ordinary article's
// scratch is a few tens of KiB), and the pool itself empties over two garbage
// collections.

// maxPooledBytes bounds the capacity of each buffer a scratch keeps between calls.
const maxPooledBytes = 64 << 10

// scratch is the working memory of one Extract call.
type scratch struct {
	sg     segmenter
	m      mentionCtx
	d      decider
	cb     claimBuilder
	blocks []block
	sents  []sentence
	cues   []cue
	rels   []relation
}

// getScratch returns a scratch for one call over text, its buffers empty.
func (e *Extractor) getScratch(text string) *scratch {
	sc, _ := e.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{cb: newClaimBuilder(text)}
	}
	sc.sg.lx, sc.sg.err = e.lx, nil
	sc.sg.toks, sc.sg.keys, sc.sg.quotes = sc.sg.toks[:0], sc.sg.keys[:0], sc.sg.quotes[:0]
	sc.m.lx, sc.m.text, sc.m.toks, sc.m.keys = e.lx, text, nil, nil
	sc.cb.reset(text)
	return sc
}

// putScratch returns sc to the pool, dropping oversized buffers and clearing the
// ones that hold strings.
func (e *Extractor) putScratch(sc *scratch) {
	sc.sg.toks = keep(sc.sg.toks)
	sc.sg.keys = keep(sc.sg.keys)
	sc.sg.quotes = keep(sc.sg.quotes)
	sc.sg.lower = keep(sc.sg.lower)
	sc.sg.cover = keep(sc.sg.cover)
	sc.m.text, sc.m.toks, sc.m.keys = "", nil, nil
	sc.m.lower = keep(sc.m.lower)
	sc.m.counts = keep(sc.m.counts)
	sc.m.fcounts = keep(sc.m.fcounts)
	sc.m.hashes = keep(sc.m.hashes)
	sc.m.words, sc.m.qmarks, sc.m.qwords = nil, nil, nil // views of counts
	sc.m.commas, sc.m.parens, sc.m.rels = nil, nil, nil  // views of fcounts
	sc.m.featReady = false
	sc.d.feats.ids = keep(sc.d.feats.ids)
	sc.d.cands = keep(sc.d.cands)
	sc.blocks = keep(sc.blocks)
	sc.sents = keep(sc.sents)
	sc.cues = keep(sc.cues)
	sc.rels = keepCleared(sc.rels)
	sc.cb.release()
	e.scratch.Put(sc)
}

// keep returns s emptied, or nil when its capacity is over maxPooledBytes.
func keep[T any](s []T) []T {
	var z T
	if uintptr(cap(s))*unsafe.Sizeof(z) > maxPooledBytes {
		return nil
	}
	return s[:0]
}

// keepCleared is keep for buffers whose elements hold strings: the whole
// capacity is zeroed, so nothing of the call stays reachable.
func keepCleared[T any](s []T) []T {
	s = keep(s)
	clear(s[:cap(s)])
	return s
}

// reset readies b for an article's text, keeping its buffers.
func (b *claimBuilder) reset(text string) {
	b.text, b.out, b.lastQuote, b.lastPara = text, b.out[:0], -1, 0
	b.speakers = b.speakers[:0]
	b.rs.reset()
}

// release clears b's buffers for the pool (see putScratch).
func (b *claimBuilder) release() {
	b.text = ""
	b.out = keepCleared(b.out)
	b.speakers = keepCleared(b.speakers)
	b.rs.release()
}

// claims copies b's claims, sorted by span start, into a slice of their own;
// nil when there are none.
func (b *claimBuilder) claims() []claim.Claim {
	if len(b.out) == 0 {
		return nil
	}
	sortClaims(b.out)
	return append([]claim.Claim(nil), b.out...)
}

// growCap returns s with room for n elements: s itself when it has it, else a
// copy of s in a buffer of max(n, twice the old capacity), so a buffer that keeps
// growing is copied O(log n) times.
func growCap[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s
	}
	ns := make([]T, len(s), max(n, 2*cap(s)))
	copy(ns, s)
	return ns
}
