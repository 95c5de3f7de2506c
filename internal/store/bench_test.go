package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/claimsvc/claimsvc/internal/cputime"
	"github.com/claimsvc/claimsvc/internal/store"
	"github.com/claimsvc/claimsvc/internal/store/pgtest"
)

// The store benchmarks fill a store with synthetic claims — each with 8
// blocking keys drawn from a Zipf-distributed vocabulary of 50,000, as real
// text's stems are — and then measure, per claim, storing an article of 10
// claims and looking up the candidates of a new claim (its 8 keys, the 64 most
// recent per key, as the linker does). Sizes: 10k claims by default;
// CLAIMSVC_STORE_BENCH_SIZES=10000,100000,1000000 for the larger runs
// (BENCHMARKS.md), which take minutes to fill.
//
//	go test -run '^$' -bench BenchmarkStore -benchtime 2000x ./internal/store/

const benchKeys = 8

type keyGen struct {
	z *rand.Zipf
}

func newKeyGen(seed uint64) keyGen {
	return keyGen{rand.NewZipf(rand.New(rand.NewPCG(seed, 1)), 1.1, 10, 49_999)}
}

func (g keyGen) keys() []string {
	out := make([]string, benchKeys)
	for i := range out {
		out[i] = "w" + strconv.FormatUint(g.z.Uint64(), 36)
	}
	return out
}

func benchArticle(id string, claims int, g keyGen) store.Article {
	a := store.Article{ID: id, URL: "https://news.example/" + id}
	for n := 1; n <= claims; n++ {
		a.Claims = append(a.Claims, mkClaim(id, n, "Speaker "+strconv.Itoa(n%50), strings.Repeat("claim text ", 12), g.keys()...))
	}
	return a
}

func benchSizes() []int {
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

// fill stores n claims in articles of 200.
func fill(b *testing.B, s store.Store, n int) {
	ctx := context.Background()
	g := newKeyGen(42)
	for i := 0; i*200 < n; i++ {
		if err := s.PutArticle(ctx, benchArticle(fmt.Sprintf("fill%07d", i), min(200, n-i*200), g)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStore(b *testing.B) {
	var pg *pgtest.Server
	for _, backend := range []string{"sqlite", "postgres"} {
		for _, n := range benchSizes() {
			b.Run(fmt.Sprintf("%s/claims=%d", backend, n), func(b *testing.B) {
				ctx := context.Background()
				var s store.Store
				var err error
				if backend == "sqlite" {
					s, err = store.OpenSQLite(ctx, filepath.Join(b.TempDir(), "claims.db"))
				} else {
					if pg == nil {
						pg = pgtest.Start(b)
					}
					s, err = store.OpenPostgres(ctx, pg.NewDatabase(b))
				}
				if err != nil {
					b.Fatal(err)
				}
				defer s.Close()
				fill(b, s, n)
				g := newKeyGen(7)
				// CPU time, the client's process and the database server's
				// together: wall time on this shared machine measures the
				// neighbours.
				cpu := func(b *testing.B, f func()) {
					srv0 := time.Duration(0)
					if pg != nil && backend == "postgres" {
						srv0 = pg.CPU()
					}
					client := cputime.OfProcess(f)
					srv := time.Duration(0)
					if pg != nil && backend == "postgres" {
						srv = pg.CPU() - srv0
					}
					b.ReportMetric(float64((client+srv).Microseconds())/float64(b.N), "cpu-µs/op")
				}
				b.Run("write-per-claim", func(b *testing.B) {
					cpu(b, func() {
						// b.N claims, in articles of 10
						for i := 0; i < b.N; i += 10 {
							if err := s.PutArticle(ctx, benchArticle(fmt.Sprintf("new%07d", i/10), min(10, b.N-i), g)); err != nil {
								b.Fatal(err)
							}
						}
					})
				})
				b.Run("lookup-per-claim", func(b *testing.B) {
					found := 0
					cpu(b, func() {
						for i := 0; i < b.N; i++ {
							post, err := s.Candidates(ctx, g.keys(), 64, "")
							if err != nil {
								b.Fatal(err)
							}
							found += len(post)
						}
					})
					b.ReportMetric(float64(found)/float64(b.N), "postings/op")
				})
			})
		}
	}
}
