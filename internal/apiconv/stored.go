package apiconv

import (
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/offsets"
	"github.com/claimsvc/claimsvc/internal/pipeline"
	"github.com/claimsvc/claimsvc/internal/store"
)

// ClaimName is the resource name of a stored claim, "claims/{claim_id}".
func ClaimName(id string) string { return "claims/" + id }

// StoredLinksToProto converts the links an article's claims made to stored
// claims: claim_id is the stored claim, described in stored_claim.
func StoredLinksToProto(ls []pipeline.StoredLink) []*claimsv1.ContradictionLink {
	out := make([]*claimsv1.ContradictionLink, len(ls))
	plain := make([]claim.Link, len(ls))
	for i, l := range ls {
		plain[i] = l.Link
	}
	for i, pl := range LinksToProto(plain, offsets.UTF8) {
		pl.StoredClaim = StoredRef(ls[i].Stored)
		out[i] = pl
	}
	return out
}

// StoredRef describes a stored claim on a link.
func StoredRef(s store.Stored) *claimsv1.StoredClaimRef {
	speaker := s.Speaker.Name
	if s.Speaker.Kind == claim.SpeakerArticle {
		speaker = ""
	}
	return &claimsv1.StoredClaimRef{
		Name:         ClaimName(s.ID),
		Text:         s.Text,
		Speaker:      speaker,
		ArticleId:    s.ArticleID,
		ArticleUrl:   s.URL,
		ArticleTitle: s.Title,
		PublishTime:  timestamp(s.Published),
	}
}

// StoredClaimToProto converts a stored claim; ends names the stored claims its
// links reach (itself included), so each link describes both sides. Spans stay
// UTF-8 byte offsets: the store keeps no article text to convert them with.
func StoredClaimToProto(s store.Stored, ends map[string]store.Stored) *claimsv1.StoredClaim {
	out := &claimsv1.StoredClaim{
		Name:         ClaimName(s.ID),
		Claim:        claimToProto(&s.Claim, nil),
		ArticleId:    s.ArticleID,
		ArticleUrl:   s.URL,
		ArticleTitle: s.Title,
		PublishTime:  timestamp(s.Published),
		StoreTime:    timestamp(s.StoredTime),
		Links:        LinksToProto(s.Links, offsets.UTF8),
	}
	for _, l := range out.Links {
		if e, ok := ends[l.ClaimId]; ok {
			l.StoredClaim = StoredRef(e)
		}
		if e, ok := ends[l.OtherClaimId]; ok {
			l.OtherStoredClaim = StoredRef(e)
		}
	}
	return out
}

// timestamp leaves an unknown (zero) time unset.
func timestamp(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}
