package extractor

import "testing"

// TestClassTableMatchesMap: every word of the lexicon, and words near them
// (prefixes, with a period, unknown), has the same classes in the table as in the map.
func TestClassTableMatchesMap(t *testing.T) {
	e := newTestExtractor(t)
	lx := e.lx
	check := func(w string) {
		if got, want := lx.classOf([]byte(w)), lx.class[w]; got != want {
			t.Errorf("classOf(%q) = %b, want %b", w, got, want)
		}
		if len(w) > 8 {
			return
		}
		if got, want := lx.classes.lookupShort(hashStr(fnvOffset, w), packTail(w), len(w)), lx.class[w]; got != want {
			t.Errorf("lookupShort(%q) = %b, want %b", w, got, want)
		}
	}
	for w := range lx.class {
		check(w)
		check(w + ".")
		check(w + "s")
		if len(w) > 1 {
			check(w[:len(w)-1])
		}
	}
	for _, w := range []string{"", "zzqx", "the", "said", "mr.", "u.s.", "o'neill", "x", "\x00said", "\x00\x00"} {
		check(w)
	}
}

// TestClassTableSmall checks probing on a tiny table with colliding slots.
func TestClassTableSmall(t *testing.T) {
	m := map[string]wordClass{"a": clsVerb, "b": clsAux, "c": clsTitle, "ab": clsOrg, "zero": 0, "": clsDet}
	tb := newClassTable(m)
	for w, want := range m {
		if w == "" {
			want = 0 // the empty word is no token
		}
		if got := tb.lookup([]byte(w)); got != want {
			t.Errorf("lookup(%q) = %b, want %b", w, got, want)
		}
	}
	if got := tb.lookup([]byte("abc")); got != 0 {
		t.Errorf("lookup(abc) = %b, want 0", got)
	}
}
