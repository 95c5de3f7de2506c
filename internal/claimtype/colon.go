package claimtype

import (
	"unicode"
	"unicode/utf8"
)

// endsWithColon reports whether text ends with a colon once trailing white
// space is trimmed: strings.HasSuffix(strings.TrimSpace(text), ":"), which
// classify asked of every claim, without trimming the text's start or going
// through TrimSpace's general path. Trailing ASCII is read byte by byte; a
// non-ASCII rune is trimmed when unicode.IsSpace says so, as TrimSpace does,
// and otherwise (it is no colon) settles the answer.
func endsWithColon(text string) bool {
	for len(text) > 0 {
		c := text[len(text)-1]
		if c < utf8.RuneSelf {
			switch c {
			case '\t', '\n', '\v', '\f', '\r', ' ':
				text = text[:len(text)-1]
				continue
			}
			return c == ':'
		}
		r, n := utf8.DecodeLastRuneInString(text)
		if !unicode.IsSpace(r) {
			return false
		}
		text = text[:len(text)-n]
	}
	return false
}
