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
	// plain marks a word of ASCII letters and hyphens alone
	// (isASCIIWord(low)): the words stemCut strips.
	plain bool
	// hyphen marks a word with a hyphen in it (in low): only such a word
	// can be a compound number word not listed whole ("seventy-two").
	hyphen bool
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
		c := text[i]
		if c == ' ' {
			i++ // the commonest byte between words: no rune to decode or classify
			continue
		}
		if j, ok := lowerWord(text, i); ok && text[i:j] != "cannot" {
			// most words: their own lower-case form, taken without scanWord
			out = append(out, token{low: text[i:j], plain: true, start: int32(i), end: int32(j)})
			if i = j; i < len(text) && text[i] == ' ' {
				i++ // the space after it, without another turn of the loop
			}
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r == utf8.RuneError && size <= 1:
			i++
		case c < utf8.RuneSelf && asciiAlnum(c) || c >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			j, wi := scanWord(text, i, size)
			if w := text[i:j]; wi.ascii && !wi.upper && wi.apos < 0 && w != "cannot" {
				// most words: lower-case ASCII, their own lower-case form, with
				// nothing for appendWord to split or cut
				out = append(out, token{low: w, plain: wi.plain, hyphen: wi.hyphen, start: int32(i), end: int32(j)})
			} else {
				out = appendWord(out, w, int32(i), lw, wi)
			}
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

// lowerWord returns the end of the word at text[i] when it is lower-case
// ASCII letters alone, as most words are, ending where scanWord would end it
// (ok); ok is false for any other word, or none. The letters end the word at
// the end of the text or at an ASCII byte that is no letter or digit, and no
// apostrophe or hyphen (which may join what follows): a dot, comma or colon
// after a lower-case letter joins nothing, and a word without a dot takes no
// trailing one.
func lowerWord(text string, i int) (int, bool) {
	j := i
	for j < len(text) && text[j]-'a' < 26 {
		j++
	}
	return j, j > i && (j == len(text) || endsLowerWord[text[j]])
}

// endsLowerWord says of every byte whether it ends a word of lower-case
// letters before it (lowerWord): one load instead of a test for each kind.
var endsLowerWord = func() (ends [256]bool) {
	for c := range utf8.RuneSelf {
		ends[c] = !asciiAlnum(byte(c)) && c != '\'' && c != '-'
	}
	return ends
}()

// wordInfo is what scanWord learns of a word's bytes on the way, so
// appendWord need not read them again.
type wordInfo struct {
	ascii bool // every byte is ASCII
	upper bool // it has an ASCII capital
	// plain: it has nothing but letters and hyphens (no digit, dot, comma or
	// colon), the words stemCut strips (isASCIIWord of their lower case);
	// plainToApos says the same of the part before apos, the first ASCII
	// apostrophe (-1 if none).
	plain, plainToApos bool
	apos               int
	hyphen             bool // it has an ASCII hyphen
}

// scanWord finds the end of the word whose first rune (size bytes) starts at
// text[i]: letters and digits, joined by internal apostrophes, hyphens, and dots
// or commas between digits or letters (see tokenize).
func scanWord(text string, i, size int) (int, wordInfo) {
	wi := wordInfo{ascii: true, plain: true, apos: -1}
	switch c := text[i]; {
	case c >= utf8.RuneSelf:
		wi.ascii = false
	case 'A' <= c && c <= 'Z':
		wi.upper = true
	case '0' <= c && c <= '9':
		wi.plain = false
	}
	j := i + size
scan:
	for j < len(text) {
		for j < len(text) && text[j]-'a' < 26 {
			j++ // the common case: a lower-case letter, nothing to note
		}
		if j == len(text) {
			break
		}
		switch c := text[j]; {
		case c == ' ':
			break scan // the commonest end of a word: no rune to decode
		case 'A' <= c && c <= 'Z':
			wi.upper = true
			j++
			continue
		case '0' <= c && c <= '9':
			wi.plain = false
			j++
			continue
		}
		r2, s2 := utf8.DecodeRuneInString(text[j:])
		if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
			wi.ascii = false // ASCII letters and digits were taken above
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
				switch r2 {
				case '\'':
					if wi.apos < 0 {
						wi.apos, wi.plainToApos = j-i, wi.plain && wi.ascii
					}
				case '’':
					wi.ascii = false
				case '-':
					wi.hyphen = true
				case '.', ',', ':':
					wi.plain = false
				}
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
	return j, wi
}

// appendWord adds one word (scanWord told what it holds), splitting the "n't"
// contraction and "cannot".
func appendWord(out []token, w string, at int32, lw *lowerer, wi wordInfo) []token {
	end := at + int32(len(w))
	var capital bool
	low, apos := w, wi.apos
	plain := wi.plain && wi.ascii
	switch {
	case !wi.ascii:
		r, _ := utf8.DecodeRuneInString(w)
		capital = unicode.IsUpper(r)
		if strings.IndexByte(w, 0xe2) >= 0 { // only then can it hold the curly apostrophe (e2 80 99)
			low = strings.ReplaceAll(w, "’", "'")
		}
		low = strings.ToLower(low)
		apos = strings.IndexByte(low, '\'')
		plain = false // decided below, on what is left of it
	case wi.upper:
		capital = 'A' <= w[0] && w[0] <= 'Z'
		if lw != nil {
			low = lw.lower(w) // ASCII case mapping keeps every byte in place
		} else {
			low = strings.ToLower(w)
		}
	}
	if low == "cannot" {
		return append(out, token{low: "can", cap: capital, plain: true, start: at, end: end}, token{low: "not", plain: true, start: at, end: end})
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
		return append(out, token{low: base, cap: capital, plain: isASCIIWord(base), hyphen: hasHyphen(base), start: at, end: end}, token{low: "not", plain: true, start: at, end: end})
	}
	if apos > 0 {
		low = low[:apos] // possessive or clitic: "russia's" → "russia"
		plain = wi.plainToApos
	}
	if !wi.ascii {
		plain = isASCIIWord(low)
	}
	if low == "us" && w == "US" {
		low, plain = "u.s.", false // the country, not the pronoun
	}
	return append(out, token{low: low, cap: capital, plain: plain, hyphen: hasHyphen(low), start: at, end: end})
}

// hasHyphen reports whether the word w has a hyphen (token.hyphen).
func hasHyphen(w string) bool { return strings.IndexByte(w, '-') >= 0 }

// lowerer keeps the lowered copies of capitalised ASCII words of the claims
// one analyzeScratch reads, one after another, in one shared buffer, so they
// need no allocation each (two per claim: its first word and its names); the
// stems that are no cut of their word ("studies" → "study"), multi-word
// names ("united states") and year keys ("y2024") go there too. A
// string it returned stays valid: a full buffer is replaced, never written
// over (strings.Builder only appends). Not for concurrent use.
type lowerer struct{ b strings.Builder }

// lowererChunk is the buffer a lowerer reserves at a time: the capitalised
// words of some dozens of claims.
const lowererChunk = 2048

// lower returns the ASCII word w in lower case: strings.ToLower(w).
func (lw *lowerer) lower(w string) string {
	lw.reserve(len(w))
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

// withY returns s + "y" (what stemCut makes of "studies": "stud" + "y") in
// the shared buffer instead of a string of its own.
func (lw *lowerer) withY(s string) string {
	lw.reserve(len(s) + 1)
	from := lw.b.Len()
	lw.b.WriteString(s)
	lw.b.WriteByte('y')
	return lw.b.String()[from:]
}

// join returns the lower-case forms of toks joined by single spaces (a
// multi-word name as written, "united states"), several words in the shared
// buffer instead of a string of their own.
func (lw *lowerer) join(toks []token) string {
	if len(toks) == 1 {
		return toks[0].low
	}
	n := len(toks) - 1
	for _, t := range toks {
		n += len(t.low)
	}
	lw.reserve(n)
	from := lw.b.Len()
	for k, t := range toks {
		if k > 0 {
			lw.b.WriteByte(' ')
		}
		lw.b.WriteString(t.low)
	}
	return lw.b.String()[from:]
}

// prefixed returns string(b) + s ("y" + "2024", a year's date key) in the
// shared buffer instead of a string of its own.
func (lw *lowerer) prefixed(b byte, s string) string {
	lw.reserve(1 + len(s))
	from := lw.b.Len()
	lw.b.WriteByte(b)
	lw.b.WriteString(s)
	return lw.b.String()[from:]
}

// reserve makes room for n more bytes, in a new buffer when the current one
// is full (never by growing it: the strings handed out must stay put).
func (lw *lowerer) reserve(n int) {
	if lw.b.Cap()-lw.b.Len() < n {
		lw.b = strings.Builder{}
		lw.b.Grow(max(n, lowererChunk))
	}
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
