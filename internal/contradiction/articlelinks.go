package contradiction

import (
	"context"
	"fmt"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// Linking the claims of one article among themselves is what every
// ExtractClaims call does, on an Index that is thrown away once the links are
// found; analysing the claims and building that Index was most of the bytes
// the call allocated, and so most of what drove the garbage collector.
// LinkArticle reuses both: the analyses are carved from a pooled
// analysisArena and the Index is a pooled one, reset. Neither outlives the
// call: the links it returns hold only the claims' own strings and slices
// compare allocates for them (evidence spans, dates), never memory of an
// analysis or of the Index; and the analyses a caller keeps (keep) are moved
// out of the arena first.

// ctxCheckClaims is how many claims LinkArticle analyses between context
// checks: an article of a megabyte of short quotes has tens of thousands.
const ctxCheckClaims = 64

// LinkArticle links the claims of article a (IDs set and unique) among
// themselves, as AddPrepared of PrepareArticle(a, claims) on a fresh Index
// does, and returns the links. With keep it also returns the claims prepared
// (for a batch's or a stream's index, or the store); without, it returns none
// and nothing of the linking's memory outlives the call.
func (c *Classifier) LinkArticle(ctx context.Context, a claim.Article, claims []claim.Claim, keep bool) ([]claim.Link, []Prepared, error) {
	ar := c.arena()
	defer c.release(ar)
	prepared := ar.prepared.take(len(claims))
	if err := c.prepareAll(ctx, ar, a, claims, prepared); err != nil {
		return nil, nil, err
	}
	ix, _ := c.indexes.Get().(*Index)
	if ix == nil {
		ix = c.NewIndex()
	}
	links, err := ix.AddPrepared(ctx, prepared)
	if len(ix.items) <= maxPooledClaims {
		ix.reset()
		c.indexes.Put(ix)
	}
	if err != nil {
		return nil, nil, err
	}
	if !keep {
		return links, nil, nil
	}
	kept := make([]Prepared, len(prepared))
	copy(kept, prepared)
	keepAnalyses(kept)
	return links, kept, nil
}

// maxPooledClaims bounds the claims a pooled Index may have held to be pooled
// again: one that served an article of tens of thousands of claims is
// dropped rather than kept (and cleared) for small ones.
const maxPooledClaims = 1 << 12

// arena returns a pooled analysisArena, empty.
func (c *Classifier) arena() *analysisArena {
	if ar, _ := c.arenas.Get().(*analysisArena); ar != nil {
		return ar
	}
	return newPooledArena()
}

// release resets ar and pools it again, unless it grew too large to keep;
// nothing carved from it may be read after.
func (c *Classifier) release(ar *analysisArena) {
	if ar.poolable() {
		ar.reset()
		c.arenas.Put(ar)
	}
}

// prepareAll sets out[i] to PrepareArticle of claims[i] of article a, the
// analyses carved from ar, with one analyzeScratch for them all; it stops
// with ctx's error, checked every ctxCheckClaims claims.
func (c *Classifier) prepareAll(ctx context.Context, ar *analysisArena, a claim.Article, claims []claim.Claim, out []Prepared) error {
	sc := c.lx.takeScratch()
	defer c.lx.putScratch(sc)
	for i := range claims {
		if i%ctxCheckClaims == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("contradiction: %w", err)
			}
		}
		cl := &claims[i]
		st := StatementOf(*cl, a.Published)
		st.URL = a.URL
		out[i] = Prepared{indexed{id: cl.ID, st: st, an: c.lx.analyzeWith(sc, ar, cl.Text)}}
	}
	return nil
}

// reset empties the index for reuse, keeping its memory: as NewIndex returns
// it, but for the capacity of every slice, the key table's slots and the
// lists of the keys it numbered (emptied, found again by keyNumbers).
func (ix *Index) reset() {
	clear(ix.items) // the analyses and texts are not the index's to keep alive
	ix.items = ix.items[:0]
	ix.hot = ix.hot[:0]
	ix.postings.reset(0)
	for i := range ix.lists {
		ix.lists[i] = ix.lists[i][:0]
	}
	ix.lists = ix.lists[:0]
	clear(ix.seen)
	ix.counts.words, ix.counts.gen = ix.counts.words[:0], 0
	ix.itemKeyNums = ix.itemKeyNums[:0]
	ix.itemKeys = ix.itemKeys[:0]
	ix.keysFrom = ix.keysFrom[:0]
	ix.runOf = ix.runOf[:0] // zero: link clears what markRuns set
}
