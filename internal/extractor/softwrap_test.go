package extractor

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claimsvc/claimsvc/internal/attreval"
	"github.com/claimsvc/claimsvc/internal/dataset"
)

// TestSoftWrap checks which single newlines are wraps inside a paragraph and which
// stay boundaries.
func TestSoftWrap(t *testing.T) {
	tests := []struct {
		name       string
		prev, next string
		want       bool
	}{
		{"next starts lower case", "The committee met for three hours on", "wednesday and agreed nothing.", true},
		{"long prose line ends mid-sentence", "The harbour authority said the new crane would be ready by", "March, two months later than planned.", true},
		{"quotation closes on the next line", "“We will rebuild the bridge. We will do it this year.", "Nobody will wait longer,” the mayor told the council.", true},
		{"straight quotation closes on the next line", `"We will rebuild the bridge. We will do it this year and not later.`, `Nobody will wait," the mayor said.`, true},
		{"title-case heading", "Harbour Bridge Reopens After Two Years of Repairs in the City", "The bridge carried its first cars on Monday.", false},
		{"short heading", "Talks Resume in Geneva", "The two sides met on Monday.", false},
		{"sentence ends at the line end: joined, segmentation splits it", "The bridge carried its first cars on Monday morning at dawn.", "Traffic was light.", true},
		{"title-case headline with a full stop", "Stealth Over Health: Senator Was Headed to Hospital But Turned Back.", "The senator was taken home instead.", false},
		{"name-heavy line inside a wrapped paragraph", "Democratic pollster Pat Caddell told Breitbart News Daily host Alex", "Marlow that voters were worried.", true},
		{"next is a list item", "The council listed its priorities for the coming year of work", "- a new school", false},
		{"next is a heading", "The council listed its priorities for the coming year of work", "# Budget", false},
		{"short lines of a list without markers", "Stop lying", "Show humility", false},
		{"new quoted paragraph opens", "“We will rebuild the bridge. We will do it this year.", "“Nobody will wait longer,” the mayor said.", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			inside := strings.HasPrefix(tc.name, "name-heavy")
			if got := softWrap(tc.prev, tc.next, inside); got != tc.want {
				t.Errorf("softWrap(%q, %q) = %v, want %v", tc.prev, tc.next, got, tc.want)
			}
		})
	}
}

// TestCleanSoftWrap checks that wrapped lines become one block that still slices the
// original text, and that blank lines, headings and list items keep their blocks.
func TestCleanSoftWrap(t *testing.T) {
	e := newTestExtractor(t)
	text := "Harbour Bridge Reopens\n\nThe harbour authority said the new crane would be ready by\nMarch, two months later than planned. The mayor called\nthe delay regrettable.\n\n- first item\n- second item"
	var got []string
	var kinds []blockKind
	for _, b := range mustClean(t, e, text) {
		got = append(got, text[b.span.Start:b.span.End])
		kinds = append(kinds, b.kind)
	}
	want := []string{
		"Harbour Bridge Reopens",
		"The harbour authority said the new crane would be ready by\nMarch, two months later than planned. The mayor called\nthe delay regrettable.",
		"- first item", "- second item",
	}
	wantKinds := []blockKind{blockHeadline, blockBody, blockList, blockList}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("blocks = %q, want %q", got, want)
	}
	for i := range kinds {
		if kinds[i] != wantKinds[i] {
			t.Errorf("block %d kind = %d, want %d", i, kinds[i], wantKinds[i])
		}
	}
}

// TestExtractWrappedQuotation checks that a quotation wrapped over two lines is one
// claim with its speaker, as on one line.
func TestExtractWrappedQuotation(t *testing.T) {
	e := newTestExtractor(t)
	text := "“We will rebuild the bridge, and we will do it this year,” the mayor, Ana Ruiz,\ntold the council on Tuesday."
	cs, err := e.Extract(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 {
		t.Fatalf("got %d claims, want 1: %+v", len(cs), cs)
	}
	if got := cs[0].Text; !strings.Contains(got, "rebuild the bridge") {
		t.Errorf("claim text = %q", got)
	}
	if got := cs[0].Speaker.Name; got != "Ana Ruiz" {
		t.Errorf("speaker = %q, want Ana Ruiz", got)
	}
}

// wrapAt hard-wraps every paragraph line of text at width bytes by turning the last
// space before the width into a newline, so every offset into text stays valid.
func wrapAt(text string, width int) string {
	b := []byte(text)
	lineStart, lastSpace := 0, -1
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '\n':
			lineStart, lastSpace = i+1, -1
		case ' ':
			lastSpace = i
		}
		if i-lineStart >= width && lastSpace > lineStart {
			b[lastSpace] = '\n'
			lineStart, lastSpace = lastSpace+1, -1
		}
	}
	return string(b)
}

// TestPolNeARHardWrapped measures PolNeAR dev hard-wrapped at 72 columns against the
// same articles as sent: soft wraps must keep attribution within 0.02 (quote and
// speaker F1). Taking every newline as a boundary fell to speech quote F1 0.44.
// It skips without the shared data folder.
func TestPolNeARHardWrapped(t *testing.T) {
	path, err := dataset.Path("attribution/polnear-dev.jsonl")
	if err != nil {
		t.Skipf("PolNeAR dev not available (%v)", err)
	}
	arts, err := dataset.ReadAttribution(path)
	if err != nil {
		t.Skipf("PolNeAR dev not readable: %v", err)
	}
	verbs, err := attreval.LoadSpeechVerbs(filepath.Join(filepath.Dir(filepath.Dir(path)), "lexicons", "quote-verbs-ggt.txt"))
	if err != nil {
		t.Skipf("speech verb list not available: %v", err)
	}
	e := newTestExtractor(t)
	score := func(wrap bool) (all, speech attreval.Metrics) {
		scored := make([]attreval.Article, 0, len(arts))
		for _, a := range arts {
			text := a.Text
			if wrap {
				text = wrapAt(text, 72)
			}
			cs, err := e.Extract(context.Background(), text)
			if err != nil {
				t.Fatal(err)
			}
			gold := make([]attreval.Relation, 0, len(a.Attributions))
			for _, g := range a.Attributions {
				gold = append(gold, attreval.Relation{Source: g.Source, Cue: g.Cue, Content: g.Content, CueText: g.CueText})
			}
			scored = append(scored, attreval.Article{Gold: gold, Pred: attreval.FromClaims(cs)})
		}
		return attreval.Score(scored, nil), attreval.Score(scored, verbs.IsSpeech)
	}
	flatAll, flatSpeech := score(false)
	wrapAll, wrapSpeech := score(true)
	t.Logf("as sent: all quote_f1_03=%.3f speech quote_f1_03=%.3f speaker_f1_03=%.3f", flatAll.QuoteF103, flatSpeech.QuoteF103, flatSpeech.SpeakerF1)
	t.Logf("wrapped: all quote_f1_03=%.3f speech quote_f1_03=%.3f speaker_f1_03=%.3f", wrapAll.QuoteF103, wrapSpeech.QuoteF103, wrapSpeech.SpeakerF1)
	for _, c := range []struct {
		name       string
		flat, wrap float64
	}{
		{"all quote_f1_03", flatAll.QuoteF103, wrapAll.QuoteF103},
		{"speech quote_f1_03", flatSpeech.QuoteF103, wrapSpeech.QuoteF103},
		{"speech speaker_f1_03", flatSpeech.SpeakerF1, wrapSpeech.SpeakerF1},
	} {
		if c.wrap < c.flat-0.02 {
			t.Errorf("%s wrapped %.3f, more than 0.02 below %.3f as sent", c.name, c.wrap, c.flat)
		}
	}
}

// TestAtLeastRunes checks atLeastRunes against counting the runes, on ASCII,
// two-, three- and four-byte runes and bad UTF-8, around the bounds softWrap asks.
func TestAtLeastRunes(t *testing.T) {
	units := []string{"a", "é", "—", "𝄞", "\xff", "\xe2\x80", " "}
	for _, u := range units {
		for _, v := range units {
			for k := 0; k <= 420; k++ {
				s := strings.Repeat(u, k/2) + strings.Repeat(v, k-k/2)
				for _, n := range []int{0, 1, minWrappedRunes, maxWrappedRunes + 1} {
					if got, want := atLeastRunes(s, n), utf8.RuneCountInString(s) >= n; got != want {
						t.Fatalf("atLeastRunes(%q, %d) = %v, want %v", s, n, got, want)
					}
				}
			}
		}
	}
}
