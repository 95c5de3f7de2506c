package extractor

import "unicode/utf8"

// word scans one word token from i and returns where it ends. Apostrophes and
// hyphens inside words, digits' separators and abbreviation periods ("U.S.",
// "Mr.") stay in the word. Most words are plain, and word reads them itself;
// the rest take the general path (wordGeneral), which reads every word the
// same way.
//
// A plain word is read in one pass: ASCII word characters only (isWordRune),
// not joined by a connector (' - . , /) or a non-ASCII letter to what follows,
// so none of wordGeneral's inner-word rules apply. word folds the lower-cased
// bytes into the lexicon's FNV-1a hash as it goes, and looks a word without
// capitals up in the text itself, so it neither copies the word nor hashes it a
// second time; it pushes the same token wordGeneral would. At the first sign
// that the word is not plain it leaves the whole word to wordGeneral, having
// pushed nothing.
func (sg *segmenter) word(text string, i, end int) int {
	start := i
	h := uint32(fnvOffset)
	var counts uint64 // letters in the low 32 bits, capitals in the high 32 (plainCounts)
	var tail uint64   // the last eight lower-cased bytes (packTail)
	s := text[i:end]
	j := 0
	for ; j < len(s); j++ {
		c := plainLower[s[j]]
		if c == 0 {
			break
		}
		counts += plainCounts[s[j]]
		h = (h ^ uint32(c)) * fnvPrime
		tail = tail<<8 | uint64(c)
	}
	i += j
	if i == start {
		return sg.wordGeneral(text, start, end) // not an ASCII word character: an apostrophe or a non-ASCII letter
	}
	letters, uppers := int(uint32(counts)), int(counts>>32) // below 2^31: Extract rejects 2 GiB
	if i < end {
		switch c := text[i]; {
		case c >= utf8.RuneSelf:
			// A non-ASCII letter continues the word, ’ may join or split it.
			if r, _ := utf8.DecodeRuneInString(text[i:end]); r == '’' || isWordRune(r) {
				return sg.wordGeneral(text, start, end)
			}
		case wordConnector[c]:
			// A connector joins the word to a word character after it.
			if i+1 < end && (text[i+1] >= utf8.RuneSelf || asciiClass[text[i+1]] == asciiWord) {
				return sg.wordGeneral(text, start, end)
			}
		}
	}
	flags := wordStartFlags[text[start]]
	// A final period belongs to the word when it is an abbreviation or an initial.
	if i < end && text[i] == '.' {
		hd, td := (h^'.')*fnvPrime, tail<<8|'.'
		if letters == 1 && uppers == 1 && i-start == 1 || sg.classOfPlain(hd, td, text, start, i+1, uppers)&clsAbbrev != 0 {
			h, tail = hd, td
			i++
			flags |= fPeriod
		}
	}
	if letters >= 2 && uppers == letters {
		flags |= fAllCaps
	}
	// No apostrophe, so no possessive. Most words have at most eight bytes:
	// classOfPlain's first case, asked here without the call.
	var cls wordClass
	if i-start <= 8 {
		cls = sg.lx.classes.lookupShort(h, tail, i-start)
	} else {
		cls = sg.classOfPlain(h, tail, text, start, i, uppers)
	}
	sg.push(token{start: int32(start), end: int32(i), cls: cls, kind: tWord, flags: flags}, h)
	return i
}

// classOfPlain looks up the classes of the ASCII word text[a:b] whose lower-cased
// FNV-1a hash is h and whose last eight lower-cased bytes are tail (packTail): a
// word of at most eight bytes by its hash and tail alone (they spell it out), a
// longer one in the text itself when it has no capitals (uppers == 0), else in a
// lower-cased copy.
func (sg *segmenter) classOfPlain(h uint32, tail uint64, text string, a, b, uppers int) wordClass {
	if b-a <= 8 {
		return sg.lx.classes.lookupShort(h, tail, b-a)
	}
	if uppers == 0 {
		return lookupHashed(&sg.lx.classes, h, text[a:b])
	}
	sg.lower = append(sg.lower[:0], text[a:b]...)
	for k, c := range sg.lower {
		if c-'A' < 26 {
			sg.lower[k] = c + 'a' - 'A'
		}
	}
	return lookupHashed(&sg.lx.classes, h, sg.lower)
}

// plainLower is, for each ASCII word byte (isWordRune), the byte lower-cased, and
// 0 for every other byte: word's loop reads a byte's class and its folded
// value in one load. Read-only after package initialisation.
var plainLower = func() (t [256]byte) {
	for c := 0; c < utf8.RuneSelf; c++ {
		if asciiClass[c] == asciiWord {
			t[c] = byte(c)
			if c >= 'A' && c <= 'Z' {
				t[c] += 'a' - 'A'
			}
		}
	}
	return t
}()

// wordConnector says which bytes join a word to a word character after them:
// ' - . , and /. Read-only after package initialisation.
var wordConnector = func() (t [256]bool) {
	for _, c := range []byte("'-.,/") {
		t[c] = true
	}
	return t
}()

// wordStartFlags are the flags a word's first byte gives it: fCap for an ASCII
// capital, fLower for a lower-case letter, fDigit for a digit. Read-only after
// package initialisation.
var wordStartFlags = func() (t [256]uint8) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = fCap
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = fLower
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = fDigit
	}
	return t
}()

// plainCounts is what a byte adds to word's letter counts: 1 for an ASCII
// letter, plus 1<<32 for a capital, so one addition counts both. Read-only after
// package initialisation.
var plainCounts = func() (t [256]uint64) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = 1
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = 1 | 1<<32
	}
	return t
}()
