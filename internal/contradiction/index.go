package contradiction

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// Blocking limits. A claim is compared only with earlier claims that share at least
// minShared of its blocking keys, looking at no more than postingWindow most recent
// claims per key and keeping the maxCandidates that share the most keys. Each claim
// thus costs O(keys × postingWindow), whatever the number of claims indexed: the
// total cost grows linearly with the number of claims, never with its square.
const (
	postingWindow = 64
	maxCandidates = 24
	minShared     = 2
)

// Index links claims incrementally, for streams: Add links the new claims to each
// other and to every claim added before. It is safe for concurrent use; Adds are
// serialised.
type Index struct {
	c        *Classifier
	mu       sync.Mutex
	items    []indexed
	postings map[string][]int32 // blocking key → indices into items, in order added
	seen     map[string]bool    // claim IDs already indexed
}

// indexed is one claim as the index keeps it: its statement and analysis.
type indexed struct {
	id string
	st Statement
	an *analysis
}

// NewIndex returns an empty index using c.
func (c *Classifier) NewIndex() *Index {
	return &Index{c: c, postings: map[string][]int32{}, seen: map[string]bool{}}
}

// Len is the number of claims indexed.
func (ix *Index) Len() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return len(ix.items)
}

// StatementOf is the Statement the classifier compares for a claim: its text, its
// speaker's canonical name ("" for the article's voice), its hedging score and the
// article's publication time.
func StatementOf(c claim.Claim, published time.Time) Statement {
	speaker := c.Speaker.Name
	if c.Speaker.Kind == claim.SpeakerArticle {
		speaker = ""
	}
	return Statement{Text: c.Text, Speaker: speaker, Hedging: c.Hedging.Score, Published: published, Type: c.Type, Article: articleOf(c.ID)}
}

// articleOf is the article part of a pipeline claim ID ("<article id>#<n>"; the
// article ID may itself contain '#', the counter never does); "" when the ID has
// no '#'.
func articleOf(id string) string {
	if i := strings.LastIndexByte(id, '#'); i >= 0 {
		return id[:i]
	}
	return ""
}

// Prepared is a claim analysed once for linking (tokens, negation scopes, blocking
// keys), so one article's claims can go into several indexes — its own, a batch's,
// a stream's two generations — without being analysed again. It is read-only.
type Prepared struct{ item indexed }

// Prepare analyses claims published at published (zero if unknown) for AddPrepared.
func (c *Classifier) Prepare(claims []claim.Claim, published time.Time) []Prepared {
	return c.PrepareArticle(claim.Article{Published: published}, claims)
}

// PrepareArticle is Prepare for the claims of article a: links name its
// publication time and URL.
func (c *Classifier) PrepareArticle(a claim.Article, claims []claim.Claim) []Prepared {
	out := make([]Prepared, len(claims))
	for i, cl := range claims {
		st := StatementOf(cl, a.Published)
		st.URL = a.URL
		out[i] = Prepared{indexed{id: cl.ID, st: st, an: c.lx.analyze(cl.Text)}}
	}
	return out
}

// linked describes one end of a link from what the index keeps of it.
func linked(it *indexed, stance claim.Stance, evidence []claim.Span, dates []string) claim.LinkedClaim {
	return claim.LinkedClaim{
		ID: it.id, ArticleID: it.st.Article, Text: it.st.Text, Speaker: it.st.Speaker, URL: it.st.URL,
		Published: it.st.Published, Type: it.st.Type, Stance: stance, Evidence: evidence, Dates: dates,
	}
}

// Add indexes claims (IDs must be set and unique) published at published (zero if
// unknown) and returns the links from each new claim to the claims before it, in
// input order (A is the earlier claim). Claims already indexed are an error.
func (ix *Index) Add(ctx context.Context, claims []claim.Claim, published time.Time) ([]claim.Link, error) {
	return ix.AddPrepared(ctx, ix.c.Prepare(claims, published))
}

// AddPrepared is Add for claims already analysed by Prepare.
func (ix *Index) AddPrepared(ctx context.Context, claims []Prepared) ([]claim.Link, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	batch := make(map[string]bool, len(claims))
	for _, p := range claims {
		if p.item.id == "" {
			return nil, fmt.Errorf("contradiction: claim %.40q has no ID", p.item.st.Text)
		}
		if ix.seen[p.item.id] || batch[p.item.id] {
			return nil, fmt.Errorf("contradiction: claim ID %q indexed twice", p.item.id)
		}
		batch[p.item.id] = true
	}
	var links []claim.Link
	counts := map[int32]int{}
	for n, p := range claims {
		if n%64 == 0 {
			if err := ctx.Err(); err != nil {
				return links, fmt.Errorf("contradiction: %w", err)
			}
		}
		item := p.item
		keys := item.an.keys()
		clear(counts)
		for _, k := range keys {
			post := ix.postings[k]
			if len(post) > postingWindow {
				post = post[len(post)-postingWindow:]
			}
			for _, j := range post {
				counts[j]++
			}
		}
		for _, j := range ix.candidates(counts, len(keys)) {
			other := &ix.items[j]
			v := ix.c.compare(other.st, other.an, item.st, item.an)
			if !v.Linked() {
				continue
			}
			links = append(links, claim.Link{A: other.id, B: item.id, Score: v.Score, Relation: v.Relation, Reason: v.Reason, Explanation: v.Explanation,
				ClaimA: linked(other, v.StanceA, v.EvidenceA, v.DatesA), ClaimB: linked(&item, v.StanceB, v.EvidenceB, v.DatesB)})
		}
		idx := int32(len(ix.items))
		ix.items = append(ix.items, item)
		ix.seen[item.id] = true
		for _, k := range keys {
			ix.postings[k] = append(ix.postings[k], idx)
		}
	}
	return links, nil
}

// candidates picks the earlier claims worth comparing: those sharing at least
// minShared keys (or all keys of a claim with fewer), most shared first, most recent
// first among equals, at most maxCandidates.
func (ix *Index) candidates(counts map[int32]int, nKeys int) []int32 {
	need := min(minShared, max(1, nKeys))
	out := make([]int32, 0, len(counts))
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
	// compare in input order so links come out deterministically ordered
	sort.Slice(out, func(a, b int) bool { return out[a] < out[b] })
	return out
}

// Link returns all links among claims (within an article or across a batch): the
// one-shot form of an Index.
func (c *Classifier) Link(ctx context.Context, claims []claim.Claim) ([]claim.Link, error) {
	return c.NewIndex().Add(ctx, claims, time.Time{})
}
