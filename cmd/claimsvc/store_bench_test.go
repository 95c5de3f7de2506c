package main

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/cputime"
)

// BenchmarkExtractStore is ExtractClaims over gRPC with the claim store off
// and with store_claims on the embedded store: each call stores a new article
// (a fresh ID, so the store grows through the run) after linking it to the
// claims stored before. cpu-µs/op is the whole process's CPU time per call
// (client, server, pipeline and SQLite share it), the figure to compare on a
// shared machine; BENCHMARKS.md has the ratio.
//
//	go test -run='^$' -bench=ExtractStore -benchtime=400x -count=5 ./cmd/claimsvc/
func BenchmarkExtractStore(b *testing.B) {
	text := benchArticle(b)
	for _, mode := range []string{"off", "embedded"} {
		b.Run(mode, func(b *testing.B) {
			flags := []string{"-store=none"}
			if mode == "embedded" {
				flags = []string{"-store-path=" + filepath.Join(b.TempDir(), "claims.db")}
			}
			client, stop := storeServer(b, flags...)
			defer stop()
			ctx := context.Background()
			cpu := cputime.OfProcess(func() {
				for i := 0; i < b.N; i++ {
					req := &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Id: "bench-" + strconv.Itoa(i), Text: text}, StoreClaims: mode == "embedded"}
					if _, err := client.ExtractClaims(ctx, req); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/op")
		})
	}
}
