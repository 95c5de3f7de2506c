package batch

import (
	"context"
	"fmt"
	"sync"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/apiconv"
	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/pipeline"
	"github.com/claimsvc/claimsvc/internal/server"
)

// Local runs the pipeline in this process: the same validation, the same
// conversion and so the same output as a server would give.
type Local struct {
	Pipe *pipeline.Pipeline
	// Limits are the server's request limits (server.DefaultLimits unless the
	// caller mirrors a server's configuration).
	Limits server.Limits
	// Workers is how many articles are extracted at once.
	Workers int
	// LinkWindow bounds how far back, in claims, cross-article links reach (see
	// pipeline.NewStreamWindow); it keeps memory bounded on long inputs. 0
	// means no bound.
	LinkWindow int
	// Encoding is the unit of every offset in the output.
	Encoding claimsv1.EncodingType
}

// Process implements Backend. Every job gets an outcome unless ctx is done
// first; an article cut short by cancellation is not written, so a resumed run
// redoes it.
func (l Local) Process(ctx context.Context, jobs <-chan job, out chan<- outcome) error {
	stream := l.Pipe.NewStreamWindow(l.LinkWindow)
	order := newInOrder(jobs)
	var wg sync.WaitGroup
	for range max(1, l.Workers) {
		wg.Go(func() {
			for {
				j, t, ok := order.next()
				if !ok {
					return
				}
				o := l.one(ctx, stream, j, t)
				if ctx.Err() != nil {
					continue
				}
				out <- o
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}

// one processes one article as the server's stream handler does: validate,
// extract, link (when its turn comes: articles enter the cross-article index
// in input order, so the links do not depend on timing or -concurrency),
// convert; a failure, a panic included, becomes the article's INTERNAL error.
// It ends the turn exactly once, as soon as the article is linked: converting
// and encoding the result need no order, so they run while the next article
// links.
func (l Local) one(ctx context.Context, stream *pipeline.Stream, j job, t turn) (o outcome) {
	req := &claimsv1.StreamExtractClaimsRequest{Article: j.article, EncodingType: l.Encoding}
	unit, enc := apiconv.EncodingUnit(l.Encoding)
	resp := &claimsv1.StreamExtractClaimsResponse{EncodingType: enc}
	ended := false
	endTurn := func() {
		if !ended {
			ended = true
			t.end(ctx)
		}
	}
	defer endTurn() // runs last: after a recovered panic too
	defer func() {
		if p := recover(); p != nil {
			st := status.New(codes.Internal, fmt.Sprintf("internal error while extracting claims: %v", p))
			o = errorOutcome(j.line, j.id, j.inBytes, st.Proto())
		}
	}()
	if err := l.Limits.ValidateArticleRequest(req); err != nil {
		resp.Error = status.Convert(err).Proto()
		return responseOutcome(j, resp)
	}
	art := apiconv.ArticleFromProto(j.article)
	pending, err := stream.Extract(ctx, art, int(j.line))
	if err == nil {
		err = t.wait(ctx)
	}
	var res pipeline.Result
	var cross []claim.Link
	if err == nil {
		res, cross, err = stream.Link(ctx, pending)
	}
	endTurn()
	if err != nil {
		resp.Error = status.New(codes.Internal, "internal error while extracting claims: "+err.Error()).Proto()
		return responseOutcome(j, resp)
	}
	resp.Result = apiconv.ArticleResultToProto(res, art.Text, unit)
	resp.CrossArticleLinks = apiconv.LinksToProto(cross, unit)
	return responseOutcome(j, resp)
}
