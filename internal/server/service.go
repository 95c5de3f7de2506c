// Package server implements the claims.v1.ClaimsService gRPC API over the
// pipeline: it validates requests, converts between the API's messages and the
// pipeline's plain types (including offset encodings), maps errors to gRPC codes,
// and assembles the gRPC server with its interceptors, health and reflection.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/apiconv"
	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/contradiction"
	"github.com/claimsvc/claimsvc/internal/htmlpage"
	"github.com/claimsvc/claimsvc/internal/offsets"
	"github.com/claimsvc/claimsvc/internal/pipeline"
	"github.com/claimsvc/claimsvc/internal/store"
)

// Service answers ClaimsService calls.
type Service struct {
	claimsv1.UnimplementedClaimsServiceServer
	pipe   *pipeline.Pipeline
	limits Limits
	stream StreamOptions
	log    *slog.Logger
	store  store.Store // nil: none (see UseStore)
	slots  *limiter    // set by NewGRPC: streamed articles take a slot each (see admit)
}

// StreamOptions bound what one StreamExtractClaims call holds.
type StreamOptions struct {
	// Workers bounds the articles one stream processes at once, and so the
	// results it can hold while a slow client reads.
	Workers int
	// LinkWindow bounds how many earlier claims a stream's cross-article links
	// reach back to (at least a quarter of it), and so the memory one long stream
	// holds; 0 means unbounded.
	LinkWindow int
	// IdleTimeout ends a stream, with DEADLINE_EXCEEDED, that has received no
	// article for this long while none of its articles was in progress; 0
	// means never. An idle stream holds no concurrency slot, but it holds a
	// connection, goroutines and its linking memory.
	IdleTimeout time.Duration
}

// NewService serves pipe within limits.
func NewService(pipe *pipeline.Pipeline, limits Limits, stream StreamOptions, log *slog.Logger) *Service {
	stream.Workers = max(1, stream.Workers)
	return &Service{pipe: pipe, limits: limits, stream: stream, log: log}
}

// ExtractClaims implements ClaimsService.
func (s *Service) ExtractClaims(ctx context.Context, req *claimsv1.ExtractClaimsRequest) (*claimsv1.ExtractClaimsResponse, error) {
	if err := s.limits.ValidateArticleRequest(req); err != nil {
		return nil, err
	}
	if err := s.needStore(req.GetStoreClaims(), map[string]*claimsv1.Article{"article": req.GetArticle()}); err != nil {
		return nil, err
	}
	art := apiconv.ArticleFromProto(req.GetArticle())
	if req.GetStoreClaims() {
		return s.extractStored(ctx, req, art)
	}
	res, err := s.pipe.Article(ctx, art, 0)
	if err != nil {
		return nil, s.statusOf(ctx, err)
	}
	unit, enc := apiconv.EncodingUnit(req.GetEncodingType())
	return &claimsv1.ExtractClaimsResponse{
		Result:       apiconv.ArticleResultToProto(res, art.Text, unit),
		EncodingType: enc,
	}, nil
}

// BatchExtractClaims implements ClaimsService.
func (s *Service) BatchExtractClaims(ctx context.Context, req *claimsv1.BatchExtractClaimsRequest) (*claimsv1.BatchExtractClaimsResponse, error) {
	if err := s.limits.ValidateBatch(req); err != nil {
		return nil, err
	}
	arts := req.GetArticles()
	plain := make([]claim.Article, len(arts))
	named := make(map[string]*claimsv1.Article, len(arts))
	for i, a := range arts {
		plain[i] = apiconv.ArticleFromProto(a)
		named[fmt.Sprintf("articles[%d]", i)] = a
	}
	if err := s.needStore(req.GetStoreClaims(), named); err != nil {
		return nil, err
	}
	var stored [][]pipeline.StoredLink
	var results []pipeline.Result
	var cross []claim.Link
	var err error
	if req.GetStoreClaims() {
		results, cross, stored, err = s.pipe.BatchStored(ctx, s.store, plain)
	} else {
		results, cross, err = s.pipe.Batch(ctx, plain)
	}
	if err != nil {
		return nil, s.statusOf(ctx, err)
	}
	unit, enc := apiconv.EncodingUnit(req.GetEncodingType())
	out := &claimsv1.BatchExtractClaimsResponse{
		Results:           make([]*claimsv1.ArticleResult, len(results)),
		CrossArticleLinks: apiconv.LinksToProto(cross, unit),
		EncodingType:      enc,
		Groups:            apiconv.GroupsToProto(pipeline.Groups(results, allLinks(results, cross))),
	}
	for i, r := range results {
		out.Results[i] = apiconv.ArticleResultToProto(r, plain[i].Text, unit)
		if stored != nil {
			out.Results[i].StoredLinks = apiconv.StoredLinksToProto(stored[i])
			out.Results[i].Stored = true
		}
	}
	return out, nil
}

// CompareClaims implements ClaimsService.
func (s *Service) CompareClaims(ctx context.Context, req *claimsv1.CompareClaimsRequest) (*claimsv1.CompareClaimsResponse, error) {
	if err := s.limits.ValidateCompare(req); err != nil {
		return nil, err
	}
	v := s.pipe.Compare(s.statement(req.GetFirst()), s.statement(req.GetSecond()))
	out := &claimsv1.CompareClaimsResponse{
		Contradicts: v.Contradiction,
		Score:       float32(v.Score),
		Explanation: v.Explanation,
	}
	if v.Contradiction {
		out.Relation = claimsv1.Relation(v.Relation)
	}
	if v.Reason != 0 {
		out.Reason = claimsv1.Reason(v.Reason)
	}
	if v.Linked() {
		out.Relation = claimsv1.Relation(v.Relation)
		out.First = apiconv.LinkedClaimToProto(claim.LinkedClaim{Text: req.GetFirst().GetText(), Speaker: req.GetFirst().GetSpeaker(), Type: v.TypeA, Stance: v.StanceA, Evidence: v.EvidenceA, Dates: v.DatesA}, "", offsets.UTF8)
		out.Second = apiconv.LinkedClaimToProto(claim.LinkedClaim{Text: req.GetSecond().GetText(), Speaker: req.GetSecond().GetSpeaker(), Type: v.TypeB, Stance: v.StanceB, Evidence: v.EvidenceB, Dates: v.DatesB}, "", offsets.UTF8)
	}
	return out, nil
}

// allLinks is every link of a batch: each article's own and those across.
func allLinks(results []pipeline.Result, cross []claim.Link) []claim.Link {
	all := append([]claim.Link(nil), cross...)
	for _, r := range results {
		all = append(all, r.Links...)
	}
	return all
}

func (s *Service) statement(st *claimsv1.Statement) contradiction.Statement {
	out := contradiction.Statement{
		Text:    st.GetText(),
		Speaker: st.GetSpeaker(),
		Hedging: s.pipe.HedgeScore(st.GetText()),
	}
	if t := st.GetTime(); t != nil {
		out.Published = t.AsTime()
	}
	return out
}

// statusOf maps a pipeline error to a gRPC status at the edge: the caller's
// cancellation or deadline keeps its meaning; anything else is a server fault,
// logged here and reported without internals.
func (s *Service) statusOf(ctx context.Context, err error) error {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return status.Error(codes.DeadlineExceeded, "deadline exceeded while extracting claims")
	case errors.Is(err, context.Canceled):
		return status.Error(codes.Canceled, "request canceled")
	case errors.Is(err, io.EOF):
		return status.Error(codes.Canceled, "stream closed")
	case errors.Is(err, htmlpage.ErrTooDeep), errors.Is(err, htmlpage.ErrTooManyElements):
		return status.Error(codes.InvalidArgument, "invalid web page: "+err.Error()) // validation checks first; kept for callers that skip it
	}
	s.log.ErrorContext(ctx, "pipeline failed", "err", err)
	return status.Error(codes.Internal, "internal error while extracting claims")
}
