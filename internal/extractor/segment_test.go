package extractor

import (
	"context"
	"testing"
)

// sentencesOf runs cleaning and segmentation and returns the sentences as text.
func sentencesOf(t *testing.T, e *Extractor, text string) []string {
	t.Helper()
	sg := segmenter{lx: e.lx}
	var out []string
	for bi, b := range mustClean(t, e, text) {
		sg.toks, sg.quotes = sg.toks[:0], sg.quotes[:0]
		bt := sg.tokenize(context.Background(), text, b.span)
		for _, s := range sg.sentences(text, bt, bi, nil) {
			out = append(out, text[sg.toks[s.t0].start:sg.toks[s.t1-1].end])
		}
	}
	return out
}

// TestSentences covers abbreviations, quotations spanning sentences, headlines on
// their own lines and sentence ends inside quotations.
func TestSentences(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"abbreviations", "Mr. Smith met Sen. Jones in the U.S. capital. They talked.",
			[]string{"Mr. Smith met Sen. Jones in the U.S. capital.", "They talked."}},
		{"U.S. at sentence end", "He works with the U.S. The ambassador agreed.",
			[]string{"He works with the U.S.", "The ambassador agreed."}},
		{"initials", "John F. Kennedy spoke. Then he left.",
			[]string{"John F. Kennedy spoke.", "Then he left."}},
		{"quotation spanning sentences", "“We will talk. We will listen,” he said. Then he left.",
			[]string{"“We will talk. We will listen,” he said.", "Then he left."}},
		{"question inside quotation before its cue", "“Is it over? OK?” Trump said. Yes.",
			[]string{"“Is it over? OK?” Trump said.", "Yes."}},
		{"straight quotes", `"It is late. Go home," she said. He went.`,
			[]string{`"It is late. Go home," she said.`, "He went."}},
		{"headline on its own line", "Talks Resume in Geneva\nThe two sides met on Monday.",
			[]string{"Talks Resume in Geneva", "The two sides met on Monday."}},
		{"lower-case continuation is not a new sentence", "The U.S. officials said no.",
			[]string{"The U.S. officials said no."}},
		{"unclosed quotation still splits", "“It is late. Go home. He went",
			[]string{"“It is late.", "Go home.", "He went"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := sentencesOf(t, e, tc.text)
			if len(got) != len(tc.want) {
				t.Fatalf("sentences = %q, want %q", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("sentence %d = %q, want %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// TestQuotes checks quotation pairing: curly, straight, doubled apostrophes,
// nested single quotes, unbalanced marks.
func TestQuotes(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		name     string
		text     string
		inside   []string // words that must be inside a quotation
		outside  []string // words that must not
		unclosed bool     // whether some quotation stays open at the block's end
	}{
		{"curly", "He said “yes and no” today.", []string{"yes", "no"}, []string{"He", "today"}, false},
		{"straight", `He said "yes and no" today.`, []string{"yes", "no"}, []string{"He", "today"}, false},
		{"doubled apostrophes", "He said ''yes and no'' today.", []string{"yes", "no"}, []string{"today"}, false},
		{"nested single", "“I said ‘never’ then,” he said.", []string{"never", "then"}, []string{"he"}, false},
		{"unbalanced open", "“This goes on to the end", []string{"goes", "end"}, nil, true},
		{"only quotes", `"""" “”`, nil, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sg := segmenter{lx: e.lx}
			bt := sg.tokenize(context.Background(), tc.text, Span{0, len(tc.text)})
			in := map[string]bool{}
			for _, tk := range sg.toks[bt.t0:bt.t1] {
				if tk.kind == tWord {
					in[tc.text[tk.start:tk.end]] = tk.flags&(fInQ|fInOpenQ) != 0
				}
			}
			for _, w := range tc.inside {
				if !in[w] {
					t.Errorf("%q should be inside a quotation", w)
				}
			}
			for _, w := range tc.outside {
				if in[w] {
					t.Errorf("%q should be outside quotations", w)
				}
			}
			open := false
			for _, q := range sg.quotes[bt.q0:bt.q1] {
				open = open || q.close < 0
			}
			if open != tc.unclosed {
				t.Errorf("unclosed = %v, want %v", open, tc.unclosed)
			}
		})
	}
}
