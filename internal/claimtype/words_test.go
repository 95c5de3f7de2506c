package claimtype

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/claimsvc/claimsvc/internal/tokens"
)

// wordsOfRef is the straightforward reading of a claim's words that wordsOf
// must equal: letters and digits, inner and trailing apostrophes and hyphens,
// each word lowercased with the curly apostrophe folded.
func (t *Typer) wordsOfRef(text string) []word {
	var out []word
	start := -1
	flush := func(end int) {
		if start >= 0 {
			w := text[start:end]
			r, _ := utf8.DecodeRuneInString(w)
			w = strings.ReplaceAll(w, "’", "'")
			low := strings.ToLower(w)
			out = append(out, word{low: low, cap: unicode.IsUpper(r), mask: t.words[low]})
			start = -1
		}
	}
	for i, r := range text {
		if len(out) >= maxWords {
			return out
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || (start >= 0 && (r == '\'' || r == '’' || r == '-')) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
	return out
}

// TestWordsOfMatchesReference compares wordsOf with wordsOfRef on written
// sentences and on random mixes of ASCII, curly apostrophes, accented and
// invalid bytes.
func TestWordsOfMatchesReference(t *testing.T) {
	ty, err := New()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"", "The harbour bridge closed to traffic on Monday", "It’s the students' union’s – ÉTÉ café", "NATO and the U.S. won't",
		"don’t-stop ’quoted’ -lead trail- x\xffy İstanbul ǅemal 3.5% 1,200", strings.Repeat("Word ", 100),
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "B", "z", "Q", "7", " ", "'", "’", "-", ".", "é", "É", "İ", "\xff", "\t", "ß", "ǅ", "\u0301", "—", ":"}
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := r.IntN(40); k > 0; k-- {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	var dst []word
	var buf []byte
	for _, s := range texts {
		want := ty.wordsOfRef(s)
		dst, buf = ty.wordsOf(s, dst, buf)
		if len(dst) != len(want) {
			t.Fatalf("wordsOf(%q): %d words, want %d", s, len(dst), len(want))
		}
		for k := range want {
			g, w := dst[k], want[k]
			if g.low != w.low || g.cap != w.cap || g.mask != w.mask {
				t.Fatalf("wordsOf(%q)[%d] = %+v, want %+v", s, k, g, w)
			}
		}
	}
}

// TestClassifyTokensMatchesClassify checks that reading the words off the
// shared tokens gives Classify's words, or declines.
func TestClassifyTokensMatchesClassify(t *testing.T) {
	ty, err := New()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(5, 6))
	alphabet := []string{"a", "B", "z", "Q", "7", " ", " ", "'", "’", "-", ".", ",", "é", "\xff", "\t", "can't", "Don't", "U.S.", "students'", "well--known", "is", "the", "said", "will", "May", "has", "been", "that", "to", ":", "Moscow’s", "it’s", "3.5", "U.S", "a.b.c", "X.y’s", "’s", "n’t", "DON’T"}
	declined := 0
	all := ty.WordMasks()
	var bufs Buffers // reused across the texts, as a caller's scratch does
	for n := 0; n < 30000; n++ {
		var b strings.Builder
		pieces := 60
		if n%10 == 0 {
			pieces = 400 // past maxWords
		}
		for k := r.IntN(pieces); k > 0; k-- {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		s := b.String()
		off := r.IntN(50)
		toks := tokens.Append(nil, s, 0)
		for k := range toks {
			toks[k].Start += off
			toks[k].End += off
		}
		want := ty.wordsOfRef(s)
		got, ok := ty.wordsOfTokens(s, toks, nil, off, nil)
		if !ok {
			declined++
		} else {
			if len(got) != len(want) {
				t.Fatalf("wordsOfTokens(%q): %d words, want %d", s, len(got), len(want))
			}
			for k := range want {
				if got[k].low != want[k].low || got[k].cap != want[k].cap || got[k].mask != want[k].mask {
					t.Fatalf("wordsOfTokens(%q)[%d] = %+v, want %+v", s, k, got[k], want[k])
				}
			}
		}
		w := ty.Classify(s, "said")
		if g := ty.ClassifyTokens(s, toks, nil, off, "said"); g != w {
			t.Fatalf("ClassifyTokens(%q) = %v, Classify %v", s, g, w)
		}
		masks := make([]uint32, len(toks))
		for k, tk := range toks {
			masks[k] = all[tk.Lower]
		}
		if g := ty.ClassifyTokens(s, toks, masks, off, "said"); g != w {
			t.Fatalf("ClassifyTokens(%q) with WordMasks = %v, Classify %v", s, g, w)
		}
		if g := ty.ClassifyTokensWith(&bufs, s, toks, masks, off, "said"); g != w {
			t.Fatalf("ClassifyTokensWith(%q) = %v, Classify %v", s, g, w)
		}
		if got, ok := ty.wordsOfTokens(s, toks, masks, off, nil); ok { // the plainWords path
			if len(got) != len(want) {
				t.Fatalf("wordsOfTokens(%q) with masks: %d words, want %d", s, len(got), len(want))
			}
			for k := range want {
				if got[k].low != want[k].low || got[k].cap != want[k].cap || got[k].mask != want[k].mask {
					t.Fatalf("wordsOfTokens(%q) with masks [%d] = %+v, want %+v", s, k, got[k], want[k])
				}
			}
		}
	}
	if declined > 29000 {
		t.Errorf("declined %d of 30000: the fast path is never taken", declined)
	}
}

// TestWordsOfTokensDottedAndCurly checks that words with inner periods or
// curly apostrophes are read off the tokens (no fallback) as wordsOf reads them.
func TestWordsOfTokensDottedAndCurly(t *testing.T) {
	ty, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"Moscow’s envoy said the U.S would cut 3.5 percent",
		"It’s the U.N. Security Council’s vote, Ryabkov’s aide said",
		"A.B.C and x.y.z and 1.200.300 people",
		"West’s “view” is e.g. odd", // double quotes around a word are punctuation for both
	} {
		toks := tokens.Append(nil, s, 0)
		got, ok := ty.wordsOfTokens(s, toks, nil, 0, nil)
		if !ok {
			t.Errorf("wordsOfTokens(%q) declined", s)
			continue
		}
		want := ty.wordsOfRef(s)
		if len(got) != len(want) {
			t.Fatalf("wordsOfTokens(%q): %d words, want %d", s, len(got), len(want))
		}
		for k := range want {
			if got[k].low != want[k].low || got[k].cap != want[k].cap || got[k].mask != want[k].mask {
				t.Errorf("wordsOfTokens(%q)[%d] = %+v, want %+v", s, k, got[k], want[k])
			}
		}
	}
}

// TestClassifyTokensOutsideText checks that tokens reaching past either end
// of the text (offsets that do not fit it) are not read as its words: the
// words' fast path checks only the first and the last token's bounds, and
// ClassifyTokens must still give Classify's type.
func TestClassifyTokensOutsideText(t *testing.T) {
	ty, err := New()
	if err != nil {
		t.Fatal(err)
	}
	all := ty.WordMasks()
	for _, tc := range []struct {
		name        string
		text, toked string // the claim, and the text its tokens are of
		shift       int    // added to every token's offsets
	}{
		{"fits", "the talks will resume", "the talks will resume", 0},
		{"first starts before", "talks will resume", "the talks will resume", -4},
		{"last ends after", "the talks will", "the talks will resume", 0},
		{"both", "talks will", "the talks will resume", -4},
	} {
		toks := tokens.Append(nil, tc.toked, 0)
		masks := make([]uint32, len(toks))
		for k := range toks {
			toks[k].Start += tc.shift
			toks[k].End += tc.shift
			masks[k] = all[toks[k].Lower]
		}
		want := ty.Classify(tc.text, "said")
		if got := ty.ClassifyTokens(tc.text, toks, masks, 0, "said"); got != want {
			t.Errorf("%s: ClassifyTokens = %v, Classify %v", tc.name, got, want)
		}
		fast := len(toks) > 0 && toks[0].Start >= 0 && toks[len(toks)-1].End <= len(tc.text)
		if _, ok := ty.wordsOfTokens(tc.text, toks, masks, 0, nil); ok != fast {
			t.Errorf("%s: wordsOfTokens ok = %v, want %v", tc.name, ok, fast)
		}
	}
}
