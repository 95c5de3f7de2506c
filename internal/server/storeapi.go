package server

import (
	"context"
	"errors"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/apiconv"
	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/store"
)

// UseStore gives the service a claim store (nil: none, the store RPCs and
// store_claims answer FAILED_PRECONDITION). Call it before serving.
func (s *Service) UseStore(st store.Store) { s.store = st }

// errNoStore is the answer to a store call on a server without one.
var errNoStore = status.Error(codes.FailedPrecondition, "this server runs without a claim store (-store none); start it with the embedded store (the default) or -store-url postgres://…")

// needStore checks what store_claims needs: a store, and an ID for each article
// (prefix: "article", "articles[3]"). It returns nil when store_claims is off.
func (s *Service) needStore(on bool, arts map[string]*claimsv1.Article) error {
	if !on {
		return nil
	}
	var v violations
	for field, a := range arts {
		if a.GetId() == "" {
			v.addInvalid(field+".id", "is required when store_claims is set: the store keeps (and replaces) articles by ID")
		}
	}
	if err := v.err(); err != nil {
		return err
	}
	if s.store == nil {
		return errNoStore
	}
	return nil
}

// extractStored is ExtractClaims with store_claims.
func (s *Service) extractStored(ctx context.Context, req *claimsv1.ExtractClaimsRequest, art claim.Article) (*claimsv1.ExtractClaimsResponse, error) {
	res, stored, err := s.pipe.ArticleStored(ctx, s.store, art, 0)
	if err != nil {
		return nil, s.statusOf(ctx, err)
	}
	unit, enc := apiconv.EncodingUnit(req.GetEncodingType())
	out := apiconv.ArticleResultToProto(res, art.Text, unit)
	out.StoredLinks = apiconv.StoredLinksToProto(stored)
	out.Stored = true
	return &claimsv1.ExtractClaimsResponse{Result: out, EncodingType: enc}, nil
}

// GetClaim implements ClaimsService.
func (s *Service) GetClaim(ctx context.Context, req *claimsv1.GetClaimRequest) (*claimsv1.GetClaimResponse, error) {
	id, err := resourceID(req.GetName(), "claims/", s.limits.MaxIDBytes+16)
	if err != nil {
		return nil, err
	}
	if s.store == nil {
		return nil, errNoStore
	}
	got, err := s.store.Claims(ctx, []string{id}, true)
	if err != nil {
		return nil, s.storeStatus(ctx, err)
	}
	if len(got) == 0 {
		return nil, status.Errorf(codes.NotFound, "claim %q is not in the store", id)
	}
	ends, err := s.linkEnds(ctx, got)
	if err != nil {
		return nil, s.storeStatus(ctx, err)
	}
	return &claimsv1.GetClaimResponse{Claim: apiconv.StoredClaimToProto(got[0], ends)}, nil
}

// ListClaims implements ClaimsService.
func (s *Service) ListClaims(ctx context.Context, req *claimsv1.ListClaimsRequest) (*claimsv1.ListClaimsResponse, error) {
	var v violations
	f := store.Filter{Speaker: req.GetSpeaker(), ArticleID: req.GetArticleId()}
	if req.GetPageSize() < 0 {
		v.addInvalid("page_size", "must not be negative, got %d", req.GetPageSize())
	}
	for field, val := range map[string]string{"speaker": f.Speaker, "article_id": f.ArticleID, "entity": req.GetEntity(), "page_token": req.GetPageToken()} {
		if len(val) > s.limits.MaxIDBytes+64 {
			v.addInvalid(field, "is %d bytes; at most %d", len(val), s.limits.MaxIDBytes+64)
		} else if i := badIDChar(val); i >= 0 {
			v.addInvalid(field, "has a control character or invalid UTF-8 at byte %d", i)
		}
	}
	if e := strings.TrimSpace(req.GetEntity()); e != "" && len(e) <= s.limits.MaxIDBytes+64 {
		if f.EntityKey = s.pipe.EntityKeys(e); len(f.EntityKey) == 0 {
			v.addInvalid("entity", "%q names no entity or content word to look for", e)
		}
	}
	for field, t := range map[string]*timestamppb.Timestamp{"start_time": req.GetStartTime(), "end_time": req.GetEndTime()} {
		if err := t.CheckValid(); t != nil && err != nil {
			v.addInvalid(field, "%v", err)
		}
	}
	if req.GetStartTime().IsValid() {
		f.Since = req.GetStartTime().AsTime()
	}
	if req.GetEndTime().IsValid() {
		f.Until = req.GetEndTime().AsTime()
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Since.Before(f.Until) {
		v.addInvalid("end_time", "must be after start_time")
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	if s.store == nil {
		return nil, errNoStore
	}
	got, next, err := s.store.ListClaims(ctx, f, int(req.GetPageSize()), req.GetPageToken())
	if errors.Is(err, store.ErrBadPageToken) {
		v.addInvalid("page_token", "is not a token this server issued for these filters; start again without it")
		return nil, v.err()
	}
	if err != nil {
		return nil, s.storeStatus(ctx, err)
	}
	ends, err := s.linkEnds(ctx, got)
	if err != nil {
		return nil, s.storeStatus(ctx, err)
	}
	out := &claimsv1.ListClaimsResponse{Claims: make([]*claimsv1.StoredClaim, len(got)), NextPageToken: next}
	for i, c := range got {
		out.Claims[i] = apiconv.StoredClaimToProto(c, ends)
	}
	return out, nil
}

// DeleteArticle implements ClaimsService.
func (s *Service) DeleteArticle(ctx context.Context, req *claimsv1.DeleteArticleRequest) (*claimsv1.DeleteArticleResponse, error) {
	id, err := resourceID(req.GetName(), "articles/", s.limits.MaxIDBytes+16)
	if err != nil {
		return nil, err
	}
	if s.store == nil {
		return nil, errNoStore
	}
	if err := s.store.DeleteArticle(ctx, id); errors.Is(err, store.ErrNotFound) {
		return nil, status.Errorf(codes.NotFound, "article %q is not in the store", id)
	} else if err != nil {
		return nil, s.storeStatus(ctx, err)
	}
	return &claimsv1.DeleteArticleResponse{}, nil
}

// resourceID checks a resource name "<collection>/<id>" and returns the id.
func resourceID(name, collection string, maxBytes int) (string, error) {
	var v violations
	id, ok := strings.CutPrefix(name, collection)
	switch {
	case name == "":
		v.addInvalid("name", "is required, as %s{id}", collection)
	case len(name) > maxBytes:
		v.addInvalid("name", "is %d bytes; at most %d", len(name), maxBytes)
	case badIDChar(name) >= 0:
		v.addInvalid("name", "has a control character or invalid UTF-8 at byte %d", badIDChar(name))
	case !ok || id == "":
		v.addInvalid("name", "%q is not of the form %s{id}", name, collection)
	}
	return id, v.err()
}

// linkEnds reads the stored claims at the ends of the claims' links, so each
// link can describe both sides.
func (s *Service) linkEnds(ctx context.Context, claims []store.Stored) (map[string]store.Stored, error) {
	ends := make(map[string]store.Stored, len(claims))
	for _, c := range claims {
		ends[c.ID] = c
	}
	var more []string
	for _, c := range claims {
		for _, l := range c.Links {
			for _, id := range []string{l.A, l.B} {
				if _, ok := ends[id]; !ok {
					ends[id] = store.Stored{} // placeholder until read
					more = append(more, id)
				}
			}
		}
	}
	if len(more) > 0 {
		got, err := s.store.Claims(ctx, more, false)
		if err != nil {
			return nil, err
		}
		for _, id := range more {
			delete(ends, id)
		}
		for _, c := range got {
			ends[c.ID] = c
		}
	}
	return ends, nil
}

// storeStatus maps a store failure at the edge: the caller's own cancellation
// keeps its meaning; a database that cannot answer is UNAVAILABLE (retryable),
// logged here without internals in the message.
func (s *Service) storeStatus(ctx context.Context, err error) error {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return s.statusOf(ctx, err)
	}
	s.log.ErrorContext(ctx, "claim store failed", "err", err)
	return status.Error(codes.Unavailable, "the claim store did not answer; try again")
}
