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
	// The suffix rules by the word's last byte (they end in s, d or g), in
	// their order within each: a switch on one byte, not a HasSuffix each.
	stripped := true
	switch w[n-1] {
	case 's':
		switch {
		case strings.HasSuffix(w, "sses"):
			n -= 2
		case n > 4 && strings.HasSuffix(w, "ies"):
			return n - 3, true // ends in "y": no final "e" to drop
		case w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i':
			n--
			stripped = false // a plural or third person keeps the bare form's final "e"
		default:
			stripped = false
		}
	case 'd':
		switch {
		case n > 4 && w[n-3] == 'i' && w[n-2] == 'e':
			return n - 3, true
		case n > 4 && w[n-2] == 'e':
			n = len(undouble(w[:n-2]))
		default:
			stripped = false
		}
	case 'g':
		if n > 5 && w[n-3] == 'i' && w[n-2] == 'n' {
			n = len(undouble(w[:n-3]))
		} else {
			stripped = false
		}
	default:
		stripped = false
	}
	// A final "e" is dropped from bare words ("close" → "clos") and what suffix
	// stripping leaves of a doubled "ee" ("agreeing" → "agree" → "agre"), so both
	// match the stripped forms ("closed" → "clos", "agreed" → "agre").
	if n > 3 && w[n-1] == 'e' && (!stripped || w[n-2] == 'e') {
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

// stemHeadOf is the stem of a token no word list names (plain known from
// tokenizing), its rare "y" stems built in lw's shared buffer, and the
// stem's keyHead, derived from head, the keyHead of the token's word: the
// stem is a cut of the word (and a "y"), so its head is the word's first
// bytes (and the "y"), not read again.
func stemHeadOf(t *token, head uint64, lw *lowerer) (string, uint64) {
	n, y := stemCutPlain(t.low, t.plain)
	if n < 8 {
		head &= 1<<(8*n) - 1
	}
	if !y {
		return t.low[:n], head
	}
	if n < 8 {
		head |= 'y' << (8 * n)
	}
	return lw.withY(t.low[:n]), head
}

// stemIs reports whether the stem of token t (word facts wf) is w, without
// building a "y" stem to see it.
func stemIs(t *token, wf *facts, w string) bool {
	if wf.sf != nil {
		return wf.stem == w
	}
	n, y := stemCutPlain(t.low, t.plain)
	if !y {
		return t.low[:n] == w
	}
	return len(w) == n+1 && w[n] == 'y' && w[:n] == t.low[:n]
}
