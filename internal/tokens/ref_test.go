package tokens

import (
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestAppendMatchesReference checks Append and Lowerer.Append (its tokens
// checked again after all the later texts) token for token against the
// tokeniser as it was before its scanning was tuned (refAppend below, kept
// verbatim), on random texts built of the pieces that exercise every branch.
func TestAppendMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var shared Lowerer // one Lowerer for every text, as a scorer uses it
	type keptText struct {
		s     string
		limit int
		toks  []Token
	}
	var kept []keptText // tokens of earlier texts, whose Lower must stay valid
	parts := []string{"NATO", "The", "the", "can't", "WON'T", "Don’t", "isn’T", "U.S", "x", "É", "é", "İstanbul", " ", ", ", "3.5", "—", "Ab-Cd", "\n", "'", "-", ".", "’", "\xff", "\t", "a", "Z", "9", "K", "ﬁ", "\u0301", "so-called", "Shan't", "ca", "n't", "students'", "%", "$", "\x7f", "MiXeD", "ALLCAPSWORDTHATISLONG"}
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := r.IntN(80); k > 0; k-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		limit := 0
		if n%7 == 0 {
			limit = r.IntN(20)
		}
		want := refPlain(s, refAppend(nil, s, limit))
		for _, got := range [][]Token{Append(nil, s, limit), shared.Append(nil, s, limit)} {
			if len(got) != len(want) {
				t.Fatalf("Append(%q): %d tokens, want %d", s, len(got), len(want))
			}
			for k := range want {
				if got[k] != want[k] {
					t.Fatalf("Append(%q)[%d] = %+v, want %+v", s, k, got[k], want[k])
				}
			}
		}
		kept = append(kept, keptText{s, limit, shared.Append(nil, s, limit)})
	}
	for _, k := range kept {
		want := refPlain(k.s, refAppend(nil, k.s, k.limit))
		for i := range want {
			if k.toks[i] != want[i] {
				t.Fatalf("Lowerer.Append(%q)[%d] = %+v later, want %+v", k.s, i, k.toks[i], want[i])
			}
		}
	}
}

// refPlain sets Token.Plain and Token.Hash of the reference tokens of s by
// their definitions: a word whose text is ASCII alone with no period; FNV-1a
// of Lower (hash/fnv).
func refPlain(s string, toks []Token) []Token {
	for k := range toks {
		w := s[toks[k].Start:toks[k].End]
		ascii := true
		for i := 0; i < len(w); i++ {
			ascii = ascii && w[i] < utf8.RuneSelf
		}
		toks[k].Plain = toks[k].Word && ascii && !strings.Contains(w, ".")
		f := fnv.New64a()
		f.Write([]byte(toks[k].Lower))
		toks[k].Hash = f.Sum64()
	}
	return toks
}

func refAppend(dst []Token, s string, limit int) []Token {
	base := len(dst)
	var lw refLowerer
	i := 0
	for i < len(s) && (limit <= 0 || len(dst)-base < limit) {
		c := s[i]
		if c < utf8.RuneSelf { // ASCII fast path
			switch {
			case refIsASCIIWord(c):
				j, ascii, upper := refScanWord(s, i)
				dst = refAppendWord(dst, &lw, s, i, j, ascii, upper)
				i = j
			case c <= ' ' || c == 0x7f:
				i++
			default:
				dst = append(dst, Token{Start: i, End: i + 1, Lower: s[i : i+1]})
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, unicode.IsSpace(r), unicode.IsControl(r):
			i += size
		case refIsWordRune(r):
			j, ascii, upper := refScanWord(s, i)
			dst = refAppendWord(dst, &lw, s, i, j, ascii, upper)
			i = j
		default:
			dst = append(dst, Token{Start: i, End: i + size, Lower: s[i : i+size]})
			i += size
		}
	}
	return dst
}

func refScanWord(s string, i int) (end int, ascii, upper bool) {
	ascii = true
	j := i
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			if refIsASCIIWord(c) {
				upper = upper || 'A' <= c && c <= 'Z'
				j++
				continue
			}
			if (c == '-' || c == '\'' || c == '.') && j > i && j+1 < len(s) && refStartsWord(s[j+1:]) {
				j++
				continue
			}
			return j, ascii, upper
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		switch {
		case r == utf8.RuneError && n == 1:
			return j, ascii, upper
		case refIsWordRune(r):
			ascii = false
			j += n
		case r == '’' && j > i && j+n < len(s) && refStartsWord(s[j+n:]):
			ascii = false
			j += n
		default:
			return j, ascii, upper
		}
	}
	return j, ascii, upper
}

func refStartsWord(s string) bool {
	if s[0] < utf8.RuneSelf {
		return refIsASCIIWord(s[0])
	}
	r, n := utf8.DecodeRuneInString(s)
	return !(r == utf8.RuneError && n == 1) && refIsWordRune(r)
}

func refAppendWord(dst []Token, lw *refLowerer, s string, i, j int, ascii, upper bool) []Token {
	if last := s[j-1]; j-i > 3 && (last == 't' || last == 'T') {
		w := s[i:j]
		k := -1
		if strings.EqualFold(w[len(w)-3:], "n't") {
			k = len(w) - 3
		} else if len(w) > 5 && (strings.HasSuffix(w, "n’t") || strings.HasSuffix(w, "N’T")) {
			k = len(w) - 5
		}
		if k > 0 {
			base := refWordToken(lw, s, i, i+k, ascii, upper)
			switch base.Lower { // "can't", "won't", "shan't" keep their verb's form
			case "ca":
				base.Lower = "can"
			case "wo":
				base.Lower = "will"
			case "sha":
				base.Lower = "shall"
			}
			neg := refWordToken(lw, s, i+k, j, ascii, upper)
			neg.Lower = "n't"
			return append(dst, base, neg)
		}
	}
	if ascii && !upper { // the common case, built in place
		c := s[i]
		return append(dst, Token{Start: i, End: j, Lower: s[i:j], Digit: '0' <= c && c <= '9', Word: true})
	}
	return append(dst, refWordToken(lw, s, i, j, ascii, upper))
}

func refWordToken(lw *refLowerer, s string, i, j int, ascii, upper bool) Token {
	w := s[i:j]
	t := Token{Start: i, End: j, Lower: w, Word: true}
	c := w[0]
	t.Digit = '0' <= c && c <= '9'
	switch {
	case ascii:
		t.Upper = 'A' <= c && c <= 'Z'
		if upper {
			t.Lower = lw.lower(s, i, j)
		}
	default:
		first, _ := utf8.DecodeRuneInString(w)
		t.Upper = unicode.IsUpper(first)
		t.Lower = strings.ReplaceAll(strings.ToLower(w), "’", "'")
	}
	return t
}

func refIsASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func refIsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

const refLowerChunk = 256

type refLowerer struct {
	b strings.Builder
}

func (lw *refLowerer) lower(s string, i, j int) string {
	if lw.b.Cap()-lw.b.Len() < j-i {
		lw.b = strings.Builder{}
		lw.b.Grow(max(j-i, min(len(s)-i, refLowerChunk)))
	}
	from := lw.b.Len()
	for k := i; k < j; k++ {
		c := s[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lw.b.WriteByte(c)
	}
	return lw.b.String()[from:]
}
