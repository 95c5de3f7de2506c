package extractor

import (
	"context"
	"strings"
	"testing"

	"github.com/claimsvc/claimsvc/internal/dataset"
)

// BenchmarkExtractSeeds runs the extractor over the five sample web articles and
// reports throughput (MB/s via SetBytes) and allocations per pass.
func BenchmarkExtractSeeds(b *testing.B) { benchSeeds(b, Options{}) }

// BenchmarkExtractSeedsRules is BenchmarkExtractSeeds without the learned
// attribution model (the rules' relations as they are), for the model's cost
// measured side by side.
func BenchmarkExtractSeedsRules(b *testing.B) { benchSeeds(b, Options{NoModel: true}) }

func benchSeeds(b *testing.B, o Options) {
	texts := seedTexts(b)
	e, err := NewWithOptions(o)
	if err != nil {
		b.Fatal(err)
	}
	var n int64
	for _, t := range texts {
		n += int64(len(t))
	}
	ctx := context.Background()
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			if _, err := e.Extract(ctx, t); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// seedTexts reads the seed articles' texts, skipping when they are absent.
func seedTexts(tb testing.TB) []string {
	tb.Helper()
	seeds, err := dataset.ReadSeeds()
	if err != nil {
		tb.Skipf("seeds not available: %v", err)
	}
	out := make([]string, len(seeds))
	for i, s := range seeds {
		out[i] = s.Text
	}
	return out
}

// BenchmarkExtractStraightQuotes runs the extractor over one 128 KB line of
// straight quotation marks, a token and a quote region per byte: the case where
// growing the per-call buffers dominated allocation.
func BenchmarkExtractStraightQuotes(b *testing.B) {
	e, err := New()
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat(`"`, 128<<10)
	ctx := context.Background()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Extract(ctx, text); err != nil {
			b.Fatal(err)
		}
	}
}
