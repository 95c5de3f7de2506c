package contradiction

import (
	"context"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
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
	c     *Classifier
	mu    sync.Mutex
	items []indexed
	// postings numbers each blocking key; lists[n] holds the indices into items
	// of the claims with key number n, in order added. One hash per key per
	// claim: the number found (or given) when the postings are read is where the
	// claim is appended after its comparisons.
	postings keyTable
	lists    [][]int32
	// block is where a new key's list starts (two slots carved per key, as
	// most keys of an article's index have one or two claims), so a new key
	// costs no allocation of its own.
	block []int32
	seen  map[string]bool // claim IDs already indexed (nil until the first Add)
	// keyNums is AddPrepared's view (under mu) of the key numbers of the
	// claim being added: the tail of itemKeyNums that keyNumbers appended.
	keyNums []int32
	// counts and eligible are the blocking counts of the claim being added
	// (blockCounts; scratch under mu).
	counts   blockCounts
	eligible []int32
	picked   []int32 // the candidates of the claim being added (scratch under mu)
	// itemKeyNums holds every indexed claim's key numbers in run (key) order,
	// claim after claim, and itemKeys at the same places what sharedKeys needs
	// of each run (keyRun); keysFrom[j] is where claim j's start (keysFrom has
	// one entry more than items). The numbers, which sharedKeys scans for
	// every key of every candidate, are apart from the runs, which it reads
	// for the few shared ones: a candidate's numbers are one cache line.
	// runOf is AddPrepared's scratch (under mu), by key
	// number: 1 + the start of the run with that key in the claim being added,
	// 0 when it lacks the key. With both, the keys a candidate shares with the
	// claim are found by one look-up per key of the candidate instead of a merge
	// of the two sorted term lists comparing strings, and without reading the
	// candidate's terms (sharedKeys).
	itemKeyNums []int32
	itemKeys    []keyRun
	keysFrom    []int32
	runOf       []int32
	// runMask has bit n%256 set for every key number n of the claim being
	// added (markRuns): most keys of a candidate are not the claim's, and the
	// mask, in a register's reach, tells so for most of them without reading
	// runOf.
	runMask [4]uint64
	// hot holds every indexed claim's hotItem (by index into items, as
	// items), textSeed hashes their texts, and ants marks the antonyms of the
	// claim being added (scratch under mu): what rejects most candidates
	// without reading them (cannotLink).
	hot      []hotItem
	textSeed maphash.Seed
	ants     antMarks
	// zLink is the weighted cue sum at which the model's probability reaches
	// its trained threshold: below it no cue-model score can link (scoreBelow).
	zLink float64
}

// indexed is one claim as the index keeps it: its statement and analysis.
// The analysis and the statement's fields every comparison reads come first:
// 128 bytes, of which a compared candidate's first cache line is most often
// all that is read (see Statement).
type indexed struct {
	an *analysis
	st Statement
	id string
}

// NewIndex returns an empty index using c.
func (c *Classifier) NewIndex() *Index {
	t := c.w.Threshold
	// the first Add sizes the postings and seen (reserve, add)
	return &Index{c: c, textSeed: maphash.MakeSeed(), zLink: math.Log(t / (1 - t))}
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
// publication time and URL. The analyses are carved from a pooled arena, then
// moved together into memory of their own (keepAnalyses): a few allocations
// for the article rather than a few per claim.
func (c *Classifier) PrepareArticle(a claim.Article, claims []claim.Claim) []Prepared {
	ar := c.arena()
	defer c.release(ar)
	out := make([]Prepared, len(claims))
	c.prepareAll(context.Background(), ar, a, claims, out) // never cancelled
	keepAnalyses(out)
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
	return ix.add(ctx, claims, false)
}

// AddPreparedAcross is AddPrepared returning only the links from the claims
// added to claims of earlier Adds: pairs of two claims added together are not
// compared at all (the index is left as AddPrepared leaves it, and every other
// pair is picked and judged as by AddPrepared). For a stream that links an
// article's claims among themselves elsewhere and keeps only its links to
// earlier articles.
func (ix *Index) AddPreparedAcross(ctx context.Context, claims []Prepared) ([]claim.Link, error) {
	return ix.add(ctx, claims, true)
}

// add is AddPrepared, and with across AddPreparedAcross.
func (ix *Index) add(ctx context.Context, claims []Prepared, across bool) ([]claim.Link, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.seen == nil {
		ix.seen = make(map[string]bool, len(claims)) // an article's own index: its final size
	}
	// The IDs go into seen at once, one map assignment each (an ID already
	// there leaves its size unchanged), and out again on an error: the index
	// keeps only the IDs of the claims it holds.
	for i, p := range claims {
		if p.item.id == "" {
			ix.forget(claims[:i])
			return nil, fmt.Errorf("contradiction: claim %.40q has no ID", p.item.st.Text)
		}
		n := len(ix.seen)
		if ix.seen[p.item.id] = true; len(ix.seen) == n {
			ix.forget(claims[:i])
			return nil, fmt.Errorf("contradiction: claim ID %q indexed twice", p.item.id)
		}
	}
	ix.reserve(claims)
	var links []claim.Link
	// the claims before this index are those it may link to
	before := int32(len(ix.items) + len(claims))
	if across {
		before = int32(len(ix.items))
	}
	for n := range claims {
		if n%64 == 0 {
			if err := ctx.Err(); err != nil {
				ix.forget(claims[n:]) // not indexed
				return links, fmt.Errorf("contradiction: %w", err)
			}
		}
		item := &claims[n].item
		nKeys, actors := ix.keyNumbers(item.an)
		hot := hotOf(ix.c.lx, item, ix.textSeed, actors)
		if hot.flags&hotProp != 0 {
			// compare links nothing to a claim that is no proposition, so its
			// candidates are not even counted
			links = ix.link(item, &hot, nKeys, before, links)
		}
		idx := int32(len(ix.items))
		ix.items = append(ix.items, *item)
		ix.hot = append(ix.hot, hot)
		ix.counts.grow()
		for _, n := range ix.keyNums {
			ix.post(n, idx)
		}
		ix.keysFrom = append(ix.keysFrom, int32(len(ix.itemKeys)))
	}
	return links, nil
}

// link appends to links those of item (a proposition with nKeys keys, numbered
// in ix.keyNums, and hot item hot) to the claims indexed before it: its
// candidates compared with it, keys shared found by number. Candidates at or
// after index before are picked but not compared.
func (ix *Index) link(item *indexed, hot *hotItem, nKeys int, before int32, links []claim.Link) []claim.Link {
	need := candidateNeed(nKeys)
	ix.counts.start()
	eligible := ix.counts.bumpPostings(ix.lists, ix.keyNums, need, ix.eligible[:0])
	ix.eligible = eligible
	ix.picked = ix.counts.candidates(eligible, ix.picked[:0])
	ix.markRuns(item.an)
	ix.ants.mark(ix.c.lx, item.an)
	var sgBuf [32]sharedGroup
	for _, j := range ix.picked {
		if j >= before {
			break // picked is in index order
		}
		h := &ix.hot[j]
		if h.flags&hotProp == 0 || ix.noCueNoActors(h, hot) || sameTextHot(h, hot, &ix.items[j], item) {
			continue // compare links neither
		}
		sg, k := ix.sharedKeys(j, item.an, sgBuf[:0])
		other := &ix.items[j]
		if ix.cannotLink(h, hot, k, other.an, item.an, sg) {
			continue
		}
		v := ix.c.compareShared(&other.st, other.an, &item.st, item.an, sg)
		if !v.Linked() {
			continue
		}
		links = append(links, claim.Link{A: other.id, B: item.id, Score: v.Score, Relation: v.Relation, Reason: v.Reason, Explanation: v.Explanation,
			ClaimA: linked(other, v.StanceA, v.EvidenceA, v.DatesA), ClaimB: linked(item, v.StanceB, v.EvidenceB, v.DatesB)})
	}
	for _, n := range ix.keyNums {
		ix.runOf[n] = 0
	}
	return links
}

// markRuns sets ix.runOf for the claim being added (an, whose key numbers are
// ix.keyNums): the start of each of its runs, plus one, at the run's key number.
func (ix *Index) markRuns(an *analysis) {
	if len(ix.runOf) < len(ix.lists) {
		ix.runOf = append(ix.runOf, make([]int32, len(ix.lists)-len(ix.runOf))...)
	}
	ix.runMask = [4]uint64{}
	g := int32(0)
	for _, n := range ix.keyNums {
		ix.runOf[n] = g + 1
		ix.runMask[n>>6&3] |= 1 << (n & 63)
		g = an.terms[g].runEnd
	}
}

// keyRun is one key of an indexed claim (its number is in itemKeyNums):
// where its run starts in the claim's terms, its length (saturated at
// maxRunLen; hotItem notes a claim with a longer one) and whether the run's
// first term is an entity or a name (what align reads of it first). 8 bytes.
type keyRun struct {
	g            int32
	len          uint16
	entity, name bool
}

// maxRunLen is the longest run a keyRun counts.
const maxRunLen = 1<<16 - 1

// sharedCounts is what sharedKeys counts of the keys a candidate a shares
// with the claim being added b: ents of them name an actor (the run's first
// term in a an entity, or in both a name) and concepts do not, as align tells
// them apart; entities are those whose first term in a is an entity (features'
// sharedEntities); inA and inB are the terms of those runs in a and in b (the
// shared content-word tokens features counts as nSharedA and nSharedB).
type sharedCounts struct{ ents, entities, concepts, inA, inB int }

// sharedKeys appends to dst the keys indexed claim j shares with the claim
// being added (analysis b), as sharedGroups(j's analysis, b) would: in key
// order, since j's keys are stored in its run order. Equal key numbers are
// equal keys. It counts them (sharedCounts).
func (ix *Index) sharedKeys(j int32, b *analysis, dst []sharedGroup) (sg []sharedGroup, c sharedCounts) {
	from := ix.keysFrom[j]
	for i, n := range ix.itemKeyNums[from:ix.keysFrom[j+1]] {
		if ix.runMask[n>>6&3]&(1<<(n&63)) == 0 {
			continue // not a key of the claim
		}
		if r := ix.runOf[n]; r > 0 {
			k := &ix.itemKeys[int(from)+i]
			dst = append(dst, sharedGroup{k.g, r - 1})
			y := &b.terms[r-1]
			if k.entity {
				c.entities++
			}
			if k.entity || k.name && y.name {
				c.ents++
			} else {
				c.concepts++
			}
			c.inA += int(k.len)
			c.inB += int(y.runEnd - (r - 1))
		}
	}
	return dst, c
}

// reserve makes room for claims about to be added: the items and counts, and
// for a first Add (an article's own index) the key table at its final size, so
// it never grows while the claims go in (add sizes seen).
func (ix *Index) reserve(claims []Prepared) {
	ix.items = slices.Grow(ix.items, len(claims))
	ix.hot = slices.Grow(ix.hot, len(claims))
	ix.counts.reserve(len(claims))
	ix.keysFrom = slices.Grow(ix.keysFrom, len(claims)+1)
	if len(ix.keysFrom) == 0 {
		ix.keysFrom = append(ix.keysFrom, 0)
	}
	keys := 0
	for _, p := range claims {
		keys += p.item.an.nKeys
	}
	ix.itemKeyNums = slices.Grow(ix.itemKeyNums, keys)
	ix.itemKeys = slices.Grow(ix.itemKeys, keys)
	if len(ix.items) > 0 {
		return
	}
	ix.postings.reset(keys)
	ix.lists = slices.Grow(ix.lists, keys)
}

// forget drops the IDs of claims from seen (add's checks put them there).
func (ix *Index) forget(claims []Prepared) {
	for _, p := range claims {
		delete(ix.seen, p.item.id)
	}
}

// keyNumbers numbers an's distinct keys (numbering keys not seen before),
// appends the numbers and the runs (keyRun) to itemKeyNums and itemKeys, as
// the index keeps them for the claim being added, sets ix.keyNums to the
// numbers appended and returns how many there are and how many of the runs
// start with an entity or a name (counted on the way, for hotOf). keysFrom is the
// caller's to extend once the claim is added.
func (ix *Index) keyNumbers(an *analysis) (nKeys, actors int) {
	from := len(ix.itemKeyNums)
	for g := int32(0); int(g) < len(an.terms); {
		t := &an.terms[g]
		n, isNew := ix.postings.number(t.key, t.prefix)
		if isNew {
			// an Index reused (reset) finds the emptied lists of its earlier
			// keys past the end, each with its memory
			if l := len(ix.lists); l < cap(ix.lists) {
				ix.lists = ix.lists[:l+1]
			} else {
				ix.lists = append(ix.lists, nil)
			}
		}
		ix.itemKeyNums = append(ix.itemKeyNums, n)
		ix.itemKeys = append(ix.itemKeys, keyRun{g: g, len: uint16(min(t.runEnd-g, maxRunLen)), entity: t.entity, name: t.name})
		if t.entity || t.name {
			actors++
		}
		g = t.runEnd
	}
	ix.keyNums = ix.itemKeyNums[from:]
	return len(ix.keyNums), actors
}

// post appends item idx to the list of key number n. Only a list's last
// postingWindow entries are ever read, so a full list of at least twice that
// keeps those and makes room in place: a frequent key's list stops growing
// (and allocating) instead of holding every claim that ever had the key.
func (ix *Index) post(n, idx int32) {
	l := ix.lists[n]
	switch {
	case l == nil:
		if len(ix.block) < 2 {
			ix.block = make([]int32, 512)
		}
		l, ix.block = ix.block[:0:2], ix.block[2:]
	case len(l) == cap(l) && len(l) >= 2*postingWindow:
		l = l[:copy(l, l[len(l)-postingWindow:])]
	}
	ix.lists[n] = append(l, idx)
}

// Link returns all links among claims (within an article or across a batch): the
// one-shot form of an Index.
func (c *Classifier) Link(ctx context.Context, claims []claim.Claim) ([]claim.Link, error) {
	return c.NewIndex().Add(ctx, claims, time.Time{})
}
