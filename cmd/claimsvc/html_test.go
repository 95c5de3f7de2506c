package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/htmlpage"
)

// fixturePage is a news page written for the project (nav, teasers, scripts,
// JSON-LD, comments, footer around a six-paragraph article).
func fixturePage(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../internal/htmlpage/testdata/harbour-bridge.html")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// furniture is text of the fixture page outside the article body; no claim may
// come from it.
var furniture = []string{"Ferry operator", "fares will double", "will not run again", "Reader42", "dataLayer", "bridge is unsafe", "All rights reserved"}

// TestExtractHTMLOverGRPC sends the fixture page as text/html with UTF-16 offsets
// and checks the extracted text, the metadata, the claims and both kinds of span.
func TestExtractHTMLOverGRPC(t *testing.T) {
	conn, _ := testServer(t, nil)
	page := fixturePage(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	resp, err := claimsv1.NewClaimsServiceClient(conn).ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{
		Article:      &claimsv1.Article{Id: "gazette", Text: page, ContentType: claimsv1.ContentType_CONTENT_TYPE_TEXT_HTML},
		EncodingType: claimsv1.EncodingType_ENCODING_TYPE_UTF16,
	})
	if err != nil {
		t.Fatal(err)
	}
	r := resp.GetResult()
	md := r.GetMetadata()
	if md.GetTitle() != "Harbour bridge to reopen in March, council says" || md.GetAuthor() != "Maria Lindqvist" ||
		md.GetSiteName() != "The Harbour Gazette" || md.GetPublishTime().AsTime().Format("2006-01-02") != "2026-03-02" {
		t.Errorf("metadata = %v", md)
	}
	doc := utf16Units(r.GetDocumentText())
	pageU := utf16Units(page)
	var quote, voice bool
	for _, c := range r.GetClaims() {
		if got := string(utf16Decode(doc[c.GetSpan().GetStart():c.GetSpan().GetEnd()])); got != c.GetText() {
			t.Errorf("span %v slices %q of document_text, claim text %q", c.GetSpan(), got, c.GetText())
		}
		for _, f := range furniture {
			if strings.Contains(c.GetText(), f) {
				t.Errorf("claim from outside the article body: %q", c.GetText())
			}
		}
		if hs := c.GetHtmlSpan(); hs != nil {
			raw := string(utf16Decode(pageU[hs.GetStart():hs.GetEnd()]))
			if got, want := strings.Join(strings.Fields(html.UnescapeString(raw)), " "), strings.Join(strings.Fields(c.GetText()), " "); got != want {
				t.Errorf("html_span %v slices %q, which reads %q, claim %q", hs, raw, got, want)
			}
		}
		if strings.Contains(c.GetText(), "steel work is finished") {
			quote = true
			if c.GetSpeaker().GetCanonicalName() != "Ana Ruiz" {
				t.Errorf("quote speaker = %q, want Ana Ruiz", c.GetSpeaker().GetCanonicalName())
			}
			if c.GetHtmlSpan() == nil {
				t.Error("quote has no html_span")
			}
		}
		if c.GetSpeaker().GetKind() == claimsv1.SpeakerKind_SPEAKER_KIND_ARTICLE {
			voice = true
			if c.GetSpeaker().GetCanonicalName() != "The Harbour Gazette" {
				t.Errorf("article-voice speaker = %q, want the outlet", c.GetSpeaker().GetCanonicalName())
			}
		}
	}
	if !quote || !voice {
		t.Errorf("quote found %v, article-voice claim found %v; claims: %v", quote, voice, r.GetClaims())
	}
}

// TestExtractHTMLOverHTTP posts the fixture page over REST with contentType HTML.
func TestExtractHTMLOverHTTP(t *testing.T) {
	_, base := testServer(t, nil)
	body, _ := json.Marshal(map[string]any{"article": map[string]any{"id": "gazette", "text": fixturePage(t), "contentType": "CONTENT_TYPE_TEXT_HTML"}})
	resp, err := http.Post(base+"/v1/claims:extract", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, b)
	}
	var out struct {
		Result struct {
			DocumentText string `json:"documentText"`
			Metadata     struct {
				Title, Author, SiteName string
				PublishTime             string `json:"publishTime"`
			} `json:"metadata"`
			Claims []struct {
				Text string `json:"text"`
				Span struct{ Start, End int }
			} `json:"claims"`
		} `json:"result"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	r := out.Result
	if r.Metadata.Author != "Maria Lindqvist" || !strings.HasPrefix(r.Metadata.PublishTime, "2026-03-02") || r.Metadata.Title == "" {
		t.Errorf("metadata = %+v", r.Metadata)
	}
	if len(r.Claims) < 3 {
		t.Fatalf("got %d claims: %s", len(r.Claims), b)
	}
	for _, c := range r.Claims {
		if r.DocumentText[c.Span.Start:c.Span.End] != c.Text {
			t.Errorf("span %+v does not slice document_text to %q", c.Span, c.Text)
		}
	}
}

// TestHTMLBadInput covers pages that are no article or cannot be read: a clear
// error with a field violation, or an empty result with a reason.
func TestHTMLBadInput(t *testing.T) {
	conn, base := testServer(t, nil)
	client := claimsv1.NewClaimsServiceClient(conn)
	deep := strings.Repeat("<div>", htmlpage.MaxDepth+10) + "The minister said no." + strings.Repeat("</div>", htmlpage.MaxDepth+10)
	huge := "<html><body><p>" + strings.Repeat("The council said the bridge would open in March. ", 10<<20/50) + "</p></body></html>"
	tests := []struct {
		name   string
		page   string
		ct     claimsv1.ContentType
		code   codes.Code
		reason string
	}{
		{"login page", `<html><body><form><input type="text" name="user"><input type="password" name="pw"><button>Sign in</button></form></body></html>`, claimsv1.ContentType_CONTENT_TYPE_TEXT_HTML, codes.OK, "no article body found"},
		{"empty body", `<html><head><title>x</title></head><body></body></html>`, claimsv1.ContentType_CONTENT_TYPE_TEXT_HTML, codes.OK, "no article body found"},
		{"deeply nested tags", deep, claimsv1.ContentType_CONTENT_TYPE_TEXT_HTML, codes.InvalidArgument, ""},
		{"10 MB page", huge, claimsv1.ContentType_CONTENT_TYPE_TEXT_HTML, codes.ResourceExhausted, ""},
		{"unknown content type", "text", claimsv1.ContentType(9), codes.InvalidArgument, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			resp, err := client.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: tc.page, ContentType: tc.ct}})
			if got := status.Code(err); got != tc.code {
				t.Fatalf("code = %v (%v), want %v", got, err, tc.code)
			}
			if tc.code != codes.OK {
				if fv := fieldViolations(status.Convert(err)); len(fv) == 0 {
					t.Errorf("no field violations in %v", err)
				}
				return
			}
			if n := len(resp.GetResult().GetClaims()); n != 0 || !strings.HasPrefix(resp.GetResult().GetEmptyReason(), tc.reason) {
				t.Errorf("claims %d, empty_reason %q", n, resp.GetResult().GetEmptyReason())
			}
		})
	}
	// The same deep page over REST is a 400 naming the field.
	body, _ := json.Marshal(map[string]any{"article": map[string]any{"text": deep, "contentType": "CONTENT_TYPE_TEXT_HTML"}})
	resp, err := http.Post(base+"/v1/claims:extract", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(b), "article.text") {
		t.Errorf("REST deep page: %d %s", resp.StatusCode, b)
	}
}

// TestStreamHTML sends a page and a too-deep page on one stream: the page gets its
// document text and metadata, the deep one its own INVALID_ARGUMENT, and the stream
// goes on.
func TestStreamHTML(t *testing.T) {
	conn, _ := testServer(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	stream, err := claimsv1.NewClaimsServiceClient(conn).StreamExtractClaims(ctx)
	if err != nil {
		t.Fatal(err)
	}
	html := claimsv1.ContentType_CONTENT_TYPE_TEXT_HTML
	deep := strings.Repeat("<div>", htmlpage.MaxDepth+1)
	for _, a := range []*claimsv1.Article{
		{Id: "page", Text: fixturePage(t), ContentType: html},
		{Id: "deep", Text: deep, ContentType: html},
		{Id: "plain", Text: "The mayor said on Monday that the bridge will reopen in March."},
	} {
		if err := stream.Send(&claimsv1.StreamExtractClaimsRequest{Article: a}); err != nil {
			t.Fatal(err)
		}
	}
	if err := stream.CloseSend(); err != nil {
		t.Fatal(err)
	}
	got := map[int32]*claimsv1.StreamExtractClaimsResponse{}
	for {
		r, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got[r.GetInputIndex()] = r
	}
	if r := got[0].GetResult(); r.GetMetadata().GetSiteName() != "The Harbour Gazette" || r.GetDocumentText() == "" || len(r.GetClaims()) == 0 {
		t.Errorf("page: metadata %v, %d claims, error %v", r.GetMetadata(), len(r.GetClaims()), got[0].GetError())
	}
	if codes.Code(got[1].GetError().GetCode()) != codes.InvalidArgument {
		t.Errorf("deep page: error %v, want INVALID_ARGUMENT", got[1].GetError())
	}
	if r := got[2].GetResult(); len(r.GetClaims()) == 0 || r.GetDocumentText() != "" || r.GetMetadata() != nil {
		t.Errorf("plain article after the pages: %v", r)
	}
}
