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
func codeSigns(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '{', '}', ';', '=', '\\':
			n++
		case '"':
			// "key": or ","  — JSON's separators between quoted strings.
			if i+1 < len(line) && (line[i+1] == ':' || line[i+1] == ',') {
				n++
			}
		}
	}
	for _, kw := range codeIdioms {
		n += 2 * strings.Count(line, kw)
	}
	return n
}

// codeIdioms are substrings that occur in JavaScript, CSS and JSON but not in prose.
var codeIdioms = []string{
	"function(", "function (", "=>", "===", "!==", "&&", "||", "var ", "document.", "window.",
	".push(", "typeof ", "null,", "true,", "false,",
	"@context", "@type", "http://schema.org", "https://schema.org", "px;", "em;", "!important",
	"://", "();", "})", "$(", "));", "('", "');",
}

// isCodeLine says whether a trimmed line is code or data rather than prose: it opens
// or closes like code (a brace, a comment, a tag, a CSS at-rule), or code signs are
// dense (one for every twelve letters, at least three).
func isCodeLine(line string) bool {
	for _, p := range codeOpeners {
		if strings.HasPrefix(line, p) {
			return true
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
