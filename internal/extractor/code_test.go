package extractor

import (
	"context"
	"strings"
	"testing"
)

// TestIsCodeLine checks code and data lines against prose that has some of their marks.
func TestIsCodeLine(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{`{"@context": "http://schema.org", "@type": "NewsArticle", "headline": "Bridge reopens"}`, true},
		{`"author": {"@type": "Person", "name": "Ana Ruiz"},`, true},
		{`window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}`, true},
		{`var x = document.getElementById("story"); if (x) { x.className = "open"; }`, true},
		{`.article-body p { margin: 0 0 1em; font-size: 18px; line-height: 1.5; }`, true},
		{`@media (max-width: 600px) {`, true},
		{`});`, true},
		{`// track page views`, true},
		{`The mayor said the bridge would reopen; the council disagreed.`, false},
		{`Read the report at https://example.org/report, the agency said.`, false},
		{`"Let the talks go on," she said; "we have nothing to lose."`, false},
		{`function of the committee is to review the budget, he said.`, false},
		{`Prices rose 3% (after a 2% rise in May), the bureau said.`, false},
		{`The score was 3 > 2 at half time.`, false},
	}
	for _, tc := range tests {
		if got := isCodeLine(tc.line); got != tc.want {
			t.Errorf("isCodeLine(%q) = %v, want %v (signs %d)", tc.line, got, tc.want, codeSigns(tc.line))
		}
	}
}

// TestExtractSkipsCode checks that script, style and JSON-LD text left in a page
// whose tags were stripped yields no claim, while the prose around it still does.
func TestExtractSkipsCode(t *testing.T) {
	e := newTestExtractor(t)
	text := strings.Join([]string{
		`{"@context": "http://schema.org", "@type": "NewsArticle", "headline": "The council said the bridge will reopen"}`,
		``,
		`window.dataLayer = window.dataLayer || [];`,
		`function gtag(){dataLayer.push(arguments);}`,
		`gtag('js', new Date());`,
		``,
		`.story p { margin: 0; color: #222; }`,
		``,
		`The harbour bridge will reopen in March, the city council said on Tuesday.`,
	}, "\n")
	cs, err := e.Extract(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Index(text, "The harbour bridge")
	if len(cs) == 0 {
		t.Fatal("no claim from the prose sentence")
	}
	for _, c := range cs {
		if c.Span.Start < body {
			t.Errorf("claim from code or data: %q", c.Text)
		}
	}
}
