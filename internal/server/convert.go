package server

import (
	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/apiconv"
	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/offsets"
	"github.com/claimsvc/claimsvc/internal/pipeline"
)

// The API ↔ pipeline conversion lives in internal/apiconv, shared with the batch
// command so both print the same JSON; these names keep the handlers short.

func articleFromProto(a *claimsv1.Article) claim.Article { return apiconv.ArticleFromProto(a) }

func encodingUnit(e claimsv1.EncodingType) (offsets.Unit, claimsv1.EncodingType) {
	return apiconv.EncodingUnit(e)
}

func resultToProto(r pipeline.Result, conv *offsets.Converter) *claimsv1.ArticleResult {
	return apiconv.ResultToProto(r, conv)
}

func linksToProto(ls []claim.Link) []*claimsv1.ContradictionLink { return apiconv.LinksToProto(ls) }
