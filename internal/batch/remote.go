package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// Remote sends the articles to a running server over one StreamExtractClaims
// call and restores input order from each response's input_index. The server
// validates (with its own limits) and links across the stream; the engine's
// window bounds how many articles are on the wire at once, so neither side
// buffers without end.
//
// With Streams > 1 it opens that many streams on the connection and spreads
// the articles over them as each is free: on a connection that balances round
// robin over several replicas (see Dial), each stream goes to the next
// replica. With StoreClaims every article is written to the servers' claim
// store, so replicas sharing one store link each other's articles.
type Remote struct {
	Client claimsv1.ClaimsServiceClient
	// Encoding is the unit of every offset in the output.
	Encoding claimsv1.EncodingType
	// Streams is how many StreamExtractClaims calls run at once (0 means 1).
	Streams int
	// StoreClaims sets store_claims on every article.
	StoreClaims bool
}

// Process implements Backend. A broken stream, or a response that says an
// article was not really tried (CANCELLED, UNAVAILABLE … from a server going
// away), ends the run with an error; what was written stands and a resumed
// run sends the rest.
func (r Remote) Process(ctx context.Context, jobs <-chan job, out chan<- outcome) error {
	g, ctx := errgroup.WithContext(ctx)
	for range max(1, r.Streams) {
		g.Go(func() error { return r.stream(ctx, jobs, out) })
	}
	return g.Wait()
}

// stream runs one StreamExtractClaims call, taking jobs until they run out.
func (r Remote) stream(ctx context.Context, jobs <-chan job, out chan<- outcome) error {
	g, ctx := errgroup.WithContext(ctx)
	stream, err := r.Client.StreamExtractClaims(ctx)
	if err != nil {
		return fmt.Errorf("open StreamExtractClaims: %w", err)
	}
	var mu sync.Mutex
	sent := make(map[int32]job) // input_index → job, for those awaiting a response
	g.Go(func() error {
		for i := int32(0); ; i++ {
			var j job
			var ok bool
			select {
			case j, ok = <-jobs:
			case <-ctx.Done():
				return nil
			}
			if !ok {
				return stream.CloseSend()
			}
			mu.Lock()
			sent[i] = j
			mu.Unlock()
			if err := stream.Send(&claimsv1.StreamExtractClaimsRequest{Article: j.article, EncodingType: r.Encoding, StoreClaims: r.StoreClaims}); err != nil {
				// The stream is over; Recv reports why.
				return nil
			}
		}
	})
	g.Go(func() error {
		for {
			resp, err := stream.Recv()
			if errors.Is(err, io.EOF) {
				mu.Lock()
				n := len(sent)
				mu.Unlock()
				if n > 0 {
					return fmt.Errorf("the server ended the stream with %d articles unanswered", n)
				}
				return nil
			}
			if err != nil {
				return fmt.Errorf("StreamExtractClaims: %w", err)
			}
			mu.Lock()
			j, ok := sent[resp.GetInputIndex()]
			delete(sent, resp.GetInputIndex())
			mu.Unlock()
			if !ok {
				return fmt.Errorf("the server answered input_index %d, which is not awaiting an answer", resp.GetInputIndex())
			}
			if st := resp.GetError(); st != nil && transient(codes.Code(st.GetCode())) {
				return fmt.Errorf("the server did not process line %d: %w", j.line, status.FromProto(st).Err())
			}
			out <- responseOutcome(j, resp)
		}
	})
	return g.Wait()
}
