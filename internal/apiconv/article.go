package apiconv

import (
	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/claim"
)

// ArticleFromProto copies a request article into the pipeline's plain type.
func ArticleFromProto(a *claimsv1.Article) claim.Article {
	out := claim.Article{
		ID:       a.GetId(),
		Text:     a.GetText(),
		Title:    a.GetTitle(),
		URL:      a.GetUrl(),
		Language: a.GetLanguageCode(),
	}
	if a.GetContentType() == claimsv1.ContentType_CONTENT_TYPE_TEXT_HTML {
		out.ContentType = claim.ContentHTML
	}
	if t := a.GetPublishTime(); t != nil {
		out.Published = t.AsTime()
	}
	return out
}
