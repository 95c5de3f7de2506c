package scoring

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word, number or punctuation mark of a sentence, located by byte
// offsets so cue spans always slice the caller's text exactly.
type token struct {
	start, end int
	// lower is the lowercased surface form; for ASCII-lowercase words it shares the
	// input's memory, so tokenizing most English text allocates nothing per token.
	lower string
	// upper reports whether the token starts with an uppercase letter (names, months).
	upper bool
	// digit reports whether the token starts with a digit.
	digit bool
	// word reports whether the token is a word or number rather than punctuation.
	word bool
	// neg marks a negator ("not", "never", "n't"); set by cueFinder.find.
	neg bool
}

// maxTokens caps how many tokens of one sentence are scored: a "sentence" of
// megabytes is cruft, and a bound keeps the work linear and the memory small.
const maxTokens = 4096

// tokenize splits s into tokens. Words are runs of letters and digits joined by
// inner hyphens, apostrophes or periods ("so-called", "U.S.", "3.5"); a trailing
// "n't" becomes its own token so "couldn't" reads as "could" + "n't". Every other
// visible rune is a one-rune punctuation token; spaces, control characters and
// invalid UTF-8 bytes separate tokens and are never part of one.
func tokenize(s string, dst []token) []token {
	dst = dst[:0]
	i := 0
	for i < len(s) && len(dst) < maxTokens {
		c := s[i]
		if c < utf8.RuneSelf { // ASCII fast path
			switch {
			case isASCIIWord(c):
				j, ascii, upper := scanWord(s, i)
				dst = appendWord(dst, s, i, j, ascii, upper)
				i = j
			case c <= ' ' || c == 0x7f:
				i++
			default:
				dst = append(dst, token{start: i, end: i + 1, lower: s[i : i+1]})
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, unicode.IsSpace(r), unicode.IsControl(r):
			i += size
		case isWordRune(r):
			j, ascii, upper := scanWord(s, i)
			dst = appendWord(dst, s, i, j, ascii, upper)
			i = j
		default:
			dst = append(dst, token{start: i, end: i + size, lower: s[i : i+size]})
			i += size
		}
	}
	return dst
}

// scanWord returns the end of the word starting at i (s[i] begins a word rune)
// and whether the word is all ASCII and holds an ASCII uppercase letter.
func scanWord(s string, i int) (end int, ascii, upper bool) {
	ascii = true
	j := i
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			if isASCIIWord(c) {
				upper = upper || 'A' <= c && c <= 'Z'
				j++
				continue
			}
			if (c == '-' || c == '\'' || c == '.') && j > i && j+1 < len(s) && startsWord(s[j+1:]) {
				j++
				continue
			}
			return j, ascii, upper
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		switch {
		case r == utf8.RuneError && n == 1:
			return j, ascii, upper
		case isWordRune(r):
			ascii = false
			j += n
		case r == '’' && j > i && j+n < len(s) && startsWord(s[j+n:]):
			ascii = false
			j += n
		default:
			return j, ascii, upper
		}
	}
	return j, ascii, upper
}

// startsWord reports whether s begins with a word rune.
func startsWord(s string) bool {
	if s[0] < utf8.RuneSelf {
		return isASCIIWord(s[0])
	}
	r, n := utf8.DecodeRuneInString(s)
	return !(r == utf8.RuneError && n == 1) && isWordRune(r)
}

// appendWord appends s[i:j] as a word token, splitting a final "n't" off.
func appendWord(dst []token, s string, i, j int, ascii, upper bool) []token {
	if last := s[j-1]; j-i > 3 && (last == 't' || last == 'T') {
		w := s[i:j]
		k := -1
		if strings.EqualFold(w[len(w)-3:], "n't") {
			k = len(w) - 3
		} else if len(w) > 5 && (strings.HasSuffix(w, "n’t") || strings.HasSuffix(w, "N’T")) {
			k = len(w) - 5
		}
		if k > 0 {
			base := wordToken(s, i, i+k, ascii, upper)
			switch base.lower { // "can't", "won't", "shan't" keep their verb's form
			case "ca":
				base.lower = "can"
			case "wo":
				base.lower = "will"
			case "sha":
				base.lower = "shall"
			}
			neg := wordToken(s, i+k, j, ascii, upper)
			neg.lower = "n't"
			return append(dst, base, neg)
		}
	}
	return append(dst, wordToken(s, i, j, ascii, upper))
}

// wordToken builds the token for the word s[i:j]; ascii and upper describe the
// whole word (from scanWord) so the common all-lowercase ASCII word needs no copy.
func wordToken(s string, i, j int, ascii, upper bool) token {
	w := s[i:j]
	t := token{start: i, end: j, lower: w, word: true}
	c := w[0]
	t.digit = '0' <= c && c <= '9'
	switch {
	case ascii:
		t.upper = 'A' <= c && c <= 'Z'
		if upper {
			t.lower = strings.ToLower(w)
		}
	default:
		first, _ := utf8.DecodeRuneInString(w)
		t.upper = unicode.IsUpper(first)
		t.lower = strings.ReplaceAll(strings.ToLower(w), "’", "'")
	}
	return t
}

// isASCIIWord reports whether the ASCII byte c is a letter or digit.
func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isWordRune reports whether r can be part of a word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
