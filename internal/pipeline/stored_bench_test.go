package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/contradiction"
	"github.com/claimsvc/claimsvc/internal/dataset"
	"github.com/claimsvc/claimsvc/internal/store"
	"github.com/claimsvc/claimsvc/internal/store/pgtest"
)

// BenchmarkArticleStored is one article linked to a claim store of real
// claims and then written there (ArticleStored), against the same article
// without the store (Article): the cost store_claims adds to a call. The store
// is filled with the claims of the PolNeAR train articles (copied under new
// IDs until it holds the size asked), the articles measured are the PolNeAR
// dev ones, each under a new ID. cpu-µs/op is the process's CPU per article,
// plus for PostgreSQL its server processes'. Sizes: 10k stored claims;
// CLAIMSVC_STORE_BENCH_SIZES=10000,100000 for more.
//
//	go test -run '^$' -bench ArticleStored -benchtime 200x -cpu 1 ./internal/pipeline/
func BenchmarkArticleStored(b *testing.B) {
	trainPath, err := dataset.Path("attribution/polnear-train.jsonl")
	if err != nil {
		b.Skip(err)
	}
	devPath, _ := dataset.Path("attribution/polnear-dev.jsonl")
	train, err := dataset.ReadAttribution(trainPath)
	if err != nil {
		b.Skip(err)
	}
	dev, err := dataset.ReadAttribution(devPath)
	if err != nil {
		b.Skip(err)
	}
	p, err := New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	type done struct {
		a        claim.Article
		res      Result
		prepared []contradiction.Prepared
	}
	var fillers []done
	for i, t := range train {
		a := claim.Article{ID: t.ID, Text: t.Text, URL: "https://news.example/" + t.ID}
		res, prepared, err := p.article(ctx, a, i)
		if err != nil {
			b.Fatal(err)
		}
		fillers = append(fillers, done{a, res, prepared})
	}
	b.Run("off", func(b *testing.B) {
		cpu0 := processCPU()
		for i := 0; i < b.N; i++ {
			d := dev[i%len(dev)]
			if _, err := p.Article(ctx, claim.Article{ID: "bench-" + strconv.Itoa(i), Text: d.Text}, i); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/float64(b.N), "cpu-µs/op")
	})
	var pg *pgtest.Server
	for _, backend := range []string{"sqlite", "postgres"} {
		for _, n := range storedBenchSizes() {
			// Opened and filled once, outside b.Run, whose function runs more
			// than once.
			var st store.Store
			var err error
			if backend == "sqlite" {
				st, err = store.OpenSQLite(ctx, filepath.Join(b.TempDir(), "claims.db"))
			} else {
				if pg == nil {
					pg = pgtest.Start(b)
				}
				st, err = store.OpenPostgres(ctx, pg.NewDatabase(b))
			}
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			for stored, i := 0, 0; stored < n; i++ {
				d := fillers[i%len(fillers)]
				a := d.a
				if copyN := i / len(fillers); copyN > 0 {
					a.ID = a.ID + "~" + strconv.Itoa(copyN)
				}
				res := d.res
				res.ArticleID = a.ID
				res.Claims = append([]claim.Claim(nil), d.res.Claims...)
				for j := range res.Claims {
					res.Claims[j].ID = a.ID + res.Claims[j].ID[strings.LastIndexByte(res.Claims[j].ID, '#'):]
				}
				if err := put(ctx, st, a, res, d.prepared); err != nil {
					b.Fatal(err)
				}
				stored += len(res.Claims)
			}
			round := 0
			b.Run(fmt.Sprintf("%s/claims=%d", backend, n), func(b *testing.B) {
				round++
				serverCPU := func() time.Duration {
					if backend == "postgres" {
						return pg.CPU()
					}
					return 0
				}
				b.ResetTimer()
				cpu0, srv0 := processCPU(), serverCPU()
				links := 0
				for i := 0; i < b.N; i++ {
					d := dev[i%len(dev)]
					_, sl, err := p.ArticleStored(ctx, st, claim.Article{ID: "bench-" + strconv.Itoa(round) + "-" + strconv.Itoa(i), Text: d.Text}, i)
					if err != nil {
						b.Fatal(err)
					}
					links += len(sl)
				}
				cpu := processCPU() - cpu0 + serverCPU() - srv0
				b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/op")
				b.ReportMetric(float64(links)/float64(b.N), "stored-links/op")
			})
		}
	}
}

func storedBenchSizes() []int {
	env := os.Getenv("CLAIMSVC_STORE_BENCH_SIZES")
	if env == "" {
		return []int{10_000}
	}
	var out []int
	for _, f := range strings.Split(env, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}
