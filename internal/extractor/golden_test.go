package extractor

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/dataset"
)

// goldenClaim is one expected claim of a seed article (testdata/seeds-golden.json).
type goldenClaim struct {
	Contains     string `json:"contains"`
	Speaker      string `json:"speaker"`
	Mention      string `json:"mention"`
	Source       string `json:"source"` // the whole source phrase: Speaker.SourceSpan, else the mention
	Title        string `json:"title"`
	Organization string `json:"organization"`
	Cue          string `json:"cue"`
	Kind         string `json:"kind"`
	Resolution   string `json:"resolution"`
	SpeakerKind  string `json:"speaker_kind"`
}

type goldenArticle struct {
	Claims    []goldenClaim `json:"claims"`
	Forbidden []string      `json:"forbidden"`
}

var (
	kindNames = map[claim.AttributionKind]string{
		claim.AttributionDirect: "direct", claim.AttributionIndirect: "indirect", claim.AttributionMixed: "mixed",
		claim.AttributionAccordingTo: "according_to", claim.AttributionUnattributed: "unattributed",
	}
	resolutionNames = map[claim.Resolution]string{
		claim.ResolutionExplicit: "explicit", claim.ResolutionPronoun: "pronoun", claim.ResolutionDescription: "description",
		claim.ResolutionSurname: "surname", claim.ResolutionContinuation: "continuation", claim.ResolutionNone: "none",
	}
	speakerKindNames = map[claim.SpeakerKind]string{
		claim.SpeakerPerson: "person", claim.SpeakerOrganization: "organization", claim.SpeakerGroup: "group",
		claim.SpeakerAnonymous: "anonymous", claim.SpeakerArticle: "article",
	}
)

// TestGoldenSeeds checks every attributed statement of the five sample articles:
// found, with the right speaker, cue, kind and resolution, and no claim made of site
// furniture, headlines or tables.
func TestGoldenSeeds(t *testing.T) {
	dir, err := dataset.SeedsDir()
	if err != nil {
		t.Skipf("seeds not available (%v); golden tests need ../shared/seeds", err)
	}
	raw, err := os.ReadFile("testdata/seeds-golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var golden map[string]json.RawMessage
	if err := json.Unmarshal(raw, &golden); err != nil {
		t.Fatal(err)
	}
	e := newTestExtractor(t)
	for name, msg := range golden {
		if strings.HasPrefix(name, "_") {
			continue
		}
		var g goldenArticle
		if err := json.Unmarshal(msg, &g); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Skipf("seed %s missing: %v", name, err)
			}
			text := string(b)
			cs, err := e.Extract(context.Background(), text)
			if err != nil {
				t.Fatal(err)
			}
			checkSpans(t, text, cs)
			for _, want := range g.Claims {
				c, ok := findClaim(cs, want)
				if !ok {
					t.Errorf("no claim containing %q with cue %q; claims:\n%s", want.Contains, want.Cue, describe(cs))
					continue
				}
				checkClaim(t, text, c, want)
			}
			for _, f := range g.Forbidden {
				for _, c := range cs {
					if strings.Contains(c.Text, f) {
						t.Errorf("claim %q contains furniture %q", c.Text, f)
					}
				}
			}
		})
	}
}

func findClaim(cs []claim.Claim, want goldenClaim) (claim.Claim, bool) {
	for _, c := range cs {
		if strings.Contains(c.Text, want.Contains) && (want.Cue == "" || c.Attribution.Cue == want.Cue) {
			return c, true
		}
	}
	return claim.Claim{}, false
}

func checkClaim(t *testing.T, text string, c claim.Claim, want goldenClaim) {
	t.Helper()
	check := func(field, got, exp string) {
		if exp != "" && got != exp {
			t.Errorf("claim %q: %s = %q, want %q", want.Contains, field, got, exp)
		}
	}
	check("speaker", c.Speaker.Name, want.Speaker)
	check("mention", c.Speaker.Mention, want.Mention)
	src := c.Speaker.Mention
	if sp := c.Speaker.SourceSpan; !sp.Empty() {
		src = text[sp.Start:sp.End]
	}
	check("source", src, want.Source)
	check("title", c.Speaker.Title, want.Title)
	check("organization", c.Speaker.Organization, want.Organization)
	check("kind", kindNames[c.Attribution.Kind], want.Kind)
	check("resolution", resolutionNames[c.Speaker.Resolution], want.Resolution)
	check("speaker kind", speakerKindNames[c.Speaker.Kind], want.SpeakerKind)
}

// checkSpans asserts the span invariants every caller relies on.
func checkSpans(t *testing.T, text string, cs []claim.Claim) {
	t.Helper()
	prev := -1
	valid := utf8.ValidString(text)
	for _, c := range cs {
		for _, s := range []claim.Span{c.Span, c.Sentence, c.Speaker.MentionSpan, c.Attribution.CueSpan} {
			if s.Start < 0 || s.End > len(text) || s.Start > s.End {
				t.Fatalf("span %+v out of range for %d bytes", s, len(text))
			}
			if s.Empty() {
				continue
			}
			if valid && !utf8.ValidString(text[s.Start:s.End]) {
				t.Fatalf("span %+v cuts a UTF-8 sequence", s)
			}
		}
		if c.Text != text[c.Span.Start:c.Span.End] {
			t.Fatalf("claim text %q is not text[Span]", c.Text)
		}
		if c.Span.Empty() {
			t.Fatalf("empty claim %+v", c)
		}
		if c.Span.Start < prev {
			t.Fatalf("claims out of text order at %q", c.Text)
		}
		prev = c.Span.Start
		if !c.Speaker.MentionSpan.Empty() && c.Speaker.Mention != text[c.Speaker.MentionSpan.Start:c.Speaker.MentionSpan.End] {
			t.Fatalf("mention %q is not text[MentionSpan]", c.Speaker.Mention)
		}
		if !c.Attribution.CueSpan.Empty() && c.Attribution.Cue != text[c.Attribution.CueSpan.Start:c.Attribution.CueSpan.End] {
			t.Fatalf("cue %q is not text[CueSpan]", c.Attribution.Cue)
		}
	}
}

func describe(cs []claim.Claim) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString("  [" + c.Speaker.Mention + " → " + c.Speaker.Name + " | " + c.Attribution.Cue + "] " + c.Text + "\n")
	}
	return b.String()
}

func newTestExtractor(tb testing.TB) *Extractor {
	tb.Helper()
	e, err := New()
	if err != nil {
		tb.Fatal(err)
	}
	return e
}
