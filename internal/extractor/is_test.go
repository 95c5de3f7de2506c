package extractor

import (
	"context"
	"math/rand"
	"strings"
	"testing"
)

// TestIsMatchesEqualFold checks that is answers as strings.EqualFold does for a
// word token and a word of any bytes: the ASCII words the rules ask about, case
// variants, runes that fold to ASCII (the Kelvin sign, the long s), other
// non-ASCII letters and invalid UTF-8, then random pairs over those pieces.
func TestIsMatchesEqualFold(t *testing.T) {
	check := func(s, w string) {
		t.Helper()
		m := mentionCtx{text: s, toks: []token{{start: 0, end: int32(len(s)), kind: tWord}}}
		if got, want := m.is(0, w), len(s) == len(w) && strings.EqualFold(s, w); got != want {
			t.Fatalf("is(%q, %q) = %v, EqualFold says %v", s, w, got, want)
		}
	}
	for _, p := range [][2]string{
		{"said", "said"}, {"Said", "said"}, {"SAID", "said"}, {"saíd", "said"}, {"sai", "said"},
		{"said", "Said"}, {"@", "`"}, {"[", "{"}, {"Z", "z"}, {"z", "Z"}, {"a1", "A1"},
		{"\u212a", "k"}, {"\u212ak", "k\u212a"}, {"ſs", "sſ"}, {"\u017f", "s"}, {"é", "É"}, {"é", "é"},
		{"\xc3a", "\xc3A"}, {"\xc3\xa9", "\xc3\x89"}, {"\xff", "\xff"}, {"a\xff", "A\xfe"},
	} {
		check(p[0], p[1])
	}
	pieces := []string{"k", "K", "\u212a", "s", "S", "\u017f", "é", "É", "\xc3", "\xa9", "a", "A", "1", "@", "`"}
	rng := rand.New(rand.NewSource(1))
	word := func() string {
		var b strings.Builder
		for n := rng.Intn(4); n >= 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		return b.String()
	}
	for n := 0; n < 200000; n++ {
		check(word(), word())
	}
	m := mentionCtx{text: "a, b", toks: []token{{start: 0, end: 1, kind: tWord}, {start: 1, end: 2, kind: tComma}}}
	for _, c := range []struct {
		i    int
		w    string
		want bool
	}{{-1, "a", false}, {0, "a", true}, {0, "A", true}, {1, ",", false}, {2, "b", false}} {
		if got := m.is(c.i, c.w); got != c.want {
			t.Errorf("is(%d, %q) = %v, want %v", c.i, c.w, got, c.want)
		}
	}
}

// TestIsAny checks that isAny is is of each word in turn.
func TestIsAny(t *testing.T) {
	text := "Said the Minister, who said “Ok” in Kiev"
	sg := segmenter{lx: newTestExtractor(t).lx}
	sg.tokenize(context.Background(), text, Span{0, len(text)})
	m := mentionCtx{text: text, toks: sg.toks}
	for _, ws := range [][]string{
		{"said", "says"}, {"the", "a"}, {"minister", "official"}, {","}, {"who", "which", "whose"},
		{"ok", "okay"}, {"in"}, {"kiev", "kyiv"}, {}, {"x", "said"},
	} {
		for i := -1; i <= len(m.toks); i++ {
			want := false
			for _, w := range ws {
				want = want || m.is(i, w)
			}
			if got := m.isAny(i, ws...); got != want {
				t.Errorf("isAny(%d %q, %q) = %v, is says %v", i, text, ws, got, want)
			}
		}
	}
}
