package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/apiconv"
	"github.com/claimsvc/claimsvc/internal/pipeline"
)

// StreamExtractClaims implements ClaimsService.
//
// Flow control: at most StreamOptions.Workers articles are in progress at once, and the
// results channel holds at most that many finished ones. When the client reads
// slowly, Send blocks, the workers block, and the server stops calling Recv, so
// gRPC's flow control pushes back on the client instead of the server buffering.
// Each article's failure is sent in its own response and the stream goes on.
func (s *Service) StreamExtractClaims(stream claimsv1.ClaimsService_StreamExtractClaimsServer) error {
	ctx := stream.Context()
	ps := s.pipe.NewStreamWindow(s.stream.LinkWindow)
	results := make(chan *claimsv1.StreamExtractClaimsResponse, s.stream.Workers)
	slots := make(chan struct{}, s.stream.Workers)

	// One sender: gRPC streams allow a single concurrent Send. After a failed
	// Send it keeps draining so no worker blocks forever.
	var sendErr error
	sent := make(chan struct{})
	go func() {
		defer close(sent)
		for r := range results {
			if sendErr == nil {
				sendErr = stream.Send(r)
			}
		}
	}()

	var workers sync.WaitGroup
	ids := make(articleIDs)
	recvErr := func() error {
		for i := 0; ; i++ {
			req, err := stream.Recv()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			dupErr := duplicateID(ids, req.GetArticle().GetId(), i)
			workers.Add(1)
			go func() {
				defer workers.Done()
				defer func() { <-slots }()
				results <- s.streamOne(ctx, ps, i, req, dupErr)
			}()
		}
	}()
	workers.Wait()
	close(results)
	<-sent
	switch {
	case recvErr != nil && status.Code(recvErr) != codes.Unknown:
		return recvErr
	case recvErr != nil:
		return s.statusOf(ctx, recvErr)
	case sendErr != nil:
		return sendErr
	}
	return nil
}

// duplicateID names the article at position i and refuses a name an earlier
// article of the stream has (see articleIDs).
func duplicateID(ids articleIDs, id string, i int) error {
	why := ids.add(id, i, "the article at input_index %d")
	if why == "" {
		return nil
	}
	var v violations
	v.addInvalid("article.id", "%s", why)
	return v.err()
}

// streamOne processes one streamed article into its response; every failure,
// a panic included, becomes that response's error.
func (s *Service) streamOne(ctx context.Context, ps *pipeline.Stream, i int, req *claimsv1.StreamExtractClaimsRequest, pre error) (resp *claimsv1.StreamExtractClaimsResponse) {
	unit, enc := apiconv.EncodingUnit(req.GetEncodingType())
	resp = &claimsv1.StreamExtractClaimsResponse{InputIndex: int32(i), EncodingType: enc}
	defer func() {
		if p := recover(); p != nil {
			s.log.ErrorContext(ctx, "panic in stream worker", "input_index", i, "panic", fmt.Sprint(p))
			resp.Result = nil
			resp.Error = status.New(codes.Internal, "internal error while extracting claims").Proto()
		}
	}()
	err := pre
	if err == nil {
		err = s.limits.ValidateArticleRequest(req)
	}
	if err != nil {
		resp.Error = status.Convert(err).Proto()
		return resp
	}
	art := apiconv.ArticleFromProto(req.GetArticle())
	res, cross, err := ps.Add(ctx, art, i)
	if err != nil {
		resp.Error = status.Convert(s.statusOf(ctx, err)).Proto()
		return resp
	}
	resp.Result = apiconv.ArticleResultToProto(res, art.Text, unit)
	resp.CrossArticleLinks = apiconv.LinksToProto(cross)
	return resp
}
