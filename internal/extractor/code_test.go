package extractor

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/claimsvc/claimsvc/internal/dataset"
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

// codeSignsNaive is codeSigns as first written (one strings.Count per idiom), the
// reference the single-pass scan must equal.
func codeSignsNaive(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '{', '}', ';', '=', '\\':
			n++
		case '"':
			if i+1 < len(line) && (line[i+1] == ':' || line[i+1] == ',') {
				n++
			}
		}
	}
	for _, kw := range codeIdioms {
		n += 2 * strings.Count(line, kw)
	}
	return n
}

// TestCodeSignsSinglePass checks the anchored single-pass count against the naive
// count on idioms that overlap themselves ("====", "&&&"), idioms at both ends,
// idioms sharing an anchor, and every line of the seed articles.
func TestCodeSignsSinglePass(t *testing.T) {
	lines := []string{
		"", "=", "===", "====", "======", "!===", "&&&", "&&&&", "||||", "|||",
		"var ", "avar x", "typeof typeof ", "document.window.", "function(function (",
		"http://schema.org https://schema.org ://", "));));", "('');", "')('", "})})",
		"$($(", "null,true,false,", "px;em;px;", "@context@type", "!important!==",
		".push(.push(", "x => y", "a;b{c}d=e\\f\"g\":\"h\",",
		"The mayor said the bridge would reopen; the council disagreed.",
	}
	// random lines over the idioms' own bytes, where occurrences overlap most
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "=!&|()'; .,:/@$}{typeofvarhtps"
	for range 2000 {
		b := make([]byte, rng.IntN(40))
		for k := range b {
			b[k] = alphabet[rng.IntN(len(alphabet))]
		}
		lines = append(lines, string(b))
	}
	for _, text := range seedTextsOrEmpty(t) {
		lines = append(lines, strings.Split(text, "\n")...)
	}
	for _, l := range lines {
		if got, want := codeSigns(l), codeSignsNaive(l); got != want {
			t.Errorf("codeSigns(%q) = %d, want %d", l, got, want)
		}
	}
}

// seedTextsOrEmpty is the seed articles' texts, or none when they are absent.
func seedTextsOrEmpty(t *testing.T) []string {
	seeds, err := dataset.ReadSeeds()
	if err != nil {
		return nil
	}
	out := make([]string, len(seeds))
	for i, s := range seeds {
		out[i] = s.Text
	}
	return out
}

// TestCodeOpenerStarts keeps codeOpenerStarts in step with codeOpeners.
func TestCodeOpenerStarts(t *testing.T) {
	for _, p := range codeOpeners {
		if strings.IndexByte(codeOpenerStarts, p[0]) < 0 {
			t.Errorf("opener %q starts with a byte missing from codeOpenerStarts", p)
		}
	}
}
