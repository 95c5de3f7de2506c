package extractor

import "strings"

// Code and data. A page whose tags were stripped keeps the text of its scripts,
// style sheets and JSON-LD blocks ("@context": "http://schema.org"); none of it is
// an assertion, so clean drops lines that read as code or data. Prose almost never
// has braces, semicolons, "=" or "":" pairs; code has several per line.

// codeSigns counts the marks of code and data in a line: braces, semicolons,
// assignment signs, backslashes, JSON key/value separators, and JavaScript/CSS
// keywords and idioms. Angle brackets do not count: markup around prose (a page
// pasted with its tags) still holds sentences.
//
// It reads the line once. Each idiom counts twice per non-overlapping occurrence
// (as strings.Count counts them); it is looked for only where its anchor byte
// (codeAnchors) stands, so prose, which has few of those bytes, costs one table
// load per byte instead of a search per idiom, and is skipped eight bytes a turn.
func codeSigns(line string) int {
	n := 0
	var next [len(codeIdioms)]int // per idiom, where a further occurrence may start
	for i := 0; i < len(line); i++ {
		// Skip to the next byte with a part in the tests: eight bytes a turn
		// while none of them has (most of prose), then byte by byte up to it.
		for i+8 <= len(line) {
			b := line[i : i+8]
			if codeBytes[b[0]]|codeBytes[b[1]]|codeBytes[b[2]]|codeBytes[b[3]]|
				codeBytes[b[4]]|codeBytes[b[5]]|codeBytes[b[6]]|codeBytes[b[7]] != 0 {
				break
			}
			i += 8
		}
		for i < len(line) && codeBytes[line[i]] == 0 {
			i++
		}
		if i >= len(line) {
			break
		}
		c := line[i]
		k := codeBytes[c]
		switch {
		case k&codeSign != 0:
			n++
		case c == '"':
			// "key": or ","  — JSON's separators between quoted strings.
			if i+1 < len(line) && (line[i+1] == ':' || line[i+1] == ',') {
				n++
			}
		}
		if k&codeIsAnchor == 0 {
			continue
		}
		for _, a := range codeAnchors[c] {
			s := i - int(a.off)
			// The first byte first, from the anchor itself: at most anchors in
			// prose the idiom fails there, before its string or next is read.
			if s < 0 || s+int(a.n) > len(line) || line[s] != a.first {
				continue
			}
			if kw := codeIdioms[a.idx]; s >= next[a.idx] && line[s:s+len(kw)] == kw {
				n += 2
				next[a.idx] = s + len(kw)
			}
		}
	}
	return n
}

// codeIdioms are substrings that occur in JavaScript, CSS and JSON but not in prose.
var codeIdioms = [...]string{
	"function(", "function (", "=>", "===", "!==", "&&", "||", "var ", "document.", "window.",
	".push(", "typeof ", "null,", "true,", "false,",
	"@context", "@type", "http://schema.org", "https://schema.org", "px;", "em;", "!important",
	"://", "();", "})", "$(", "));", "('", "');",
}

// Bits of codeBytes.
const (
	codeSign     = 1 << iota // a sign of code by itself: { } ; = and the backslash
	codeQuote                // '"', a sign before ':' or ','
	codeIsAnchor             // the anchor of an idiom (codeAnchors)
)

// codeBytes says, per byte, which of the codeSigns tests it takes part in; 0 for
// letters, digits and spaces, so prose is skipped at a load per byte. Read-only
// after package initialisation.
var codeBytes = func() (t [256]uint8) {
	for _, c := range []byte("{};=\\") {
		t[c] |= codeSign
	}
	t['"'] |= codeQuote
	for c, as := range codeAnchors {
		if len(as) > 0 {
			t[c] |= codeIsAnchor
		}
	}
	return t
}()

// codeAnchor names an idiom (index into codeIdioms) and the offset of its anchor
// byte inside it, with the idiom's first byte and length, which rule out most
// anchors in prose without reading the idiom.
type codeAnchor struct{ idx, off, first, n uint8 }

// codeAnchors lists, for each byte, the idioms anchored on it. Read-only after
// package initialisation.
var codeAnchors = anchorIdioms()

// anchorIdioms anchors each idiom on its byte rarest in prose: punctuation other
// than full stops and commas first, then those, then letters from rare to common,
// the space last ("var " on 'v', "typeof " on 'y', "document." on '.').
func anchorIdioms() [256][]codeAnchor {
	const common = "etaoinsrhldcumfpgwybvkxjqz" // English letter frequency, most common first
	score := func(c byte) int {
		switch {
		case c == ' ':
			return 100
		case c >= 'a' && c <= 'z':
			return 20 + len(common) - strings.IndexByte(common, c)
		case c == '.' || c == ',':
			return 10
		}
		return 0
	}
	var t [256][]codeAnchor
	for i, kw := range codeIdioms {
		best := 0
		for k := 1; k < len(kw); k++ {
			if score(kw[k]) < score(kw[best]) {
				best = k
			}
		}
		t[kw[best]] = append(t[kw[best]], codeAnchor{idx: uint8(i), off: uint8(best), first: kw[0], n: uint8(len(kw))})
	}
	return t
}

// isCodeLine says whether a trimmed line is code or data rather than prose: it opens
// or closes like code (a brace, a comment, a tag, a CSS at-rule), or code signs are
// dense (one for every twelve letters, at least three).
func isCodeLine(line string) bool {
	if line != "" && strings.IndexByte(codeOpenerStarts, line[0]) >= 0 {
		for _, p := range codeOpeners {
			if strings.HasPrefix(line, p) {
				return true
			}
		}
	}
	n := codeSigns(line)
	if n < 3 {
		return false
	}
	letters := 0
	for i := 0; i < len(line); i++ {
		if c := line[i]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 {
			letters++
		}
	}
	return n*12 >= letters
}

// codeOpeners are line starts that only code and data have. Keywords that are also
// English words ("function", "let", "if (") are left to the density test, since a
// soft-wrapped line of prose may start with them.
var codeOpeners = []string{
	"{", "}", "[{", "[\"", "//", "/*", "*/", "<!--", "-->", "<script", "</script", "<style",
	"</style", "@media", "@import", "@font-face", "@keyframes", "window.", "document.", "$(",
}

// codeOpenerStarts are the first bytes of codeOpeners, so most lines skip them at once.
const codeOpenerStarts = "{}[/*<-@wd$"

// continuesCode says whether a line that follows a code line in the same paragraph is
// code too: it has a code sign or ends like a statement (";", ",", a brace or a
// bracket), as the short lines of a script do ("gtag('js', new Date());").
func continuesCode(line string) bool {
	if codeSigns(line) > 0 {
		return true
	}
	switch line[len(line)-1] {
	case ';', ',', '{', '}', '[', ']', '(':
		return true
	}
	return false
}
