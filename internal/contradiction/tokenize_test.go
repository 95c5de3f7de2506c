package contradiction

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/claimsvc/claimsvc/internal/dataset"
)

// TestTokensMatchReference checks appendTokens (one lowerer for all texts)
// and tokenize against the tokeniser as it was (decoding every rune, each
// capitalised word lowered by strings.ToLower), on tricky strings and every
// seed sentence, and that no text's tokens change as later ones are read.
func TestTokensMatchReference(t *testing.T) {
	texts := []string{
		"", "A", "a", "US", "The US and the U.S. said NO.", "Don't CAN'T won't Cannot.",
		"Russia’s envoy, Sergei Ryabkov, said 1,000 troops (3.5%) left at 9:30.",
		"İstanbul and ÉCOLE Straße naïve Ωmega", "MIXED case WoRdS-with-HYPHENS e.g. A.B.C.",
		"a\xffb \xc2 Zürich’s \u00a0 Δ", "NATO's chief; EU [sic] {x} ? !",
		"Russia's O'Neil's 'tis rock'n'roll DON'T Can't SHAN'T it's' x'' ''y US's",
		"Zürich's naïve’s CAFÉ’S Ryabkov’s won’t",
		"ab-c ab'c abC ab1 abé ab’s ab.c ab,c ab:c ab;c ab(c ab\"c ab. cannot, cannot- xy",
		"rock'n'don't students'2 x1'ab 9's A1's ab-cd'ef ab.cd'e 3:30's U.S.'s café's \u212aelvin's \u212aELVIN AB'CD 1990s'",
	}
	texts = append(texts, strings.Repeat("Ab", 1500)+" Cd", strings.Repeat("Word ", 600)) // longer than a lowerer chunk
	if seeds, err := dataset.ReadSeeds(); err == nil {
		for _, sd := range seeds {
			texts = append(texts, sentences(sd.Text)...)
			texts = append(texts, sd.Text[:min(len(sd.Text), 3000)])
		}
	}
	var buf []token
	var lw lowerer
	var kept [][]token // earlier texts' tokens: a lowerer never overwrites what it gave
	for _, text := range texts {
		buf = appendTokens(buf, text, &lw)
		for i, tk := range buf {
			if !tk.boundary && tk.plain != isASCIIWord(tk.low) {
				t.Errorf("%.60q: token %d %q: plain %v, want %v", text, i, tk.low, tk.plain, !tk.plain)
			}
			if tk.hyphen != strings.Contains(tk.low, "-") {
				t.Errorf("%.60q: token %d %q: hyphen %v, want %v", text, i, tk.low, tk.hyphen, !tk.hyphen)
			}
			buf[i].plain, buf[i].hyphen = false, false // the reference has neither
		}
		want := refAppendTokens(nil, text)
		if !slices.Equal(buf, want) {
			t.Errorf("appendTokens(%.60q):\n got %v\nwant %v", text, buf, want)
		}
		got := tokenize(text)
		for i := range got {
			got[i].plain, got[i].hyphen = false, false
		}
		if !slices.Equal(got, want) {
			t.Errorf("tokenize(%.60q):\n got %v\nwant %v", text, got, want)
		}
		kept = append(kept, slices.Clone(buf))
	}
	for i, text := range texts {
		if want := refAppendTokens(nil, text); !slices.Equal(kept[i], want) {
			t.Errorf("tokens of %.60q changed after later texts were tokenised", text)
		}
	}
}

// TestLowerWordAgreesWithScanWord checks lowerWord, appendTokens' shortcut
// for lower-case words, against scanWord on random texts of letters, digits,
// joiners and other marks: every word it takes, scanWord ends at the same
// byte and finds lower-case ASCII letters alone.
func TestLowerWordAgreesWithScanWord(t *testing.T) {
	parts := []string{"a", "b", "z", "A", "Q", "0", "7", "'", "’", "-", ".", ",", ":", ";", " ", "é", "\xff", "(", "\"", "_"}
	r := rand.New(rand.NewPCG(5, 6))
	taken := 0
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(8) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		text := b.String()
		for i := range len(text) {
			j, ok := lowerWord(text, i)
			if !ok {
				continue
			}
			taken++
			want := wordInfo{ascii: true, plain: true, apos: -1}
			if sj, wi := scanWord(text, i, 1); sj != j || wi != want {
				t.Fatalf("lowerWord(%q, %d) = %d; scanWord ends it at %d with %+v", text, i, j, sj, wi)
			}
		}
	}
	if taken == 0 {
		t.Fatal("lowerWord took no word")
	}
}

// TestIsBoundaryMark checks isBoundaryMark against the marks it lists.
func TestIsBoundaryMark(t *testing.T) {
	for r := rune(0); r < 0x3100; r++ {
		if got, want := isBoundaryMark(r), strings.ContainsRune(";.!?()[]{}", r); got != want {
			t.Errorf("isBoundaryMark(%q) = %v, want %v", r, got, want)
		}
	}
}

// TestASCIIAlnum checks asciiAlnum against the unicode classes it stands for.
func TestASCIIAlnum(t *testing.T) {
	for c := range byte(utf8.RuneSelf) {
		if got, want := asciiAlnum(c), unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c)); got != want {
			t.Errorf("asciiAlnum(%q) = %v, want %v", c, got, want)
		}
	}
}

// TestMatchTokensMatchesMatchFrom checks matchTokens against matchFrom over
// the tokens' lower-case forms, for every alias, exception and temporal phrase
// set at every position of a few statements.
func TestMatchTokensMatchesMatchFrom(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"The United States and the European Union said on Monday that talks will resume next week.",
		"Not only did the White House deny it, it said so as soon as possible; in the long run, no.",
		"United States", "states united", "",
	}
	for _, text := range texts {
		toks := tokenize(text)
		lows := make([]string, len(toks))
		for i, tk := range toks {
			lows[i] = tk.low
		}
		for i := range toks {
			for _, ps := range []phrases{lx.aliases, lx.exceptions, lx.temporal} {
				cands := ps.byFirst[toks[i].low]
				gv, gn := matchTokens(cands, toks, i)
				wv, wn := matchFrom(cands, lows, i)
				if gv != wv || gn != wn {
					t.Errorf("%q at %d: matchTokens = %q %d, matchFrom = %q %d", text, i, gv, gn, wv, wn)
				}
			}
		}
	}
}

// TestMatchStemsMatchesMatchFrom checks matchStems against matchFrom over the
// tokens' stems, for the change phrases at every position of statements made
// of every change phrase, inflected and not.
func TestMatchStemsMatchesMatchFrom(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"They studies cried stopped it.", "", "Prices went up. Ties were cut off; it ended."}
	for _, ps := range lx.change.byFirst {
		for _, ph := range ps {
			texts = append(texts, "They "+ph.value+" it.", ph.value+"s "+ph.value+"ed, "+ph.value+"ies. "+ph.value)
		}
	}
	for _, text := range texts {
		toks := tokenize(text)
		stems := make([]string, len(toks))
		wfs := make([]int32, len(toks))
		for i, tk := range toks {
			stems[i] = stem(tk.low, lx.irregular)
			wfs[i] = lx.facts.find(tk.low)
		}
		for i := range toks {
			cands := lx.change.byFirst[stems[i]]
			gv, gn := lx.matchStems(cands, toks, wfs, i)
			wv, wn := matchFrom(cands, stems, i)
			if gv != wv || gn != wn {
				t.Errorf("%q at %d: matchStems = %q %d, matchFrom = %q %d", text, i, gv, gn, wv, wn)
			}
		}
	}
}

// matchFrom (the reference for matchTokens and matchStems) returns the longest of the phrases cands (those starting with
// words[i]) that words holds from i on, and its length in words; 0 when none.
func matchFrom(cands []phrase, words []string, i int) (string, int) {
	best, bestLen := "", 0
	for _, ph := range cands {
		if len(ph.words) <= bestLen || i+len(ph.words) > len(words) {
			continue
		}
		ok := true
		for k := 1; k < len(ph.words); k++ {
			if words[i+k] != ph.words[k] {
				ok = false
				break
			}
		}
		if ok {
			best, bestLen = ph.value, len(ph.words)
		}
	}
	return best, bestLen
}

// refAppendTokens is appendTokens as it was before its ASCII fast path (the
// reference TestTokensMatchReference checks against): tokenize appending to dst (a reused buffer) with room made for
// the usual word density up front.
func refAppendTokens(dst []token, text string) []token {
	out := slices.Grow(dst[:0], min(maxTokens, len(text)/4+2))
	i := 0
	for i < len(text) && len(out) < maxTokens {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			i++
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					j += s2
					continue
				}
				if r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '.' || r2 == ',' || r2 == ':' {
					next, _ := utf8.DecodeRuneInString(text[j+s2:])
					joinable := unicode.IsLetter(next) || unicode.IsDigit(next)
					if (r2 == '.' || r2 == ',' || r2 == ':') && joinable {
						// dots join abbreviations and decimals, commas only digit groups,
						// colons only clock times ("9:30" is one time, not 9 and 30)
						prev, _ := utf8.DecodeLastRuneInString(text[:j])
						joinable = (r2 == '.' && (unicode.IsDigit(prev) && unicode.IsDigit(next) || unicode.IsUpper(prev) && unicode.IsUpper(next) && j-i <= 3)) ||
							((r2 == ',' || r2 == ':') && unicode.IsDigit(prev) && unicode.IsDigit(next))
					}
					if joinable {
						j += s2
						continue
					}
				}
				break
			}
			// a trailing dot after a one-letter capital ("U.S.") belongs to the word
			if j < len(text) && text[j] == '.' && strings.Contains(text[i:j], ".") {
				j++
			}
			out = refAppendWord(out, text[i:j], int32(i))
			i = j
		default:
			if r == ',' && len(out) > 0 {
				out[len(out)-1].comma = true
			}
			if strings.ContainsRune(";.!?()[]{}", r) {
				if len(out) > 0 && !out[len(out)-1].boundary {
					out = append(out, token{boundary: true, start: int32(i), end: int32(i + size)})
				}
			}
			i += size
		}
	}
	return out
}

// refAppendWord is appendWord as it was: it adds one word, splitting the "n't" contraction and "cannot".
func refAppendWord(out []token, w string, at int32) []token {
	end := at + int32(len(w))
	r, _ := utf8.DecodeRuneInString(w)
	capital := unicode.IsUpper(r)
	low := w
	if strings.IndexByte(w, 0xe2) >= 0 { // only then can it hold the curly apostrophe (e2 80 99)
		low = strings.ReplaceAll(w, "’", "'")
	}
	low = strings.ToLower(low)
	if low == "cannot" {
		return append(out, token{low: "can", cap: capital, start: at, end: end}, token{low: "not", start: at, end: end})
	}
	if strings.HasSuffix(low, "n't") && len(low) > 3 {
		base := low[:len(low)-3]
		switch base {
		case "ca":
			base = "can"
		case "wo":
			base = "will"
		case "sha":
			base = "shall"
		}
		return append(out, token{low: base, cap: capital, start: at, end: end}, token{low: "not", start: at, end: end})
	}
	if i := strings.IndexByte(low, '\''); i > 0 {
		low = low[:i] // possessive or clitic: "russia's" → "russia"
	}
	if low == "us" && w == "US" {
		low = "u.s." // the country, not the pronoun
	}
	return append(out, token{low: low, cap: capital, start: at, end: end})
}

// TestLowererJoin checks lowerer.join against strings.Join of the tokens'
// lower-case forms, lowerer.prefixed and withY against concatenation, across full
// buffers, and that no string they gave changes.
func TestLowererJoin(t *testing.T) {
	var lw lowerer
	var got, want []string
	for i := range 400 {
		toks := tokenize(strings.Repeat("United States of America ", 1+i%5))
		if i%7 == 0 {
			toks = toks[:1]
		}
		lows := make([]string, len(toks))
		for k, tk := range toks {
			lows[k] = tk.low
		}
		got = append(got, lw.join(toks))
		want = append(want, strings.Join(lows, " "))
	}
	if !slices.Equal(got, want) {
		t.Errorf("lowerer.join differs from strings.Join")
	}
	got, want = got[:0], want[:0]
	for i := range 1000 {
		s := strings.Repeat("2024", i%3)
		got = append(got, lw.prefixed('y', s), lw.withY(s))
		want = append(want, "y"+s, s+"y")
	}
	if !slices.Equal(got, want) {
		t.Errorf("lowerer.prefixed or withY differs from concatenation")
	}
}
