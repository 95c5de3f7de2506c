package pipeline

import (
	"context"
	"fmt"
	"runtime"

	"golang.org/x/sync/errgroup"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/contradiction"
)

// Batch runs a set of articles about one story: each article's claims and links,
// in input order, plus the links between claims of different articles. Articles
// are processed in parallel (up to GOMAXPROCS); cross-article linking is a single
// pass over them in input order so the result does not depend on scheduling.
func (p *Pipeline) Batch(ctx context.Context, arts []claim.Article) ([]Result, []claim.Link, error) {
	results, _, cross, err := p.batch(ctx, arts)
	return results, cross, err
}

// batch is Batch that also returns each article's claims as prepared for
// linking, for BatchStored.
func (p *Pipeline) batch(ctx context.Context, arts []claim.Article) ([]Result, [][]contradiction.Prepared, []claim.Link, error) {
	results := make([]Result, len(arts))
	prepared := make([][]contradiction.Prepared, len(arts))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range arts {
		g.Go(func() error {
			r, prep, err := p.article(gctx, arts[i], i)
			results[i], prepared[i] = r, prep
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, nil, nil, err
	}
	ix := p.classifier.NewIndex()
	var cross []claim.Link
	for i := range results {
		links, err := ix.AddPrepared(ctx, prepared[i])
		if err != nil {
			return nil, nil, nil, fmt.Errorf("pipeline: link %q: %w", results[i].ArticleID, err)
		}
		cross = append(cross, crossLinks(links, results[i].Claims, p.classifier.Restater())...)
	}
	return results, prepared, cross, nil
}

// crossLinks keeps, of the links an article's claims made when added to a shared
// index, those that reach claims of earlier articles (the article's own links come
// from its fresh index), pruned to each claim's strongest link per article.
func crossLinks(links []claim.Link, own []claim.Claim, restates func(a, b string) bool) []claim.Link {
	ids := make(map[string]bool, len(own))
	for _, c := range own {
		ids[c.ID] = true
	}
	var across []claim.Link
	for _, l := range pruneLinks(links, restates) {
		if !ids[l.A] || !ids[l.B] {
			across = append(across, l)
		}
	}
	return across
}
