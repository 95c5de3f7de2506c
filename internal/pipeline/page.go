package pipeline

import (
	"context"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/htmlpage"
)

// Stage 0 for web pages: read the page, then run the pipeline on its main text
// with its metadata.

// readPage extracts a web page's main text and metadata and returns the article
// the later stages read: the extracted text, with the page's publication date,
// title and canonical URL where the client sent none (a date the client sends
// wins, so linking uses the time the client trusts).
func readPage(ctx context.Context, a claim.Article) (*htmlpage.Page, claim.Article, error) {
	page, err := htmlpage.Read(ctx, a.Text, a.URL)
	if err != nil {
		return nil, a, err
	}
	a.Text = page.Text
	if a.Published.IsZero() {
		a.Published = page.Published
	}
	if a.Title == "" {
		a.Title = page.Title
	}
	if a.URL == "" {
		a.URL = page.URL
	}
	return page, a, nil
}

// ownVoice names the speaker of the claims the page makes in its own voice: the
// outlet (site name) where known, else the byline's author, so a reader sees who
// stands behind an unattributed claim.
func ownVoice(cs []claim.Claim, d claim.Document) {
	name, org := d.SiteName, d.SiteName
	if name == "" {
		name = d.Author
	}
	if name == "" {
		return
	}
	for i := range cs {
		if cs[i].Speaker.Kind == claim.SpeakerArticle {
			cs[i].Speaker.Name = name
			cs[i].Speaker.Organization = org
		}
	}
}
