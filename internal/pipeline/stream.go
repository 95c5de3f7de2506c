package pipeline

import (
	"context"
	"fmt"
	"sync"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/contradiction"
)

// Stream processes articles that arrive one at a time, as on StreamExtractClaims,
// and links each article's claims to those of the articles added before it.
// Extraction of several articles may run concurrently; linking is serialised, so
// "before" means "linked earlier".
//
// A stream from NewStream links back to every earlier article, so its index grows
// with every claim. A stream from NewStreamWindow bounds that: see there.
type Stream struct {
	p      *Pipeline
	window int // 0: unbounded

	mu sync.Mutex
	ix *contradiction.Index // every claim since it was started
	// young, with a window, is the index that replaces ix when ix fills up; it
	// holds the most recent claims (a suffix of ix), so the replacement starts
	// with a quarter window of history instead of none.
	young *contradiction.Index
}

// NewStream starts an empty stream whose cross-article links reach back to every
// earlier article.
func (p *Pipeline) NewStream() *Stream {
	return &Stream{p: p, ix: p.classifier.NewIndex()}
}

// NewStreamWindow starts an empty stream whose linking memory is bounded, for
// streams of any length (batch jobs of millions of articles): cross-article links
// reach back at most maxClaims claims, and at least maxClaims/4 once that many
// have been seen. It keeps up to two generations of the linking index: when the
// current one has three quarters of maxClaims claims a younger one starts, every
// later article goes into both, and when the current one holds maxClaims claims
// it is dropped and the younger takes its place with the newest quarter. So at
// most 1.25 × maxClaims claims are held, and linking costs at most a third more
// than NewStream's. maxClaims <= 0 means no bound, as NewStream.
func (p *Pipeline) NewStreamWindow(maxClaims int) *Stream {
	s := p.NewStream()
	s.window = max(0, maxClaims)
	return s
}

// Add extracts one article at the given input position and returns its result
// (with the links among its own claims) and the links to earlier articles. It
// is Extract then Link.
func (s *Stream) Add(ctx context.Context, a claim.Article, position int) (Result, []claim.Link, error) {
	p, err := s.Extract(ctx, a, position)
	if err != nil {
		return Result{}, nil, err
	}
	return s.Link(ctx, p)
}

// Pending is an article Extract has read and Link has not yet linked to the
// stream's earlier articles.
type Pending struct {
	res      Result
	prepared []contradiction.Prepared
}

// Extract runs everything of Add but the cross-article linking: extraction,
// scoring and the links among the article's own claims. It touches no shared
// state, so any number run at once. A caller that wants cross-article links
// independent of timing (the same links for the same input, whatever the
// concurrency) extracts concurrently and calls Link in input order.
func (s *Stream) Extract(ctx context.Context, a claim.Article, position int) (Pending, error) {
	res, prepared, err := s.p.article(ctx, a, position)
	if err != nil {
		return Pending{}, err
	}
	return Pending{res: res, prepared: prepared}, nil
}

// Link adds an extracted article to the stream and returns its result and its
// links to the articles linked before it. Calls are serialised.
func (s *Stream) Link(ctx context.Context, p Pending) (Result, []claim.Link, error) {
	links, err := s.link(ctx, p.prepared)
	if err != nil {
		return Result{}, nil, fmt.Errorf("pipeline: link %q: %w", p.res.ArticleID, err)
	}
	return p.res, crossLinks(links, p.res.Claims, s.p.classifier.Restater()), nil
}

// link adds one article's claims to the index (both generations, with a window)
// and returns the links they make to earlier articles, each pair once. The
// links among the article's own claims (found by article, with the article's
// own index) are not looked for again: crossLinks would drop them, and as
// pruneLinks weighs a claim's links per other article they never decide
// which links to other articles stay.
func (s *Stream) link(ctx context.Context, prepared []contradiction.Prepared) ([]claim.Link, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	links, err := s.ix.AddPreparedAcross(ctx, prepared)
	if err != nil || s.window == 0 {
		return links, err
	}
	if s.young != nil {
		more, err := s.young.AddPreparedAcross(ctx, prepared)
		if err != nil {
			return nil, err
		}
		links = mergeLinks(links, more)
	}
	switch n := s.ix.Len(); {
	case n >= s.window:
		if s.young == nil { // one article filled the rest of the window at once
			s.young = s.p.classifier.NewIndex()
		}
		s.ix, s.young = s.young, nil
	case s.young == nil && n >= s.window-s.window/4:
		s.young = s.p.classifier.NewIndex()
	}
	return links, nil
}

// mergeLinks adds to links those of more that link a pair links lacks. The two
// generations find mostly the same links (the younger index holds a suffix of the
// older one's claims); they differ only where the candidate limits pick
// differently.
func mergeLinks(links, more []claim.Link) []claim.Link {
	if len(more) == 0 {
		return links
	}
	type pair struct{ a, b string }
	have := make(map[pair]bool, len(links))
	for _, l := range links {
		have[pair{l.A, l.B}] = true
	}
	for _, l := range more {
		if !have[pair{l.A, l.B}] {
			links = append(links, l)
		}
	}
	return links
}
