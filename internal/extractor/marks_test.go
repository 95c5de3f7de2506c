package extractor

import (
	"context"
	"testing"
	"unicode/utf8"
)

// TestMarkKinds checks the kind tokenize gives a mark standing alone (between
// spaces), for every ASCII mark (read from asciiMarkKind) and the non-ASCII
// marks (read by the general cases), against the kinds written out.
func TestMarkKinds(t *testing.T) {
	want := map[rune]tokKind{
		',': tComma, '.': tStop, '!': tStop, '?': tStop, '…': tStop, ':': tColon, ';': tSemi,
		'-': tDash, '—': tDash, '–': tDash, '(': tOpenParen, '[': tOpenParen, ')': tCloseParen, ']': tCloseParen,
		'“': tOpenQ, '„': tOpenQ, '«': tOpenQ, '”': tCloseQ, '»': tCloseQ,
	}
	sg := segmenter{lx: newTestExtractor(t).lx}
	check := func(r rune) {
		t.Helper()
		text := " " + string(r) + " "
		sg.toks, sg.keys, sg.quotes = sg.toks[:0], sg.keys[:0], sg.quotes[:0]
		sg.tokenize(context.Background(), text, Span{0, len(text)})
		k, ok := want[r]
		if !ok {
			k = tOther
		}
		if len(sg.toks) != 1 || sg.toks[0].kind != k || int(sg.toks[0].end-sg.toks[0].start) != utf8.RuneLen(r) {
			t.Errorf("%q: tokens %+v, want one of kind %d", r, sg.toks, k)
		}
	}
	n := 0
	for c := rune(0); c < utf8.RuneSelf; c++ {
		if asciiClass[c] == asciiMark {
			check(c)
			n++
		}
	}
	if n != 32-5-3 { // the ASCII punctuation and symbols but the word runes $ % & @ # and the quotes ' " `
		t.Errorf("%d ASCII marks, want 24", n)
	}
	for r := range want {
		if r >= utf8.RuneSelf {
			check(r)
		}
	}
	check('§')
}
