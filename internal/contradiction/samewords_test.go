package contradiction

import (
	"slices"
	"strings"
	"testing"
)

// TestSameWordsMatchesFields checks sameWords against its definition: the
// strings.Fields of both texts are equal, with ASCII, Unicode and invalid bytes.
func TestSameWordsMatchesFields(t *testing.T) {
	texts := []string{
		"", " ", "\t\n", "a", "a b", " a  b ", "a\tb", "a\nb\r\n", "ab", "a bc", "ab c",
		"Editor's note: this story was updated.", "Editor's  note:\nthis story was updated. ",
		"a\u00a0b", "a b\u00a0", "a\u0085b", "a\u2003b", "a\u3000b", "naïve café", "naïve  café",
		"a\xffb", "a \xff b", "a\xff b", "\xc2", "a\xc2 b", "a\u200bb", "a\u200b b",
	}
	for _, x := range texts {
		for _, y := range texts {
			want := slices.Equal(strings.Fields(x), strings.Fields(y))
			if got := sameWords(x, y); got != want {
				t.Errorf("sameWords(%q, %q) = %v, want %v", x, y, got, want)
			}
		}
	}
}
