package contradiction

import (
	"context"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// syntheticClaims makes n news-like claims deterministically: Zipf-distributed
// entities (some from the alias list, so "Moscow" and "Russia" block together) and
// content words made of syllables, about one in eight negated. The words are
// invented so the benchmark needs no corpus; the distribution is what matters.
func syntheticClaims(n int) []claim.Claim {
	r := rand.New(rand.NewPCG(1, 2))
	syll := []string{"ka", "lo", "mi", "ru", "te", "san", "vor", "dal", "pen", "gri", "tho", "mas"}
	word := func(i int) string {
		var b strings.Builder
		for k := 0; k < 3; k++ {
			b.WriteString(syll[i%len(syll)])
			i /= len(syll)
		}
		return b.String()
	}
	real := []string{"Moscow", "Washington", "Kyiv", "Beijing", "Russia", "the United States", "Ukraine", "China", "NATO", "the EU"}
	entity := func(i int) string {
		if i < len(real) {
			return real[i]
		}
		w := word(i + 1000)
		return strings.ToUpper(w[:1]) + w[1:]
	}
	ents := rand.NewZipf(r, 1.2, 2, 5000)
	nouns := rand.NewZipf(r, 1.1, 4, 20000)
	out := make([]claim.Claim, n)
	for i := range out {
		neg := ""
		if r.IntN(8) == 0 {
			neg = "not "
		}
		text := entity(int(ents.Uint64())) + " and " + entity(int(ents.Uint64())) + " did " + neg +
			word(int(nouns.Uint64())) + " the " + word(int(nouns.Uint64())) + " of " + word(int(nouns.Uint64())) +
			" near " + word(int(nouns.Uint64())) + "."
		out[i] = claim.Claim{ID: "s#" + itoa(i+1), Text: text, Speaker: claim.Speaker{Kind: claim.SpeakerArticle}}
	}
	return out
}

// BenchmarkIndex indexes 10,000 and 100,000 claims in batches of 100, as a stream
// of articles would arrive. Reported: ns per claim and the heap the index holds
// at the end (MB), next to the usual ns/op and B/op.
//
//	go test -run '^$' -bench BenchmarkIndex -benchtime 1x -count 1 ./internal/contradiction/
func BenchmarkIndex(b *testing.B) {
	c, err := New()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{10_000, 100_000} {
		claims := syntheticClaims(n)
		b.Run(itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			var heap uint64
			links := 0
			for range b.N {
				runtime.GC()
				var before runtime.MemStats
				runtime.ReadMemStats(&before)
				ix := c.NewIndex()
				for i := 0; i < n; i += 100 {
					ls, err := ix.Add(context.Background(), claims[i:min(i+100, n)], time.Time{})
					if err != nil {
						b.Fatal(err)
					}
					links += len(ls)
				}
				runtime.GC()
				var after runtime.MemStats
				runtime.ReadMemStats(&after)
				heap = after.HeapAlloc - before.HeapAlloc
				runtime.KeepAlive(ix)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/claim")
			b.ReportMetric(float64(heap)/(1<<20), "MB-index")
			b.ReportMetric(float64(links)/float64(b.N), "links")
		})
	}
}
