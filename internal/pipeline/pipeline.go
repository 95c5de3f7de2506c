// Package pipeline runs the whole claim pipeline over articles, top-down:
//
//	extract (clean → segment → find mentions → attribute → build claims)
//	→ type (event, fact, prediction … or no proposition) → score (hedging,
//	check-worthiness) → link (contradictions, updates, agreements) → prune links
//
// It composes the stage packages and owns what spans articles: claim IDs, the
// batch and the stream. It knows nothing of gRPC; the server converts at the edge.
package pipeline

import (
	"context"
	"fmt"
	"strconv"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/claimtype"
	"github.com/claimsvc/claimsvc/internal/contradiction"
	"github.com/claimsvc/claimsvc/internal/extractor"
	"github.com/claimsvc/claimsvc/internal/htmlpage"
	"github.com/claimsvc/claimsvc/internal/scoring"
)

// Pipeline holds the ready stages. It is safe for concurrent use.
type Pipeline struct {
	extractor  *extractor.Extractor
	typer      *claimtype.Typer
	scorer     *scoring.Scorer
	classifier *contradiction.Classifier
	stored     preparedCache // analyses of stored claims (stored.go)
}

// New builds every stage from its embedded data.
func New() (*Pipeline, error) { return build(false) }

// build builds every stage; concurrent builds the extractor (whose attribution
// model is the largest part of start-up) on its own goroutine while the other
// stages are built on this one. They share nothing, so the stages, and which
// error is reported when several fail (the first in pipeline order), are the
// same either way; only the time differs (see NewAtStartup).
func build(concurrent bool) (*Pipeline, error) {
	var (
		ex    *extractor.Extractor
		exErr error
		done  = make(chan struct{})
	)
	buildExtractor := func() {
		defer close(done)
		ex, exErr = extractor.New()
	}
	if concurrent {
		go buildExtractor()
	} else {
		buildExtractor()
	}
	ty, tyErr := claimtype.New()
	sc, scErr := scoring.New()
	cl, clErr := contradiction.New()
	<-done
	switch {
	case exErr != nil:
		return nil, fmt.Errorf("pipeline: extractor: %w", exErr)
	case tyErr != nil:
		return nil, fmt.Errorf("pipeline: claim types: %w", tyErr)
	case scErr != nil:
		return nil, fmt.Errorf("pipeline: scoring: %w", scErr)
	case clErr != nil:
		return nil, fmt.Errorf("pipeline: contradiction: %w", clErr)
	}
	return &Pipeline{extractor: ex, typer: ty, scorer: sc, classifier: cl}, nil
}

// Result is what the pipeline found in one article.
type Result struct {
	ArticleID string
	Claims    []claim.Claim
	Links     []claim.Link // between claims of this article
	// Document is what was read from a web page (ContentHTML): the text the
	// claims' spans point into and the page's metadata. Nil for plain text.
	Document *claim.Document
}

// SpanText is the text the result's spans point into: the extracted text of a
// web page, else the article text as sent.
func (r Result) SpanText(sent string) string {
	if r.Document != nil {
		return r.Document.Text
	}
	return sent
}

// Article extracts and scores the claims of one article and links those that
// contradict each other. position names the article when the client gave no ID.
func (p *Pipeline) Article(ctx context.Context, a claim.Article, position int) (Result, error) {
	res, _, err := p.run(ctx, a, position, false)
	return res, err
}

// article runs extraction and scoring, names the claims, and links them among
// themselves on a fresh index. Batches and streams use it too, so an article's
// own links are the same whether it came alone, in a batch or on a stream;
// their shared indexes add only the links that reach other articles, reusing the
// claims' linking analysis returned here.
func (p *Pipeline) article(ctx context.Context, a claim.Article, position int) (Result, []contradiction.Prepared, error) {
	return p.run(ctx, a, position, true)
}

// run is article; without keep it returns no prepared claims, and the
// linking's memory is reused by the next article (contradiction.LinkArticle).
func (p *Pipeline) run(ctx context.Context, a claim.Article, position int, keep bool) (Result, []contradiction.Prepared, error) {
	id := ArticleID(a, position)
	var page *htmlpage.Page
	if a.ContentType == claim.ContentHTML {
		var err error
		if page, a, err = readPage(ctx, a); err != nil {
			return Result{}, nil, fmt.Errorf("pipeline: read page %q: %w", id, err)
		}
	}
	cs, err := p.extractor.Extract(ctx, a.Text)
	if err != nil {
		return Result{}, nil, fmt.Errorf("pipeline: extract %q: %w", id, err)
	}
	for i := range cs {
		if i%ctxCheckClaims == 0 {
			if err := ctx.Err(); err != nil {
				return Result{}, nil, fmt.Errorf("pipeline: score %q: %w", id, err)
			}
		}
		cs[i].ID = id + "#" + strconv.Itoa(i+1)
		p.scorer.TypeAndScore(a.Text, &cs[i]) // claimtype from the tokens scoring reads
	}
	res := Result{ArticleID: id, Claims: cs}
	if page != nil {
		ownVoice(cs, page.Document)
		page.HTMLSpans(cs)
		res.Document = &page.Document
	}
	meta := claim.Article{ID: id, URL: a.URL, Published: a.Published}
	links, prepared, err := p.classifier.LinkArticle(ctx, meta, cs, keep)
	if err != nil {
		return Result{}, nil, fmt.Errorf("pipeline: link %q: %w", id, err)
	}
	res.Links = pruneLinks(links, p.classifier.Restater())
	return res, prepared, nil
}

// ctxCheckClaims is how many claims are scored between context checks: an
// article of a megabyte of short quotes has tens of thousands.
const ctxCheckClaims = 64

// ArticleID is the client's ID, or the article's 0-based position when it has none.
func ArticleID(a claim.Article, position int) string {
	if a.ID != "" {
		return a.ID
	}
	return strconv.Itoa(position)
}

// Compare judges two statements given by a client, typed as extracted claims are
// (a heading or a bare noun phrase is never linked).
func (p *Pipeline) Compare(a, b contradiction.Statement) contradiction.Verdict {
	if a.Type == claim.TypeUnspecified {
		a.Type = p.typer.Classify(a.Text, "")
	}
	if b.Type == claim.TypeUnspecified {
		b.Type = p.typer.Classify(b.Text, "")
	}
	return p.classifier.Compare(a, b)
}

// HedgeScore returns the hedging score of a bare statement, which tempers a
// comparison the same way it tempers links between extracted claims.
func (p *Pipeline) HedgeScore(text string) float64 {
	return p.scorer.Hedge(text).Score
}
