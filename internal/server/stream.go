package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/apiconv"
	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/pipeline"
)

// StreamExtractClaims implements ClaimsService.
//
// Flow control: at most StreamOptions.Workers articles are in progress at once, and the
// results channel holds at most that many finished ones. When the client reads
// slowly, Send blocks, the workers block, and the server stops calling Recv, so
// gRPC's flow control pushes back on the client instead of the server buffering.
// Each article's failure is sent in its own response and the stream goes on.
//
// Admission: the stream holds no concurrency slot of its own; each article takes
// one while it is extracted and linked (see admit), so an idle stream costs other
// callers nothing. A stream idle for StreamOptions.IdleTimeout — no article
// received, none in progress — ends with DEADLINE_EXCEEDED.
func (s *Service) StreamExtractClaims(stream claimsv1.ClaimsService_StreamExtractClaimsServer) error {
	ctx := stream.Context()
	ps := s.pipe.NewStreamWindow(s.stream.LinkWindow)
	results := make(chan *claimsv1.StreamExtractClaimsResponse, s.stream.Workers)

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

	// One receiver, so that waiting for the client can be given up when the
	// stream idles: Recv itself cannot be interrupted until the handler returns.
	reqs := make(chan *claimsv1.StreamExtractClaimsRequest)
	recvErr := make(chan error, 1)
	quit := make(chan struct{})
	defer close(quit)
	go func() {
		for {
			req, err := stream.Recv()
			if err != nil {
				recvErr <- err
				return
			}
			select {
			case reqs <- req:
			case <-quit:
				return
			}
		}
	}()

	var idle <-chan time.Time
	var idleTimer *time.Timer
	if t := s.stream.IdleTimeout; t > 0 {
		idleTimer = time.NewTimer(t)
		defer idleTimer.Stop()
		idle = idleTimer.C
	}
	var workers sync.WaitGroup
	finished := make(chan struct{}, s.stream.Workers)
	ids := make(articleIDs)
	inFlight := 0
	loopErr := func() error {
		for i := 0; ; {
			in := reqs
			if inFlight >= s.stream.Workers {
				in = nil // stop reading until a worker is free
			}
			select {
			case req := <-in:
				if idleTimer != nil {
					idleTimer.Stop()
				}
				dupErr := duplicateID(ids, req.GetArticle().GetId(), i)
				inFlight++
				workers.Add(1)
				go func(i int) {
					defer workers.Done()
					results <- s.streamOne(ctx, ps, i, req, dupErr)
					finished <- struct{}{}
				}(i)
				i++
			case <-finished:
				if inFlight--; inFlight == 0 && idleTimer != nil {
					idleTimer.Reset(s.stream.IdleTimeout)
				}
			case err := <-recvErr:
				if errors.Is(err, io.EOF) {
					return nil
				}
				return err
			case <-idle:
				if inFlight == 0 {
					return status.Errorf(codes.DeadlineExceeded, "stream idle for %v with no article in progress; closed (the server's -stream-idle-timeout)", s.stream.IdleTimeout)
				}
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}()
	workers.Wait()
	close(results)
	<-sent
	switch {
	case loopErr != nil && status.Code(loopErr) != codes.Unknown:
		return loopErr
	case loopErr != nil:
		return s.statusOf(ctx, loopErr)
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
	if err := s.needStore(req.GetStoreClaims(), map[string]*claimsv1.Article{"article": req.GetArticle()}); err != nil {
		resp.Error = status.Convert(err).Proto()
		return resp
	}
	release, err := s.admit(ctx)
	if err != nil {
		resp.Error = status.Convert(s.statusOf(ctx, err)).Proto()
		return resp
	}
	defer release()
	art := apiconv.ArticleFromProto(req.GetArticle())
	var res pipeline.Result
	var cross []claim.Link
	var stored []pipeline.StoredLink
	if req.GetStoreClaims() {
		res, cross, stored, err = ps.AddStored(ctx, s.store, art, i)
	} else {
		res, cross, err = ps.Add(ctx, art, i)
	}
	if err != nil {
		resp.Error = status.Convert(s.statusOf(ctx, err)).Proto()
		return resp
	}
	resp.Result = apiconv.ArticleResultToProto(res, art.Text, unit)
	resp.CrossArticleLinks = apiconv.LinksToProto(cross, unit)
	resp.Groups = apiconv.GroupsToProto(pipeline.Groups([]pipeline.Result{res}, append(append([]claim.Link(nil), res.Links...), cross...)))
	if req.GetStoreClaims() {
		resp.Result.StoredLinks = apiconv.StoredLinksToProto(stored)
		resp.Result.Stored = true
	}
	return resp
}
