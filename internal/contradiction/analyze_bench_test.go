package contradiction

import (
	"testing"

	"github.com/claimsvc/claimsvc/internal/dataset"
)

// BenchmarkAnalyze analyses every sentence of the seed articles (skipped without
// them), the per-claim work PrepareArticle does before linking. Reported per
// claim next to the usual ns/op (all sentences) and allocations.
//
//	go test -run '^$' -bench Analyze -benchmem -cpu 1 ./internal/contradiction/
func BenchmarkAnalyze(b *testing.B) {
	seeds, err := dataset.ReadSeeds()
	if err != nil {
		b.Skipf("no seed articles (%v)", err)
	}
	var texts []string
	for _, sd := range seeds {
		texts = append(texts, sentences(sd.Text)...)
	}
	c, err := New()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			c.lx.analyze(t)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/claim")
}
