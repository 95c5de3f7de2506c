package pipeline

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

func newPipeline(t *testing.T) *Pipeline {
	t.Helper()
	p, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestArticleID(t *testing.T) {
	tests := []struct {
		id   string
		pos  int
		want string
	}{
		{"tass-1", 3, "tass-1"},
		{"", 0, "0"},
		{"", 12, "12"},
	}
	for _, tt := range tests {
		if got := ArticleID(claim.Article{ID: tt.id}, tt.pos); got != tt.want {
			t.Errorf("ArticleID(%q, %d) = %q, want %q", tt.id, tt.pos, got, tt.want)
		}
	}
}

func TestCrossLinks(t *testing.T) {
	own := []claim.Claim{{ID: "b#1"}, {ID: "b#2"}}
	links := []claim.Link{{A: "b#1", B: "b#2", Score: .9}, {A: "a#4", B: "b#1", Score: .8}}
	if got := crossLinks(links, own, func(a, b string) bool { return a == b }); !reflect.DeepEqual(got, links[1:]) {
		t.Errorf("crossLinks = %v, want only the link to article a", got)
	}
}

const (
	// Two articles written for this test that disagree on one proposition.
	open = "Officials in Washington said the United States maintains open lines of communication with Moscow."
	shut = "Deputy Foreign Minister Sergei Ryabkov made clear that there is no line of communication between Moscow and Washington."
)

func TestArticleScoresAndNamesClaims(t *testing.T) {
	p := newPipeline(t)
	res, err := p.Article(context.Background(), claim.Article{ID: "x", Text: open + " " + shut}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Claims) < 2 {
		t.Fatalf("want the two attributed claims, got %+v", res.Claims)
	}
	for i, c := range res.Claims {
		if c.ID != "x#"+strconv.Itoa(i+1) {
			t.Errorf("claim %d has id %q", i, c.ID)
		}
		if c.Hedging.Score < 0 || c.Hedging.Score > 1 || c.CheckWorthiness < 0 || c.CheckWorthiness > 1 {
			t.Errorf("claim %s: scores out of range: hedging %v check %v", c.ID, c.Hedging.Score, c.CheckWorthiness)
		}
	}
	if len(res.Links) == 0 {
		t.Error("the two claims oppose each other within the article but were not linked")
	}
}

func TestBatchLinksAcrossArticles(t *testing.T) {
	p := newPipeline(t)
	results, cross, err := p.Batch(context.Background(), []claim.Article{{Text: open}, {ID: "ryabkov", Text: shut}})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 || results[0].ArticleID != "0" || results[1].ArticleID != "ryabkov" {
		t.Fatalf("results %+v", results)
	}
	if len(cross) == 0 {
		t.Fatal("no cross-article link between the two opposing articles")
	}
	for _, l := range cross {
		if !strings.HasPrefix(l.A, "0#") || !strings.HasPrefix(l.B, "ryabkov#") {
			t.Errorf("cross link %s → %s should run from the earlier article to the later", l.A, l.B)
		}
		if l.Explanation == "" || l.Reason == claim.ReasonUnspecified {
			t.Errorf("link without reason or explanation: %+v", l)
		}
	}
}

func TestStreamLinksToEarlierArticles(t *testing.T) {
	p := newPipeline(t)
	s := p.NewStream()
	ctx := context.Background()
	if _, cross, err := s.Add(ctx, claim.Article{ID: "a", Text: open}, 0); err != nil || len(cross) != 0 {
		t.Fatalf("first article: cross %v err %v", cross, err)
	}
	_, cross, err := s.Add(ctx, claim.Article{ID: "b", Text: shut}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(cross) == 0 {
		t.Error("the second article's claim was not linked to the first's")
	}
}

func TestCancelledContext(t *testing.T) {
	p := newPipeline(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	long := strings.Repeat(open+"\n\n", 2000)
	if _, err := p.Article(ctx, claim.Article{Text: long}, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}
