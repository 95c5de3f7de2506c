package contradiction

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/dataset"
)

// reuseArticles is a run of articles of very different sizes, so memory
// reused from one to the next is sometimes too small (a pooled chunk that
// grows mid-article, a key table sized anew) and sometimes larger than needed
// (stale slots, lists and slices past what the article uses): synthetic
// claims, claims with every kind of cue (negators, numbers, dates, stances,
// more antonym terms than an analysis holds inline), repeated texts, the seed
// articles' sentences when ../shared/seeds is there, and empty articles.
func reuseArticles(t *testing.T) [][]claim.Claim {
	t.Helper()
	syn := syntheticClaims(900)
	cues := claimsOf("cues",
		"Moscow and Washington did not resume talks on the treaty in March 2024.",
		"Russia and the United States resumed talks on the treaty on Monday.",
		"Officials said 3,000 troops may leave, but some 30 remained, never fewer.",
		"Prices rose, fell, increased, decreased, won, lost, opened, closed, accepted and rejected the deal.",
		"The minister denied that contact is rare; he confirmed there was no dialogue.",
		"Prices rose, fell, increased, decreased, won, lost, opened, closed, accepted and rejected the deal.",
		"",
		"No, I painted it.")
	var seeds []claim.Claim
	if sds, err := dataset.ReadSeeds(); err == nil {
		for k, sd := range sds {
			for n, s := range sentences(sd.Text) {
				seeds = append(seeds, claim.Claim{ID: fmt.Sprintf("seed%d#%d", k, n+1), Text: s,
					Type: claim.TypeEvent, Speaker: claim.Speaker{Name: "Sergei Ryabkov", Kind: claim.SpeakerPerson}})
			}
		}
	}
	for i := range syn {
		syn[i].Type = claim.TypeEvent
	}
	for i := range cues {
		cues[i].Type = claim.TypeEvent
	}
	return [][]claim.Claim{syn[:300], cues, nil, syn[300:305], seeds, syn[305:306], syn[306:900], cues[:2], seeds[:min(40, len(seeds))], syn[:300]}
}

// exactPrepared is PrepareArticle as it was before arenas: every analysis
// allocated on its own by analyze.
func exactPrepared(c *Classifier, a claim.Article, claims []claim.Claim) []Prepared {
	out := make([]Prepared, len(claims))
	for i, cl := range claims {
		st := StatementOf(cl, a.Published)
		st.URL = a.URL
		out[i] = Prepared{indexed{id: cl.ID, st: st, an: c.lx.analyze(cl.Text)}}
	}
	return out
}

// sameAnalyses fails unless got and want are the same analyses field by
// field (an empty list and a nil one alike: %+v prints both as []).
func sameAnalyses(t *testing.T, what string, got, want []Prepared) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d prepared, want %d", what, len(got), len(want))
	}
	for i := range got {
		g, w := fmt.Sprintf("%+v %+v", got[i].item.st, *got[i].item.an), fmt.Sprintf("%+v %+v", want[i].item.st, *want[i].item.an)
		if g != w || got[i].item.id != want[i].item.id {
			t.Fatalf("%s: claim %d (%q) analysed as\n%s\nwant\n%s", what, i, want[i].item.st.Text, g, w)
		}
	}
}

// TestLinkArticleMatchesFreshIndex checks LinkArticle (analyses in a pooled
// arena, a pooled Index) against exact analyses linked on a fresh Index, for
// article after article, with and without keep, and that the prepared claims
// it keeps are the exact analyses; then that a reset Index and a reset arena,
// reused directly, give the same as fresh ones, and that many goroutines
// sharing the pools do too.
func TestLinkArticleMatchesFreshIndex(t *testing.T) {
	c := newClassifier(t)
	ctx := context.Background()
	arts := reuseArticles(t)
	meta := claim.Article{ID: "x", URL: "https://example.com/x", Published: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
	want := make([][]claim.Link, len(arts))
	exact := make([][]Prepared, len(arts))
	for k, cs := range arts {
		exact[k] = exactPrepared(c, meta, cs)
		links, err := c.NewIndex().AddPrepared(ctx, exact[k])
		if err != nil {
			t.Fatal(err)
		}
		want[k] = links
	}
	if n := len(want[0]) + len(want[1]) + len(want[4]); n == 0 {
		t.Fatal("no links at all: the test compares nothing")
	}
	for pass := range 2 {
		for k, cs := range arts {
			keep := (pass+k)%2 == 0
			links, kept, err := c.LinkArticle(ctx, meta, cs, keep)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(links, want[k]) {
				t.Fatalf("pass %d article %d (keep %v): LinkArticle links differ from a fresh index's:\n%+v\nwant\n%+v", pass, k, keep, links, want[k])
			}
			if !keep {
				if kept != nil {
					t.Fatalf("article %d: LinkArticle without keep returned %d prepared", k, len(kept))
				}
				continue
			}
			sameAnalyses(t, fmt.Sprintf("pass %d article %d kept", pass, k), kept, exact[k])
			sameAnalyses(t, fmt.Sprintf("article %d PrepareArticle", k), c.PrepareArticle(meta, cs), exact[k])
		}
	}

	ix, ar := c.NewIndex(), newPooledArena()
	for k, cs := range arts {
		prepared := make([]Prepared, len(cs))
		if err := c.prepareAll(ctx, ar, meta, cs, prepared); err != nil {
			t.Fatal(err)
		}
		sameAnalyses(t, fmt.Sprintf("article %d in a reused arena", k), prepared, exact[k])
		links, err := ix.AddPrepared(ctx, prepared)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(links, want[k]) {
			t.Fatalf("article %d: a reset index's links differ from a fresh one's", k)
		}
		ix.reset()
		ar.reset()
	}

	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for g := range 4 {
		wg.Go(func() {
			for k := range arts {
				k = (k + g) % len(arts)
				links, _, err := c.LinkArticle(ctx, meta, arts[k], k%2 == 0)
				if err == nil && !reflect.DeepEqual(links, want[k]) {
					err = fmt.Errorf("goroutine %d article %d: links differ", g, k)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// TestLinkArticleErrors checks that LinkArticle reports a cancelled context
// and a repeated ID as AddPrepared does, and that the pooled Index it used is
// left empty for the next article.
func TestLinkArticleErrors(t *testing.T) {
	c := newClassifier(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cs := claimsOf("a", "Moscow did not resume talks.", "Moscow resumed talks.")
	if _, _, err := c.LinkArticle(ctx, claim.Article{}, cs, true); err == nil {
		t.Error("cancelled context: no error")
	}
	dup := append(cs, cs[0])
	if _, _, err := c.LinkArticle(context.Background(), claim.Article{}, dup, false); err == nil {
		t.Error("repeated ID: no error")
	}
	links, _, err := c.LinkArticle(context.Background(), claim.Article{}, cs, false)
	if err != nil {
		t.Fatal(err)
	}
	want, err := c.NewIndex().Add(context.Background(), cs, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(links, want) {
		t.Errorf("after errors: links %+v, want %+v", links, want)
	}
}
