package extractor

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimsvc/claimsvc/internal/dataset"
)

// BenchmarkExtractSeeds runs the extractor over the five sample web articles and
// reports throughput (MB/s via SetBytes) and allocations per pass.
func BenchmarkExtractSeeds(b *testing.B) {
	texts := seedTexts(b)
	e, err := New()
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

// seedTexts reads shared/seeds/*.txt, skipping when the folder is absent.
func seedTexts(tb testing.TB) []string {
	tb.Helper()
	dir, err := dataset.SeedsDir()
	if err != nil {
		tb.Skipf("seeds not available: %v", err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Skipf("no seed articles in %s", dir)
	}
	out := make([]string, 0, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}
