package pipeline

import (
	"context"
	"fmt"
	"sort"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/contradiction"
	"github.com/claimsvc/claimsvc/internal/store"
)

// The claim store (internal/store) gives linking a memory across requests: an
// article sent with the store on is linked to the claims stored by earlier
// requests — to this process or any replica sharing the store — and then
// written there itself, so later articles link to it. Candidate lookup is the
// Index's blocking (the same keys, window and limits), with the postings read
// from the store's key table instead of memory.

// storedPostingWindow is how many of the most recently stored claims per key
// a stored lookup reads: a quarter of the in-memory Index's window, because
// each posting is a row read from the database (BENCHMARKS.md: the lookup is
// most of the store's cost).
const storedPostingWindow = contradiction.PostingWindow / 4

// StoredLink is a link from a claim in the store (Link.A, described by Stored)
// to a claim of the article being processed (Link.B).
type StoredLink struct {
	claim.Link
	Stored store.Stored
}

// ArticleStored is Article with the store: the article's result, its links to
// claims stored for other articles, and the article written to st (replacing
// one stored under the same ID).
func (p *Pipeline) ArticleStored(ctx context.Context, st store.Store, a claim.Article, position int) (Result, []StoredLink, error) {
	res, prepared, err := p.article(ctx, a, position)
	if err != nil {
		return Result{}, nil, err
	}
	id := res.ArticleID
	stored, err := p.linkStored(ctx, st, prepared, func(other string) bool { return other == id })
	if err != nil {
		return Result{}, nil, fmt.Errorf("pipeline: link %q to the store: %w", id, err)
	}
	if err := put(ctx, st, a, res, prepared, res.Links, plainLinks(stored)); err != nil {
		return Result{}, nil, err
	}
	return res, stored, nil
}

// BatchStored is Batch with the store: every article is linked to the claims
// stored before the batch (not to the batch's own, which cross links cover),
// then written.
func (p *Pipeline) BatchStored(ctx context.Context, st store.Store, arts []claim.Article) ([]Result, []claim.Link, [][]StoredLink, error) {
	results, prepared, cross, err := p.batch(ctx, arts)
	if err != nil {
		return nil, nil, nil, err
	}
	inBatch := make(map[string]bool, len(results))
	for _, r := range results {
		inBatch[r.ArticleID] = true
	}
	skip := func(other string) bool { return inBatch[other] }
	stored := make([][]StoredLink, len(results))
	for i, r := range results {
		if stored[i], err = p.linkStored(ctx, st, prepared[i], skip); err != nil {
			return nil, nil, nil, fmt.Errorf("pipeline: link %q to the store: %w", r.ArticleID, err)
		}
	}
	// Each cross link is kept with its later claim's article (B), so it goes
	// when either article is replaced or deleted.
	crossOf := make(map[string][]claim.Link, len(results))
	for _, l := range cross {
		crossOf[articleOf(l.B)] = append(crossOf[articleOf(l.B)], l)
	}
	for i, r := range results {
		if err := put(ctx, st, arts[i], r, prepared[i], r.Links, crossOf[r.ArticleID], plainLinks(stored[i])); err != nil {
			return nil, nil, nil, err
		}
	}
	return results, cross, stored, nil
}

// AddStored is Add with the store: the article is linked to earlier articles of
// the stream (in memory) and to the store's claims of other articles, then
// written. A pair linked both ways is reported once, as a cross-article link.
func (s *Stream) AddStored(ctx context.Context, st store.Store, a claim.Article, position int) (Result, []claim.Link, []StoredLink, error) {
	res, prepared, err := s.p.article(ctx, a, position)
	if err != nil {
		return Result{}, nil, nil, err
	}
	id := res.ArticleID
	links, err := s.link(ctx, prepared)
	if err != nil {
		return Result{}, nil, nil, fmt.Errorf("pipeline: link %q: %w", id, err)
	}
	cross := crossLinks(links, res.Claims, s.p.classifier.Restater())
	stored, err := s.p.linkStored(ctx, st, prepared, func(other string) bool { return other == id })
	if err != nil {
		return Result{}, nil, nil, fmt.Errorf("pipeline: link %q to the store: %w", id, err)
	}
	type pair struct{ a, b string }
	have := make(map[pair]bool, len(cross))
	for _, l := range cross {
		have[pair{l.A, l.B}] = true
	}
	kept := stored[:0]
	for _, l := range stored {
		if !have[pair{l.A, l.B}] {
			kept = append(kept, l)
		}
	}
	if err := put(ctx, st, a, res, prepared, res.Links, cross, plainLinks(kept)); err != nil {
		return Result{}, nil, nil, err
	}
	return res, cross, kept, nil
}

// linkStored compares each prepared claim with the stored claims that share
// its blocking keys — per key the storedPostingWindow most recently stored, at most
// MaxCandidates sharing the most keys — except claims of articles skip names,
// and returns the links found, pruned as an article's own are.
func (p *Pipeline) linkStored(ctx context.Context, st store.Store, prepared []contradiction.Prepared, skip func(articleID string) bool) ([]StoredLink, error) {
	if len(prepared) == 0 {
		return nil, nil
	}
	keysOf := make([][]string, len(prepared))
	seen := map[string]bool{}
	var keys []string
	for i, pr := range prepared {
		keysOf[i] = pr.Keys()
		for _, k := range keysOf[i] {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	postings, err := st.Candidates(ctx, keys, storedPostingWindow, "")
	if err != nil {
		return nil, err
	}
	type cand struct {
		id     string
		stored int64
	}
	byKey := map[string][]cand{}
	storedAt := map[string]int64{}
	for _, po := range postings {
		if !skip(po.ArticleID) {
			byKey[po.Key] = append(byKey[po.Key], cand{po.ClaimID, po.Stored})
			storedAt[po.ClaimID] = po.Stored
		}
	}
	chosen := make([][]string, len(prepared))
	var want []string
	wanted := map[string]bool{}
	for i := range prepared {
		counts := map[string]int{}
		recency := map[string]int64{}
		for _, k := range keysOf[i] {
			for _, c := range byKey[k] {
				counts[c.id]++
				recency[c.id] = c.stored
			}
		}
		need := min(contradiction.MinShared, max(1, len(keysOf[i])))
		var ids []string
		for id, n := range counts {
			if n >= need {
				ids = append(ids, id)
			}
		}
		sort.Slice(ids, func(a, b int) bool {
			if counts[ids[a]] != counts[ids[b]] {
				return counts[ids[a]] > counts[ids[b]]
			}
			if recency[ids[a]] != recency[ids[b]] {
				return recency[ids[a]] > recency[ids[b]]
			}
			return ids[a] < ids[b]
		})
		if len(ids) > contradiction.MaxCandidates {
			ids = ids[:contradiction.MaxCandidates]
		}
		chosen[i] = ids
		for _, id := range ids {
			if !wanted[id] {
				wanted[id] = true
				want = append(want, id)
			}
		}
	}
	if len(want) == 0 {
		return nil, nil
	}
	// Candidates analysed in earlier calls come from the cache; the others are
	// read narrow (what comparing needs), the whole claim only for the few
	// that link.
	type candidate struct {
		stored   int64
		prepared contradiction.Prepared
	}
	byID := make(map[string]candidate, len(want))
	var read []string
	for _, id := range want {
		k := preparedKey{id, storedAt[id]}
		if pr, ok := p.stored.get(k); ok {
			byID[id] = candidate{k.stored, pr}
		} else {
			read = append(read, id)
		}
	}
	if len(read) > 0 {
		cands, err := st.Comparables(ctx, read)
		if err != nil {
			return nil, err
		}
		for _, c := range cands {
			cl := claim.Claim{ID: c.ID, Text: c.Text, Speaker: claim.Speaker{Name: c.Speaker}, Hedging: claim.Hedging{Score: c.Hedging}, Type: c.Type}
			st := contradiction.StatementOf(cl, c.Published)
			st.URL = c.URL
			k := preparedKey{c.ID, c.StoredTime.UnixNano()}
			pr := p.classifier.PrepareStatement(c.ID, st)
			p.stored.put(k, pr)
			byID[c.ID] = candidate{k.stored, pr}
		}
	}
	var links []claim.Link
	var linkedIDs []string
	linked := map[string]bool{}
	for i, pr := range prepared {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("pipeline: %w", err)
		}
		sort.Strings(chosen[i]) // compare in a stable order
		for _, id := range chosen[i] {
			c, ok := byID[id] // deleted since the lookup: gone
			if !ok {
				continue
			}
			l, ok := p.classifier.LinkPrepared(c.prepared, pr)
			if !ok {
				continue
			}
			links = append(links, l)
			if !linked[id] {
				linked[id] = true
				linkedIDs = append(linkedIDs, id)
			}
		}
	}
	links = pruneLinks(links, p.classifier.Restater())
	if len(links) == 0 {
		return nil, nil
	}
	full, err := st.Claims(ctx, linkedIDs, false)
	if err != nil {
		return nil, err
	}
	about := make(map[string]store.Stored, len(full))
	for _, c := range full {
		if c.StoredTime.UnixNano() == byID[c.ID].stored { // else replaced since it was compared
			about[c.ID] = c
		}
	}
	out := make([]StoredLink, 0, len(links))
	for _, l := range links {
		if c, ok := about[l.A]; ok { // else deleted or replaced since: gone
			out = append(out, StoredLink{Link: l, Stored: c})
		}
	}
	return out, nil
}

// put writes one article with its claims' blocking keys and the given links.
func put(ctx context.Context, st store.Store, a claim.Article, res Result, prepared []contradiction.Prepared, links ...[]claim.Link) error {
	sa := store.Article{ID: res.ArticleID, URL: a.URL, Title: a.Title, Published: a.Published, Claims: make([]store.Claim, len(res.Claims))}
	for i, c := range res.Claims {
		sa.Claims[i] = store.Claim{Claim: c, Keys: prepared[i].Keys()}
	}
	for _, ls := range links {
		sa.Links = append(sa.Links, ls...)
	}
	if err := st.PutArticle(ctx, sa); err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	return nil
}

func plainLinks(ls []StoredLink) []claim.Link {
	out := make([]claim.Link, len(ls))
	for i, l := range ls {
		out[i] = l.Link
	}
	return out
}

// EntityKeys are the blocking keys a name yields (Moscow → Russia's), for
// filtering stored claims by entity.
func (p *Pipeline) EntityKeys(name string) []string { return p.classifier.EntityKey(name) }
