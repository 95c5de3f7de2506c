package pipeline

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/dataset"
)

// BenchmarkPipeline measures the whole chain and each of its stages on the same
// input, so a regression can be pinned to a stage: extract (clean, segment,
// attribute, build claims), score (hedging and check-worthiness of every claim),
// link (linking the claims of one article among themselves, as article
// does: contradiction.LinkArticle), article (all three, as
// ExtractClaims runs them) and, on the synthetic batch, batch (BatchExtractClaims:
// parallel extraction plus linking across all articles).
//
// Inputs: "seeds" are the five sample web articles beside the data folder
// (skipped when absent); "synthetic64" is a deterministic batch of 64 generated
// articles of about 4 KB (the batch limit), so the figures exist without
// shared data. Every sub-benchmark reports MB/s, ns/article, allocations and
// cpu-ns/article: the process's CPU time (user + system, garbage collection
// included) per article, the figure to compare on a shared machine, where wall
// time measures the other tenants too. Run with -cpu 1 so it is one core's work.
//
//	go test -run='^$' -bench=Pipeline -benchmem -cpu 1 -count 6 ./internal/pipeline/ | tee new.txt
//	go tool -modfile=tools/go.mod benchstat old.txt new.txt
func BenchmarkPipeline(b *testing.B) {
	p, err := New()
	if err != nil {
		b.Fatal(err)
	}
	inputs := []struct {
		name  string
		texts func(testing.TB) []string
		batch bool
	}{
		{"seeds", benchSeedTexts, false},
		{"synthetic64", func(testing.TB) []string { return syntheticArticles(64, 4<<10) }, true},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			texts := in.texts(b)
			benchStages(b, p, texts, in.batch)
		})
	}
}

func benchStages(b *testing.B, p *Pipeline, texts []string, batch bool) {
	ctx := context.Background()
	var size int64
	arts := make([]claim.Article, len(texts))
	extracted := make([][]claim.Claim, len(texts))
	scored := make([][]claim.Claim, len(texts))
	for i, t := range texts {
		size += int64(len(t))
		arts[i] = claim.Article{ID: fmt.Sprintf("a%d", i), Text: t}
		cs, err := p.extractor.Extract(ctx, t)
		if err != nil {
			b.Fatal(err)
		}
		extracted[i] = cs
		res, _, err := p.article(ctx, arts[i], i)
		if err != nil {
			b.Fatal(err)
		}
		scored[i] = res.Claims
	}
	// run reports the common metrics around one pass over all texts.
	run := func(name string, pass func(b *testing.B)) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			cpu0 := processCPU()
			for b.Loop() {
				pass(b)
			}
			cpu := processCPU() - cpu0
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/article")
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*len(texts)), "cpu-ns/article")
		})
	}
	run("extract", func(b *testing.B) {
		for _, t := range texts {
			if _, err := p.extractor.Extract(ctx, t); err != nil {
				b.Fatal(err)
			}
		}
	})
	scratch := make([]claim.Claim, 0, 256)
	run("score", func(b *testing.B) {
		for i, t := range texts {
			scratch = append(scratch[:0], extracted[i]...)
			for k := range scratch {
				p.scorer.Score(t, &scratch[k])
			}
		}
	})
	run("link", func(b *testing.B) {
		for i := range texts {
			if _, _, err := p.classifier.LinkArticle(ctx, claim.Article{}, scored[i], false); err != nil {
				b.Fatal(err)
			}
		}
	})
	run("article", func(b *testing.B) {
		for i := range arts {
			if _, err := p.Article(ctx, arts[i], i); err != nil {
				b.Fatal(err)
			}
		}
	})
	if batch {
		run("batch", func(b *testing.B) {
			if _, _, err := p.Batch(ctx, arts); err != nil {
				b.Fatal(err)
			}
		})
	}
}

// benchSeedTexts reads the seed articles' texts, skipping when they are absent.
func benchSeedTexts(tb testing.TB) []string {
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

// syntheticArticles generates n news-like articles of about size bytes each,
// deterministically: a headline, some site cruft, and paragraphs of attributed
// claims (titled speakers, direct quotes with inverted cues, "according to",
// hedges, negations, numbers) about a shared set of entities, so that linking
// finds real candidates within and across articles. All text is invented here.
func syntheticArticles(n, size int) []string {
	r := rand.New(rand.NewPCG(7, 11))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	speakers := []string{
		"Interior Minister Ana Ruiz", "Deputy Foreign Minister Pavel Orlov", "Senator Mark Ellison",
		"the ministry spokeswoman, Lena Varga,", "General Tomas Brandt", "Mayor Iris Okafor",
		"a senior official who spoke on condition of anonymity", "the company's chief executive, Dana Holt,",
	}
	pronouns := []string{"she", "he", "they"}
	orgs := []string{"the Interior Ministry", "officials in the capital", "the central bank", "NATO", "the European Commission", "two people familiar with the talks"}
	cues := []string{"said", "told reporters", "insisted", "made clear", "warned", "claimed", "denied", "confirmed"}
	hedges := []string{"", "", "may ", "could ", "is likely to ", "is expected to ", "reportedly "}
	subjects := []string{"the border agreement", "the pipeline project", "the ceasefire", "the trade deal", "the crossing", "the new tariff", "the budget"}
	verbs := []string{"be signed this year", "reopen in March", "hold through the winter", "cost 2.4 billion euros", "cut exports by 12 percent", "be delayed until 2027"}
	places := []string{"Moscow", "Washington", "Kyiv", "Brussels", "Beijing", "Ankara"}
	claimSentence := func() string {
		neg := r.IntN(4) == 0
		prop := pick(subjects) + " will " + pick(verbs)
		if neg {
			prop = pick(subjects) + " will not " + pick(verbs)
		}
		if h := pick(hedges); h != "" {
			prop = pick(subjects) + " " + h + pick(verbs)
		}
		switch r.IntN(5) {
		case 0:
			return fmt.Sprintf("%s %s on %s that %s.", pick(speakers), pick(cues), pick([]string{"Monday", "Tuesday", "Friday"}), prop)
		case 1:
			return fmt.Sprintf("“%s,” %s %s.", strings.ToUpper(prop[:1])+prop[1:], pick(pronouns), pick(cues))
		case 2:
			return fmt.Sprintf("According to %s, %s.", pick(orgs), prop)
		case 3:
			return fmt.Sprintf("“We have no plan to discuss %s with %s,” %s said.", pick(subjects), pick(places), pick(speakers))
		default:
			return fmt.Sprintf("Trade between %s and %s fell by %d percent last year, the lowest level since %d.", pick(places), pick(places), 5+r.IntN(40), 1995+r.IntN(25))
		}
	}
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		fmt.Fprintf(&b, "Talks on %s stall in %s\n\nShare this article\nSubscribe to our newsletter\n\n", pick(subjects), pick(places))
		for b.Len() < size {
			k := 2 + r.IntN(3)
			for j := 0; j < k; j++ {
				if j > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(claimSentence())
			}
			b.WriteString("\n\n")
		}
		b.WriteString("Related articles\nRead more: Previous Article | Next Article\n")
		out[i] = b.String()
	}
	return out
}

// TestSyntheticArticlesYieldClaims keeps the benchmark honest: the generated
// batch must contain claims and contradiction candidates, or the benchmark would
// time an extractor that finds nothing.
func TestSyntheticArticlesYieldClaims(t *testing.T) {
	p := newPipeline(t)
	texts := syntheticArticles(8, 4<<10)
	arts := make([]claim.Article, len(texts))
	for i, s := range texts {
		if len(s) < 4<<10 || len(s) > 6<<10 {
			t.Errorf("article %d is %d bytes, want about 4 KB", i, len(s))
		}
		arts[i] = claim.Article{Text: s}
	}
	results, cross, err := p.Batch(context.Background(), arts)
	if err != nil {
		t.Fatal(err)
	}
	claims := 0
	for _, r := range results {
		claims += len(r.Claims)
	}
	if claims < 10*len(texts) {
		t.Errorf("%d claims in %d synthetic articles; the generator should yield at least 10 each", claims, len(texts))
	}
	if len(cross) == 0 {
		t.Error("no cross-article links in the synthetic batch; linking would be benchmarked idle")
	}
}
