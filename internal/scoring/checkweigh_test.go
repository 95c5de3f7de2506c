package scoring

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// TestSumMatchesFeatures checks checkModel.sum against its definition: the
// bias plus the weight of every occurrence appendCheckFeatures lists, added in
// its order, and the strongest contributions of each sign of at least
// minReason, stably sorted by |w| descending (ties keep the earlier), at most
// maxReasons of each. The texts are written sentences and random runs of
// lexicon words, capitalised words, numbers and marks.
func TestSumMatchesFeatures(t *testing.T) {
	s := newScorer(t)
	texts := append([]string{
		"", ".", "I", "I'm sure.", "Thirty Three ministers resigned.", "The U.S. spent $40 million (12 percent) in 2021!",
		"Well, are you going to answer the question?", "NATO and the EU have agreed: talks resume.",
	}, benchSentences...)
	var vocab []string
	for w := range s.check.classes {
		vocab = append(vocab, w, strings.ToUpper(w[:1])+w[1:])
	}
	slices.Sort(vocab) // the map's order is random; the test's texts are not
	vocab = append(vocab, "the", "talks", "reported", "Moscow", "1,200", "2021", "3.5", ",", ".", "?", "!", "%", "$", "'s", "-")
	r := rand.New(rand.NewPCG(7, 8))
	for range 3000 {
		words := make([]string, r.IntN(40))
		for k := range words {
			words[k] = vocab[r.IntN(len(vocab))]
		}
		texts = append(texts, strings.Join(words, " "))
	}
	for n, text := range texts {
		toks := tokenize(text, nil)
		info, _ := s.finder.words.lookup(toks, nil, nil)
		typ := claim.Type(n % 9)
		var cs checkSum
		s.check.sum(&cs, text, toks, info, typ)

		z := s.check.bias
		var pos, neg []contribution
		for _, o := range appendCheckFeatures(nil, text, toks, info, typ) {
			w := s.check.weight(o.f)
			z += w
			c := contribution{f: o.f, i: int(o.i), j: int(o.j), w: w}
			switch {
			case w >= minReason:
				pos = append(pos, c)
			case w <= -minReason:
				neg = append(neg, c)
			}
		}
		sort.SliceStable(pos, func(a, b int) bool { return pos[a].w > pos[b].w })
		sort.SliceStable(neg, func(a, b int) bool { return neg[a].w < neg[b].w })
		pos, neg = pos[:min(len(pos), maxReasons)], neg[:min(len(neg), maxReasons)]

		if math.Float64bits(cs.z) != math.Float64bits(z) {
			t.Fatalf("%q: sum %v, want %v", text, cs.z, z)
		}
		if got := cs.pos.list(); !reflect.DeepEqual(slices.Clip(got), pos) && (len(got) > 0 || len(pos) > 0) {
			t.Fatalf("%q: positive %+v, want %+v", text, got, pos)
		}
		if got := cs.neg.list(); !reflect.DeepEqual(slices.Clip(got), neg) && (len(got) > 0 || len(neg) > 0) {
			t.Fatalf("%q: negative %+v, want %+v", text, got, neg)
		}
	}
}
