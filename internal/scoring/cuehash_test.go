package scoring

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestFeatureHashesMatchFeatures checks featureHashes against hashing the
// features cueFinder.features lists, feature by feature in order, for every
// candidate of the bench sentences and of random ones built of cue words,
// negators, capitals and numbers at every position.
func TestFeatureHashesMatchFeatures(t *testing.T) {
	s := newScorer(t)
	words := []string{"may", "May", "might", "not", "never", "suggests", "Reportedly", "about", "30", "the", "clearly", "could", "not", "be", "confirmed", "whether", "or", "it", "is", "likely", "no", "doubt", "20", ".", ",", "possibly", "Will"}
	sentences := append([]string(nil), benchSentences...)
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var b strings.Builder
		for k := r.IntN(12); k >= 0; k-- {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte(' ')
		}
		sentences = append(sentences, b.String())
	}
	checked := 0
	for _, x := range sentences {
		toks := tokenize(x, nil)
		for _, c := range s.finder.find(toks, nil) {
			var feats [maxCueFeats]cueFeat
			var hashes [maxCueFeats]uint64
			n := s.finder.features(toks, c, &feats)
			if m := featureHashes(toks, c, &hashes); m != n {
				t.Fatalf("%q candidate %q: %d hashes, %d features", x, c.p.form, m, n)
			}
			for k := range n {
				if want := featHash(feats[k].name(c.p)); hashes[k] != want {
					t.Fatalf("%q candidate %q feature %d %q: hash %#x, want %#x", x, c.p.form, k, feats[k].name(c.p), hashes[k], want)
				}
			}
			checked++
		}
	}
	if checked < 1000 {
		t.Errorf("only %d candidates checked", checked)
	}
}
