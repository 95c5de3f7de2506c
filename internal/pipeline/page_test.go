package pipeline

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/claimsvc/claimsvc/internal/claim"
)

func fixturePage(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../htmlpage/testdata/harbour-bridge.html")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestArticleHTML checks stage 0: claims come from the page's main text, their
// spans slice Document.Text, the article's own voice names the outlet, and the
// page's date is used only when the client sent none.
func TestArticleHTML(t *testing.T) {
	p, err := New()
	if err != nil {
		t.Fatal(err)
	}
	page := fixturePage(t)
	res, err := p.Article(context.Background(), claim.Article{ID: "g", Text: page, ContentType: claim.ContentHTML}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if res.Document == nil || res.SpanText(page) != res.Document.Text {
		t.Fatal("no document for a web page")
	}
	if len(res.Claims) == 0 {
		t.Fatal("no claims")
	}
	for _, c := range res.Claims {
		if res.Document.Text[c.Span.Start:c.Span.End] != c.Text {
			t.Errorf("span %+v does not slice the document text to %q", c.Span, c.Text)
		}
		if c.Speaker.Kind == claim.SpeakerArticle && c.Speaker.Name != "The Harbour Gazette" {
			t.Errorf("own-voice speaker %q, want the outlet", c.Speaker.Name)
		}
		if !c.HTMLSpan.Empty() && !strings.HasSuffix(html.UnescapeString(page[c.HTMLSpan.Start:c.HTMLSpan.End]), strings.Fields(c.Text)[len(strings.Fields(c.Text))-1]) {
			t.Errorf("html span %+v of %q misses its last word", c.HTMLSpan, c.Text)
		}
	}

	sent := time.Date(2026, 3, 5, 8, 0, 0, 0, time.UTC)
	_, a, err := readPage(context.Background(), claim.Article{Text: page, ContentType: claim.ContentHTML, Published: sent})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Published.Equal(sent) {
		t.Errorf("client's publish time replaced by %v", a.Published)
	}
	_, a, _ = readPage(context.Background(), claim.Article{Text: page, ContentType: claim.ContentHTML})
	if a.Published.Format("2006-01-02") != "2026-03-02" || a.URL != "https://gazette.example/news/harbour-bridge-reopens" {
		t.Errorf("page metadata not used: published %v, url %q", a.Published, a.URL)
	}
}

// TestOwnVoice checks the outlet, then the byline, naming the article's voice.
func TestOwnVoice(t *testing.T) {
	mk := func() []claim.Claim {
		return []claim.Claim{{Speaker: claim.Speaker{Kind: claim.SpeakerArticle}}, {Speaker: claim.Speaker{Kind: claim.SpeakerPerson, Name: "Ana Ruiz"}}}
	}
	for _, tc := range []struct {
		doc  claim.Document
		want string
	}{
		{claim.Document{SiteName: "The Gazette", Author: "Maria L"}, "The Gazette"},
		{claim.Document{Author: "Maria L"}, "Maria L"},
		{claim.Document{}, ""},
	} {
		cs := mk()
		ownVoice(cs, tc.doc)
		if cs[0].Speaker.Name != tc.want || cs[1].Speaker.Name != "Ana Ruiz" {
			t.Errorf("%+v: voice %q, person %q", tc.doc, cs[0].Speaker.Name, cs[1].Speaker.Name)
		}
	}
}
