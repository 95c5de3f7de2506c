package extractor

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/claimsvc/claimsvc/internal/dataset"
)

// wordAt runs read (word or wordGeneral) on a fresh segmenter at every start
// and returns where the word ends and the token it pushed.
func wordAt(lx *lexicon, read func(sg *segmenter, text string, i, end int) int, text string, i int) (int, token) {
	sg := segmenter{lx: lx}
	e := read(&sg, text, i, len(text))
	if len(sg.toks) != 1 {
		return e, token{kind: tOther, flags: uint8(len(sg.toks))}
	}
	return e, sg.toks[0]
}

// checkWordsMatch compares word with wordGeneral at every byte of text where a
// word can start.
func checkWordsMatch(t *testing.T, lx *lexicon, text string) {
	t.Helper()
	for i := 0; i < len(text); i++ {
		if asciiClass[text[i]] != asciiWord {
			continue
		}
		ge, gt := wordAt(lx, (*segmenter).wordGeneral, text, i)
		we, wt := wordAt(lx, (*segmenter).word, text, i)
		if ge != we || gt != wt {
			t.Fatalf("%q at %d: word %d %+v, wordGeneral %d %+v", text, i, we, wt, ge, gt)
		}
	}
}

// TestPlainWordMatchesGeneral checks that the plain-word fast path reads every
// word exactly as the general path does: the cases at its edges, then random
// text over an alphabet of letters, capitals, connectors and non-ASCII runes.
func TestPlainWordMatchesGeneral(t *testing.T) {
	e := newTestExtractor(t)
	for _, text := range []string{
		"said", "Said", "SAID", "said.", "Mr. Smith", "U.S. capital", "Sen. Jones", "F. Kennedy", "A. B",
		"said.Trump", "cnn.com", "3,000 people", "3, 4", "a,b", "well-known", "well- known", "he's", "he’s",
		"Trump's", "Trump’s", "Trumps’", "and/or", "a/ b", "café", "naïve", "CNN,", "CNN.", "Inc.", "inc.",
		"etc.", "Jan.", "No.", "NO.", "I.", "x'", "x' y", "x-", "$5", "50%", "AT&T", "#tag", "@user",
		"word\xff", "word\xe2\x80", "word—dash", "word”", "word“", "a\u0301", "x\u200b", "end",
		"VERY LOUD WORDS.", "e.g. this", "i.e., that", "Ph.D.", "9.", "abcd.e",
	} {
		checkWordsMatch(t, e.lx, text)
	}
	alphabet := []string{"a", "b", "s", "e", "i", "A", "S", "U", "M", "r", "1", "9", "$", "%", "&", "@", "#",
		"'", "’", "-", ".", ",", "/", " ", "\n", "é", "É", "—", "”", "\xff", "\u0301", "mr", "inc", "said", "us"}
	rng := rand.New(rand.NewSource(1))
	var b strings.Builder
	for n := 0; n < 3000; n++ {
		b.Reset()
		for k := rng.Intn(12); k >= 0; k-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		checkWordsMatch(t, e.lx, b.String())
	}
	seeds, err := dataset.ReadSeeds()
	if err != nil {
		t.Logf("seeds not available: %v", err)
	}
	for _, s := range seeds {
		checkWordsMatch(t, e.lx, s.Text)
	}
}
