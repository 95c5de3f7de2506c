package htmlpage

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// FuzzRead asserts that no page makes Read panic or fail with anything but the
// shape errors, that the extracted text is valid UTF-8 when the page is, that a
// page yields text or a reason, and that mapped spans stay inside the page.
func FuzzRead(f *testing.F) {
	if b, err := os.ReadFile("testdata/harbour-bridge.html"); err == nil {
		f.Add(string(b))
	}
	for _, s := range []string{
		"", "<", "<html", "<p>", "</p></p></div>", "<p>a<p>b<p>c", "&amp;&#x1F600;&#0;&bogus;&",
		"<html><body><article><p>The minister said the talks failed.</p></article></body></html>",
		"<script>var a = '</script>'; </script><p>x</p>", "<style>p{}</style><title>t</title>",
		strings.Repeat("<div>", 600), strings.Repeat("<b><i>", 300) + "text",
		"<meta charset=\"shift_jis\"><p>\xff\xfe caf\xe9</p>", "<svg><foreignObject><p>x</p></foreignObject></svg>",
		"<table><tr><td><p>cell said it</td></tr></table>", "<!-- <p>hidden</p> --><p>shown &lt;p&gt;</p>",
		"<input type=password><form><button>Sign in</button></form>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page string) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		p, err := Read(ctx, page, "https://example.org/a")
		if errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Read took over 20s on a %d-byte page", len(page))
		}
		if err != nil {
			if !errors.Is(err, ErrTooDeep) && !errors.Is(err, ErrTooManyElements) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if utf8.ValidString(page) && !utf8.ValidString(p.Text) {
			t.Fatalf("text is not valid UTF-8: %q", p.Text)
		}
		if (p.Text == "") == (p.EmptyReason == "") {
			t.Fatalf("text %q with reason %q: want exactly one", p.Text, p.EmptyReason)
		}
		var cs []claim.Claim
		for _, para := range strings.Split(p.Text, "\n\n") {
			if para != "" {
				cs = append(cs, claim.Claim{Text: para})
			}
		}
		p.HTMLSpans(cs)
		for _, c := range cs {
			s := c.HTMLSpan
			if s.Start < 0 || s.End > len(page) || s.Start > s.End {
				t.Fatalf("html span %+v outside a %d-byte page", s, len(page))
			}
		}
	})
}
