package pipeline

import "testing"

// BenchmarkNew measures start-up: building every stage from its embedded data,
// the work claimbatch and claimsvc do once before the first article.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}
