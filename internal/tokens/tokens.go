// Package tokens splits text into words, numbers and punctuation marks located
// by byte offsets: the one tokenisation the pipeline's stages can share, so an
// article is read into tokens once instead of once per stage.
//
// Token is a small plain value (offsets, the lowercased form, three flags) with
// no stage's lexicon in it: a stage that marks tokens (negators, cues) works on
// its own copy of the slice. Lower shares the input's memory for ASCII words that
// are already lowercase, so tokenising most English text allocates only the slice.
package tokens

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one word, number or punctuation mark of a text.
type Token struct {
	// Start and End are byte offsets into the text tokenised: text[Start:End] is
	// the token as written (for a split-off "n't", the letters "n't" themselves).
	Start, End int
	// Lower is the lowercased surface form with the curly apostrophe folded to
	// "'"; the negation split off a contraction is "n't", and its verb keeps the
	// verb's form ("can't" → "can" + "n't", "won't" → "will" + "n't").
	Lower string
	// Upper reports whether the token starts with an uppercase letter (names, months).
	Upper bool
	// Digit reports whether the token starts with a digit.
	Digit bool
	// Word reports whether the token is a word or number rather than punctuation.
	Word bool
	// Plain reports a word whose text is ASCII alone with no inner period
	// ("so-called", "Moscow's"; not "U.S", "3.5", "Moscow’s" or "Élan"; both
	// halves of an ASCII "couldn't"), as found while the word was scanned: a
	// stage that reads words its own way knows it without a second pass over
	// the text.
	Plain bool
	// Hash is the 64-bit FNV-1a hash of Lower (see Hash), taken while the word
	// is read, so a stage that looks words up in a table of its own need not
	// read them again to hash them.
	Hash uint64
	// Neg marks a negator. Append leaves it false: it is for the stage that reads
	// negation with its own lexicon, on its own copy of the tokens.
	Neg bool
}

// Append appends the tokens of s to dst, at most limit of them (limit <= 0: no
// bound), and returns the extended slice; offsets are relative to s.
//
// Words are runs of letters, digits and combining marks joined by inner hyphens,
// apostrophes or periods ("so-called", "U.S", "3.5"); a final "n't" becomes its
// own token, so "couldn't" reads as "could" + "n't". Every other visible rune is
// a one-rune punctuation token; spaces, control characters and invalid UTF-8
// bytes separate tokens and are never part of one. The tokens of a span that no
// token of the whole text straddles are the same as those of the span alone
// (see Within), which is what lets stages share one tokenisation.
func Append(dst []Token, s string, limit int) []Token {
	var lw lowerer
	return appendTokens(dst, s, limit, &lw)
}

// Lowerer keeps the lowered copies of capitalised words across the texts a
// caller tokenises one after another (Lowerer.Append), so they share one
// buffer and a sentence's capitalised words need no allocation of their own:
// tokenising sentence by sentence, Append would reserve a buffer per sentence.
// Every Lower it gave stays valid (a full buffer is replaced, never
// overwritten). The zero value is ready; it is not for concurrent use.
type Lowerer struct {
	lw lowerer
}

// lowererChunk is the buffer a Lowerer reserves at a time: the capitalised
// words of a few dozen sentences.
const lowererChunk = 2048

// Append is the package's Append, lowering capitalised words into lw's
// shared buffer.
func (lw *Lowerer) Append(dst []Token, s string, limit int) []Token {
	lw.lw.chunk = lowererChunk
	return appendTokens(dst, s, limit, &lw.lw)
}

// appendTokens is Append with the lowerer given.
func appendTokens(dst []Token, s string, limit int, lw *lowerer) []Token {
	base := len(dst)
	i := 0
	for i < len(s) && (limit <= 0 || len(dst)-base < limit) {
		room := cap(dst) - len(dst)
		if limit > 0 {
			room = min(room, limit-(len(dst)-base))
		}
		if room > 0 {
			from := i
			if dst, i = appendRun(dst, s, i, room); i != from {
				continue
			}
		}
		c := s[i]
		if c < utf8.RuneSelf { // ASCII fast path
			switch {
			case isASCIIWord(c):
				// The common word, lowercase letters and digits after its first
				// letter (a capital, say, as appendRun leaves it here) up to a
				// space or punctuation, is read, hashed and built here; any
				// other goes on through scanWordFrom and appendWord.
				var shape wordShape
				low := c
				if 'A' <= c && c <= 'Z' {
					shape, low = shapeUpper, c+('a'-'A')
				}
				j, h := i+1, (fnvOffset^uint64(low))*fnvPrime
				for j < len(s) && asciiClass[s[j]] == asciiLower {
					h = (h ^ uint64(s[j])) * fnvPrime
					j++
				}
				if j < len(s) && asciiClass[s[j]] != asciiOther {
					j, shape = scanWordFrom(s, i, j, shape)
					dst = appendWord(dst, lw, s, i, j, shape)
				} else { // no apostrophe, so no "n't" to split off
					var t *Token
					dst, t = grow(dst)
					t.Start, t.End, t.Lower, t.Hash = i, j, s[i:j], h
					if shape != 0 {
						t.Lower = lw.lower(s, i, j)
					}
					t.Upper, t.Digit, t.Word, t.Neg, t.Plain = shape != 0, c <= '9', true, false, true
				}
				if j < len(s) && s[j] == ' ' { // the space after a word, skipped at once
					j++
				}
				i = j
			case c <= ' ' || c == 0x7f:
				i++
			default:
				var t *Token
				dst, t = grow(dst)
				t.Start, t.End, t.Lower, t.Hash = i, i+1, s[i:i+1], (fnvOffset^uint64(c))*fnvPrime
				t.Upper, t.Digit, t.Word, t.Neg, t.Plain = false, false, false, false, false
				if i++; i < len(s) && s[i] == ' ' { // ", ": the space skipped at once
					i++
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, unicode.IsSpace(r), unicode.IsControl(r):
			i += size
		case isWordRune(r):
			j, shape := scanWord(s, i)
			dst = appendWord(dst, lw, s, i, j, shape)
			i = j
		default:
			dst = append(dst, Token{Start: i, End: i + size, Lower: s[i : i+size], Hash: Hash(s[i : i+size])})
			i += size
		}
	}
	return dst
}

// appendRun appends the tokens of s from i on while they are of the commonest
// kinds — lowercase words of letters and digits ended by a space or
// punctuation, ASCII punctuation, spaces — and fewer than room, and returns
// dst and where it stopped: at the end of s, after room tokens, or before a
// token appendTokens builds itself. It calls nothing, so the loop that reads
// most of a text keeps its values in registers (appendTokens' loop, with its
// calls, spills them on every turn); room must not exceed dst's spare
// capacity.
func appendRun(dst []Token, s string, i, room int) ([]Token, int) {
	for i < len(s) && room > 0 {
		c := s[i]
		switch asciiClass[c] {
		case asciiLower:
			j, h := i+1, (fnvOffset^uint64(c))*fnvPrime
			for j < len(s) && asciiClass[s[j]] == asciiLower {
				h = (h ^ uint64(s[j])) * fnvPrime
				j++
			}
			if j < len(s) && asciiClass[s[j]] != asciiOther {
				return dst, i // a joiner, a capital or a rune beyond ASCII inside
			}
			n := len(dst)
			dst = dst[:n+1]
			t := &dst[n]
			t.Start, t.End, t.Lower, t.Hash = i, j, s[i:j], h
			t.Upper, t.Digit, t.Word, t.Neg, t.Plain = false, c <= '9', true, false, true
			room--
			i = j
		case asciiOther, asciiJoiner: // a joiner opening a token is punctuation
			if c > ' ' && c != 0x7f {
				n := len(dst)
				dst = dst[:n+1]
				t := &dst[n]
				t.Start, t.End, t.Lower, t.Hash = i, i+1, s[i:i+1], (fnvOffset^uint64(c))*fnvPrime
				t.Upper, t.Digit, t.Word, t.Neg, t.Plain = false, false, false, false, false
				room--
			}
			i++
		default:
			return dst, i
		}
	}
	return dst, i
}

// grow extends dst by one token and returns it with a pointer to that token,
// whose every field the caller sets. Setting the fields in place, instead of
// appending a Token built on the stack, spares the copy of a freshly written
// value (a stall per token where the copy reads what was just stored).
func grow(dst []Token) ([]Token, *Token) {
	n := len(dst)
	if n < cap(dst) {
		dst = dst[:n+1]
	} else {
		dst = append(dst, Token{})
	}
	return dst, &dst[n]
}

// wordShape describes a scanned word in bits (scanWord): whether it holds an
// ASCII uppercase letter, an inner period, a rune beyond ASCII. The common
// word, lowercase ASCII, is 0; one value instead of three flags keeps the
// tokeniser's loop in registers.
type wordShape uint8

const (
	shapeUpper    wordShape = 1 << iota // an ASCII uppercase letter
	shapeDotted                         // an inner period ("U.S", "3.5")
	shapeNonASCII                       // a rune beyond ASCII
)

// scanWord returns the end of the word starting at i (s[i] begins a word rune)
// and its shape.
func scanWord(s string, i int) (end int, shape wordShape) { return scanWordFrom(s, i, i, 0) }

// scanWordFrom is scanWord for a word starting at i whose bytes before j
// were read already, their shape being shape.
func scanWordFrom(s string, i, j int, shape wordShape) (end int, _ wordShape) {
	for j < len(s) {
		c := s[j]
		switch asciiClass[c] {
		case asciiLower:
			j++
			continue
		case asciiUpper:
			shape |= shapeUpper
			j++
			continue
		case asciiJoiner:
			if j > i && j+1 < len(s) && startsWord(s[j+1:]) {
				if c == '.' {
					shape |= shapeDotted
				}
				j++
				continue
			}
			return j, shape
		case asciiOther:
			return j, shape
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		switch {
		case r == utf8.RuneError && n == 1:
			return j, shape
		case isWordRune(r):
			shape |= shapeNonASCII
			j += n
		case r == '’' && j > i && j+n < len(s) && startsWord(s[j+n:]):
			shape |= shapeNonASCII
			j += n
		default:
			return j, shape
		}
	}
	return j, shape
}

// Byte classes of asciiClass: what a byte is to scanWord.
const (
	asciiOther  = iota // an ASCII byte that ends a word
	asciiLower         // a lowercase ASCII letter or a digit
	asciiUpper         // an uppercase ASCII letter
	asciiJoiner        // '-', '\'' or '.': inside a word when a word rune follows
	nonASCII           // a byte of a multi-byte rune
)

// asciiClass classifies every byte value for scanWord's loop (one load per
// byte instead of range tests).
var asciiClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = nonASCII
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			t[c] = asciiLower
		case 'A' <= c && c <= 'Z':
			t[c] = asciiUpper
		case c == '-' || c == '\'' || c == '.':
			t[c] = asciiJoiner
		}
	}
	return t
}()

// startsWord reports whether s begins with a word rune.
func startsWord(s string) bool {
	if s[0] < utf8.RuneSelf {
		return isASCIIWord(s[0])
	}
	r, n := utf8.DecodeRuneInString(s)
	return !(r == utf8.RuneError && n == 1) && isWordRune(r)
}

// appendWord appends s[i:j], a word of the shape given, as a word token,
// splitting a final "n't" off.
func appendWord(dst []Token, lw *lowerer, s string, i, j int, shape wordShape) []Token {
	if last := s[j-1]; j-i > 3 && (last == 't' || last == 'T') {
		w := s[i:j]
		k := -1
		if strings.EqualFold(w[len(w)-3:], "n't") {
			k = len(w) - 3
		} else if len(w) > 5 && (strings.HasSuffix(w, "n’t") || strings.HasSuffix(w, "N’T")) {
			k = len(w) - 5
		}
		if k > 0 {
			base := wordToken(lw, s, i, i+k, shape)
			switch base.Lower { // "can't", "won't", "shan't" keep their verb's form
			case "ca":
				base.Lower = "can"
			case "wo":
				base.Lower = "will"
			case "sha":
				base.Lower = "shall"
			}
			neg := wordToken(lw, s, i+k, j, shape)
			neg.Lower = "n't"
			base.Hash, neg.Hash = Hash(base.Lower), hashNt
			// each half is plain by its own text: "don’t" is not, its "do" is
			base.Plain, neg.Plain = plainText(s[i:i+k]), plainText(s[i+k:j])
			return append(dst, base, neg)
		}
	}
	if shape == 0 { // the common case, built in place
		c := s[i]
		dst, t := grow(dst)
		t.Start, t.End, t.Lower, t.Hash = i, j, s[i:j], Hash(s[i:j])
		t.Upper, t.Digit, t.Word, t.Neg, t.Plain = false, '0' <= c && c <= '9', true, false, true
		return dst
	}
	dst, t := grow(dst)
	setWord(t, lw, s, i, j, shape)
	return dst
}

// plainText reports whether w is ASCII alone with no period (Token.Plain of
// a word w), for the halves of a split word.
func plainText(w string) bool {
	for k := 0; k < len(w); k++ {
		if w[k] >= utf8.RuneSelf || w[k] == '.' {
			return false
		}
	}
	return true
}

// wordToken builds the token for the word s[i:j] (see setWord).
func wordToken(lw *lowerer, s string, i, j int, shape wordShape) Token {
	var t Token
	setWord(&t, lw, s, i, j, shape)
	return t
}

// setWord sets every field of *t to the token of the word s[i:j]; shape
// describes the whole word (from scanWord) so the common all-lowercase ASCII
// word needs no copy, and an ASCII word with capitals shares lw's lowered
// copy of the text.
func setWord(t *Token, lw *lowerer, s string, i, j int, shape wordShape) {
	w := s[i:j]
	t.Start, t.End, t.Lower, t.Word, t.Neg, t.Plain = i, j, w, true, false, shape&(shapeDotted|shapeNonASCII) == 0
	c := w[0]
	t.Digit = '0' <= c && c <= '9'
	switch {
	case shape&shapeNonASCII == 0:
		t.Upper = 'A' <= c && c <= 'Z'
		if shape&shapeUpper != 0 {
			t.Lower = lw.lower(s, i, j)
		}
	default:
		first, _ := utf8.DecodeRuneInString(w)
		t.Upper = unicode.IsUpper(first)
		t.Lower = strings.ReplaceAll(strings.ToLower(w), "’", "'")
	}
	t.Hash = Hash(t.Lower)
}

// FNV-1a constants.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashNt is Hash("n't"), the Lower of every split-off negation.
var hashNt = Hash("n't")

// Hash is the 64-bit FNV-1a hash of s: Token.Hash of a token whose Lower is s.
func Hash(s string) uint64 {
	h := uint64(fnvOffset)
	for k := 0; k < len(s); k++ {
		h = (h ^ uint64(s[k])) * fnvPrime
	}
	return h
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

// lowerChunk is how many bytes lowerer reserves at a time: the capitalised
// words of a sentence share one allocation, and a megabyte text is not copied
// whole.
const lowerChunk = 256

// lowerer lowers the capitalised ASCII words of one text for Append: it appends
// each lowered word to one buffer and slices the word's Lower out of it. The
// bytes a returned string covers are never written again (a full buffer is
// replaced, not grown), so every Lower stays valid.
type lowerer struct {
	b strings.Builder
	// chunk is the size of a new buffer (0: lowerChunk, at most the rest of
	// the text).
	chunk int
}

// lower returns s[i:j], an ASCII word, in lower case: strings.ToLower(s[i:j]).
func (lw *lowerer) lower(s string, i, j int) string {
	if lw.b.Cap()-lw.b.Len() < j-i {
		n := lw.chunk
		if n == 0 {
			n = min(len(s)-i, lowerChunk)
		}
		lw.b = strings.Builder{}
		lw.b.Grow(max(j-i, n))
	}
	from := lw.b.Len()
	var tmp [32]byte // lowered on the stack, written in one copy per 32 bytes
	for w := s[i:j]; len(w) > 0; {
		n := copy(tmp[:], w)
		for k, c := range tmp[:n] {
			if 'A' <= c && c <= 'Z' {
				tmp[k] = c + ('a' - 'A')
			}
		}
		lw.b.Write(tmp[:n])
		w = w[n:]
	}
	return lw.b.String()[from:]
}
