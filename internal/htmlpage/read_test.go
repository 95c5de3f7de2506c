package htmlpage

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/claimsvc/claimsvc/internal/claim"
)

func readFixture(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/harbour-bridge.html")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReadFixture checks the main text and metadata of a page written for the
// project: navigation, teasers, scripts, JSON-LD, comments and footer stay out.
func TestReadFixture(t *testing.T) {
	p, err := Read(context.Background(), readFixture(t), "")
	if err != nil {
		t.Fatal(err)
	}
	if p.EmptyReason != "" {
		t.Fatalf("empty: %s", p.EmptyReason)
	}
	for _, want := range []string{
		"The harbour bridge will reopen to traffic in March, two years after it was closed for repairs, the city council said on Monday.",
		"“Half of my regulars stopped coming,” said Tomas Berg",
		"The council will publish a full report on the repairs in April.",
	} {
		if !strings.Contains(p.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, p.Text)
		}
	}
	for _, bad := range []string{"Ferry operator", "dataLayer", "@context", "Reader42", "All rights reserved", "Most read", "Sign in"} {
		if strings.Contains(p.Text, bad) {
			t.Errorf("text holds furniture %q:\n%s", bad, p.Text)
		}
	}
	if !strings.Contains(p.Text, "\n\n") {
		t.Errorf("paragraphs not separated by blank lines:\n%s", p.Text)
	}
	want := claim.Document{
		Title: "Harbour bridge to reopen in March, council says", Author: "Maria Lindqvist",
		SiteName: "The Harbour Gazette", URL: "https://gazette.example/news/harbour-bridge-reopens", Language: "en",
	}
	got := p.Document
	got.Text, got.Published = "", time.Time{}
	if got != want {
		t.Errorf("metadata = %+v, want %+v", got, want)
	}
	if d := p.Published.Format("2006-01-02"); d != "2026-03-02" {
		t.Errorf("published = %v, want 2026-03-02", p.Published)
	}
}

// TestHTMLSpans checks that a range of the extracted text maps to the page bytes
// it was written as, entities and tags included.
func TestHTMLSpans(t *testing.T) {
	page := readFixture(t)
	p, err := Read(context.Background(), page, "")
	if err != nil {
		t.Fatal(err)
	}
	cs := []claim.Claim{
		{Text: "The harbour bridge will reopen to traffic in March, two years after it was closed for repairs"},
		{Text: "The steel work is finished and the last inspections are under way"},
		{Text: "the council’s head of transport"},
		{Text: "not in the page at all"},
	}
	p.HTMLSpans(cs)
	wants := []string{
		"The harbour bridge will reopen to traffic in March, two years after it was\n  closed for repairs",
		"The steel work is finished and the last inspections are under way",
		"the council&rsquo;s head of transport",
	}
	for i, w := range wants {
		s := cs[i].HTMLSpan
		if s.Empty() || page[s.Start:s.End] != w {
			t.Errorf("claim %d html span %+v = %q, want %q", i, s, page[max(0, s.Start):max(0, s.End)], w)
		}
	}
	if !cs[3].HTMLSpan.Empty() {
		t.Errorf("unmappable text got span %+v", cs[3].HTMLSpan)
	}
}

// TestReadNotAnArticle checks pages without an article body: an empty result with
// a reason, never an error.
func TestReadNotAnArticle(t *testing.T) {
	tests := []struct {
		name, page, reason string
	}{
		{"login form", `<html><head><title>Sign in</title></head><body><form><label>Email</label><input type="text" name="u"><label>Password</label><input type="password" name="p"><button>Sign in</button><a href="/forgot">Forgot your password?</a></form></body></html>`, "no article body found"},
		{"empty body", `<html><head><title>Nothing</title></head><body></body></html>`, "no article body found"},
		{"only scripts", `<html><body><script>var a = 1; function f(){ return a; }</script><style>p{color:red}</style></body></html>`, "no article body found"},
		{"not html at all", "just a few words", "no article body found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Read(context.Background(), tc.page, "")
			if err != nil {
				t.Fatal(err)
			}
			if p.Text != "" || !strings.HasPrefix(p.EmptyReason, tc.reason) {
				t.Errorf("text %q reason %q, want empty text and reason %q…", p.Text, p.EmptyReason, tc.reason)
			}
		})
	}
}

// TestReadHostileShape checks that deep nesting and huge element counts are
// refused before parsing, quickly, while unclosed paragraphs of old pages are not.
func TestReadHostileShape(t *testing.T) {
	deep := strings.Repeat("<div>", MaxDepth+1) + "text" + strings.Repeat("</div>", MaxDepth+1)
	start := time.Now()
	if _, err := Read(context.Background(), deep, ""); !errors.Is(err, ErrTooDeep) {
		t.Errorf("deep page: err = %v, want ErrTooDeep", err)
	}
	many := "<html><body>" + strings.Repeat("<span>x</span>", MaxElements+1) + "</body></html>"
	if _, err := Read(context.Background(), many, ""); !errors.Is(err, ErrTooManyElements) {
		t.Errorf("huge page: err = %v, want ErrTooManyElements", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("refusing took %v", d)
	}
	old := "<html><body>" + strings.Repeat("<p>The council met again on Monday and said the bridge would open in March. ", 2000) + "</body></html>"
	if err := CheckShape(context.Background(), old); err != nil {
		t.Errorf("unclosed paragraphs refused: %v", err)
	}
	nested := strings.Repeat("<div>", 100) + "<p>Fine.</p>" + strings.Repeat("</div>", 100)
	if err := CheckShape(context.Background(), nested); err != nil {
		t.Errorf("100 levels refused: %v", err)
	}
}

// TestReadCharsetIgnored checks that a page declaring a charset its UTF-8 text
// does not use is read as the UTF-8 it is, not re-decoded into mojibake.
func TestReadCharsetIgnored(t *testing.T) {
	page := strings.Replace(readFixture(t), `<meta charset="utf-8">`, `<meta charset="windows-1252"><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">`, 1)
	p, err := Read(context.Background(), page, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Text, "“The steel work is finished") || strings.Contains(p.Text, "â€") {
		t.Errorf("text re-decoded:\n%s", p.Text)
	}
}

// TestReadContext checks that a cancelled context stops Read.
func TestReadContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, readFixture(t), ""); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}
