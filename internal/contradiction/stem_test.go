package contradiction

import (
	"strings"
	"testing"

	"github.com/claimsvc/claimsvc/internal/dataset"
)

// TestStemCutAsStemRegular checks stemCut (and stemRegular built on it)
// against the copying stemmer it replaced, on every word of the lexicon's
// lists, every token of the seed articles and each suffix rule's edge cases.
func TestStemCutAsStemRegular(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"", "a", "abc", "abcd", "sses", "asses", "ies", "dies", "studies", "tied", "ied", "cried",
		"is", "this", "bus", "boss", "opens", "opened", "opening", "stopping", "stopped", "falling", "agreeing",
		"agreed", "close", "closes", "free", "tree", "seeing", "eing", "ing", "bring", "red", "feed", "ee", "x-ray",
		"e-mail", "1990s", "café", "naïve", "USA", "fizzing", "hopped", "seed", "seeds", "freed", "glee", "glees",
		"ties", "lied", "lies", "dies", "ring", "bring", "sing", "ping", "thing", "shed", "bed", "bleed", "uses", "kiss",
		"axis", "fuss", "bus", "eyes", "ees", "aed", "aing", "aaing", "iing", "ieed", "eeed", "seeing", "skiing", "bees"}
	// and every word of up to 6 letters over the letters the rules name
	const letters = "aeinsdgu-"
	var gen func(w string)
	gen = func(w string) {
		words = append(words, w)
		if len(w) < 6 {
			for k := range len(letters) {
				gen(w + letters[k:k+1])
			}
		}
	}
	gen("")
	for i := range lx.facts.entries {
		words = append(words, lx.facts.key(i))
	}
	for i := range lx.stemFacts.entries {
		words = append(words, lx.stemFacts.key(i))
	}
	if seeds, err := dataset.ReadSeeds(); err == nil {
		for _, sd := range seeds {
			for _, tk := range tokenize(sd.Text) {
				words = append(words, tk.low)
			}
		}
	}
	for _, w := range words {
		want := refStemRegular(w)
		if got := stemRegular(w); got != want {
			t.Errorf("stemRegular(%q) = %q, want %q", w, got, want)
		}
		n, y := stemCut(w)
		got := w[:n]
		if y {
			got += "y"
		}
		if got != want {
			t.Errorf("stemCut(%q) = %d %v (%q), want %q", w, n, y, got, want)
		}
	}
}

// refStemRegular is stemRegular as it was before stemCut: the reference.
func refStemRegular(w string) string {
	if len(w) <= 3 || !isASCIIWord(w) {
		return w
	}
	stripped := true
	switch {
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
		stripped = false // a plural or third person keeps the bare form's final "e"
	case strings.HasSuffix(w, "ing") && len(w) > 5:
		w = undouble(w[:len(w)-3])
	case strings.HasSuffix(w, "ed") && len(w) > 4:
		w = undouble(w[:len(w)-2])
	default:
		stripped = false
	}
	// A final "e" is dropped from bare words ("close" → "clos") and what suffix
	// stripping leaves of a doubled "ee" ("agreeing" → "agree" → "agre"), so both
	// match the stripped forms ("closed" → "clos", "agreed" → "agre").
	if strings.HasSuffix(w, "e") && len(w) > 3 && (!stripped || strings.HasSuffix(w, "ee")) {
		w = w[:len(w)-1]
	}
	return w
}
