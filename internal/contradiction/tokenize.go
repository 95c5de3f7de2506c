package contradiction

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTokens bounds how much of one statement is analysed. Claims are sentences; a
// megabyte pasted as one "claim" is cut here so a pair comparison stays cheap.
const maxTokens = 200

// token is one word or clause-boundary mark of a statement.
type token struct {
	low      string // lower-case form ("n't" split off as "not")
	cap      bool   // written with an initial capital
	boundary bool   // punctuation that ends a clause (; . ! ? and brackets; commas do not)
	comma    bool   // the word is followed by a comma
	// start, end are the word's byte offsets in the statement ("n't" split off as
	// "not" shares the word's offsets); a boundary has the offsets of its mark.
	start, end int32
}

// tokenize splits text into words and clause boundaries. Words keep internal
// apostrophes, hyphens, and dots or commas between digits or letters ("U.S.",
// "1,000", "3.5"); "don't" becomes "do" + "not". Invalid UTF-8 is skipped.
func tokenize(text string) []token { return appendTokens(nil, text, nil) }

// appendTokens is tokenize appending to dst (a reused buffer) with room made for
// the usual word density up front, lowering capitalised ASCII words into lw's
// shared buffer (nil: each with strings.ToLower).
func appendTokens(dst []token, text string, lw *lowerer) []token {
	out := slices.Grow(dst[:0], min(maxTokens, len(text)/4+2))
	i := 0
	for i < len(text) && len(out) < maxTokens {
		if text[i] == ' ' {
			i++ // the commonest byte between words: no rune to decode or classify
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			i++
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + size
			for j < len(text) {
				if c := text[j]; c < utf8.RuneSelf && asciiAlnum(c) {
					j++ // the common case, without decoding a rune
					continue
				}
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
			out = appendWord(out, text[i:j], int32(i), lw)
			i = j
		default:
			if r == ',' && len(out) > 0 {
				out[len(out)-1].comma = true
			}
			if isBoundaryMark(r) {
				if len(out) > 0 && !out[len(out)-1].boundary {
					out = append(out, token{boundary: true, start: int32(i), end: int32(i + size)})
				}
			}
			i += size
		}
	}
	return out
}

// appendWord adds one word, splitting the "n't" contraction and "cannot".
func appendWord(out []token, w string, at int32, lw *lowerer) []token {
	end := at + int32(len(w))
	r, _ := utf8.DecodeRuneInString(w)
	capital := unicode.IsUpper(r)
	// One pass over an ASCII word finds what the general path would look for:
	// capitals (else it is its own lower-case form) and its first apostrophe.
	low, apos := w, -1
	upper, ascii := false, true
	for k := 0; k < len(w); k++ {
		c := w[k]
		switch {
		case c >= utf8.RuneSelf:
			ascii = false
		case 'A' <= c && c <= 'Z':
			upper = true
		case c == '\'' && apos < 0:
			apos = k
		}
	}
	switch {
	case !ascii:
		if strings.IndexByte(w, 0xe2) >= 0 { // only then can it hold the curly apostrophe (e2 80 99)
			low = strings.ReplaceAll(w, "’", "'")
		}
		low = strings.ToLower(low)
		apos = strings.IndexByte(low, '\'')
	case upper && lw != nil:
		low = lw.lower(w) // ASCII case mapping keeps every byte in place
	case upper:
		low = strings.ToLower(w)
	}
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
	if apos > 0 {
		low = low[:apos] // possessive or clitic: "russia's" → "russia"
	}
	if low == "us" && w == "US" {
		low = "u.s." // the country, not the pronoun
	}
	return append(out, token{low: low, cap: capital, start: at, end: end})
}

// lowerer keeps the lowered copies of capitalised ASCII words of the claims
// one analyzeScratch reads, one after another, in one shared buffer, so they
// need no allocation each (two per claim: its first word and its names). A
// string it returned stays valid: a full buffer is replaced, never written
// over (strings.Builder only appends). Not for concurrent use.
type lowerer struct{ b strings.Builder }

// lowererChunk is the buffer a lowerer reserves at a time: the capitalised
// words of some dozens of claims.
const lowererChunk = 2048

// lower returns the ASCII word w in lower case: strings.ToLower(w).
func (lw *lowerer) lower(w string) string {
	if lw.b.Cap()-lw.b.Len() < len(w) {
		lw.b = strings.Builder{}
		lw.b.Grow(max(len(w), lowererChunk))
	}
	from := lw.b.Len()
	for k := 0; k < len(w); k++ {
		c := w[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lw.b.WriteByte(c)
	}
	return lw.b.String()[from:]
}

// asciiAlnum reports whether the ASCII byte c is a letter or digit: what
// unicode.IsLetter or unicode.IsDigit say of it.
func asciiAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isBoundaryMark reports whether r ends a clause: ; . ! ? and brackets.
func isBoundaryMark(r rune) bool {
	switch r {
	case ';', '.', '!', '?', '(', ')', '[', ']', '{', '}':
		return true
	}
	return false
}
