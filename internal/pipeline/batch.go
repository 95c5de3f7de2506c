package pipeline

import (
	"context"
	"fmt"
	"runtime"

	"golang.org/x/sync/errgroup"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// Batch runs a set of articles about one story: each article's claims and links,
// in input order, plus the links between claims of different articles. Articles
// are extracted in parallel (up to GOMAXPROCS); linking is a single pass over them
// in input order so the result does not depend on scheduling.
func (p *Pipeline) Batch(ctx context.Context, arts []claim.Article) ([]Result, []claim.Link, error) {
	results := make([]Result, len(arts))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range arts {
		g.Go(func() error {
			r, err := p.claims(gctx, arts[i], i)
			results[i] = r
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	ix := p.classifier.NewIndex()
	var cross []claim.Link
	for i := range results {
		links, err := ix.Add(ctx, results[i].Claims, arts[i].Published)
		if err != nil {
			return nil, nil, fmt.Errorf("pipeline: link %q: %w", results[i].ArticleID, err)
		}
		within, across := splitLinks(pruneLinks(links), results[i].Claims)
		results[i].Links = within
		cross = append(cross, across...)
	}
	return results, cross, nil
}

// splitLinks separates the links returned when an article's claims were added to
// an index into those among the article's own claims and those reaching back to
// earlier articles.
func splitLinks(links []claim.Link, own []claim.Claim) (within, across []claim.Link) {
	ids := make(map[string]bool, len(own))
	for _, c := range own {
		ids[c.ID] = true
	}
	for _, l := range links {
		if ids[l.A] && ids[l.B] {
			within = append(within, l)
		} else {
			across = append(across, l)
		}
	}
	return within, across
}
