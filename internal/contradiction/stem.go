package contradiction

import "strings"

// stem reduces a lower-case English word to a crude stem so that inflections of one
// word compare equal: "opened", "opening", "opens" → "open"; "closed", "close" →
// "clos". It is a deliberately small suffix stripper, not a lemmatizer: the stems
// need only be consistent, because every word list is stemmed with the same function
// when it is loaded. irregular maps forms such as "was" or "children" first.
func stem(w string, irregular map[string]string) string {
	if l, ok := irregular[w]; ok {
		return l
	}
	return stemRegular(w)
}

// stemRegular is stem for a word the irregular list does not name.
func stemRegular(w string) string {
	n, y := stemCut(w)
	if y {
		return w[:n] + "y"
	}
	return w[:n]
}

// stemCut is stemRegular as a cut of w: the stem is w[:n], followed by "y"
// when y ("studies" → "stud" + "y"). analyze stems a token by it without
// copying the word (the "y" stems aside) and derives the stem's keyHead from
// the word's.
func stemCut(w string) (n int, y bool) { return stemCutPlain(w, len(w) > 3 && isASCIIWord(w)) }

// stemCutPlain is stemCut for a word whose isASCIIWord is known (plain): a
// token knows it from tokenizing.
func stemCutPlain(w string, plain bool) (n int, y bool) {
	n = len(w)
	if n <= 3 || !plain {
		return n, false
	}
	stripped := true
	switch {
	case strings.HasSuffix(w, "sses"):
		n -= 2
	case strings.HasSuffix(w, "ies") && n > 4, strings.HasSuffix(w, "ied") && n > 4:
		return n - 3, true // ends in "y": no final "e" to drop
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		n--
		stripped = false // a plural or third person keeps the bare form's final "e"
	case strings.HasSuffix(w, "ing") && n > 5:
		n = len(undouble(w[:n-3]))
	case strings.HasSuffix(w, "ed") && n > 4:
		n = len(undouble(w[:n-2]))
	default:
		stripped = false
	}
	// A final "e" is dropped from bare words ("close" → "clos") and what suffix
	// stripping leaves of a doubled "ee" ("agreeing" → "agree" → "agre"), so both
	// match the stripped forms ("closed" → "clos", "agreed" → "agre").
	if s := w[:n]; strings.HasSuffix(s, "e") && n > 3 && (!stripped || strings.HasSuffix(s, "ee")) {
		n--
	}
	return n, false
}

// undouble drops the last letter of a doubled final consonant left by suffix
// stripping ("stopp" → "stop"), keeping the doubles English stems end in (ll, ss, zz).
func undouble(w string) string {
	n := len(w)
	if n < 3 || w[n-1] != w[n-2] {
		return w
	}
	switch w[n-1] {
	case 'l', 's', 'z', 'a', 'e', 'i', 'o', 'u':
		return w
	}
	return w[:n-1]
}

// isASCIIWord reports whether w is made of ASCII letters only; other words (numbers,
// other scripts) are compared as written.
func isASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if (c < 'a' || c > 'z') && c != '-' {
			return false
		}
	}
	return true
}
