package pipeline

import (
	"strings"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// TestGroups joins claims linked by any chain of links into one proposition,
// keeps unlinked claims out, orders members by input order and labels the group
// by the concept words its evidence names most.
func TestGroups(t *testing.T) {
	lc := func(id, text string, st claim.Stance, concept string) claim.LinkedClaim {
		i := strings.Index(text, concept)
		return claim.LinkedClaim{ID: id, Text: text, Stance: st, Evidence: []claim.Span{{Start: i, End: i + len(concept)}}}
	}
	open := lc("a#2", "the ferry keeps a daily crossing", claim.StanceAsserts, "crossing")
	none := lc("b#1", "there is no crossing", claim.StanceDenies, "crossing")
	rare := lc("c#3", "a trip to the island is rare", claim.StanceDenies, "trip")
	links := []claim.Link{
		{A: "a#2", B: "b#1", Score: .8, Relation: claim.RelationDispute, ClaimA: open, ClaimB: none},
		{A: "b#1", B: "c#3", Score: .6, Relation: claim.RelationAgrees, ClaimA: none, ClaimB: rare},
	}
	results := []Result{{ArticleID: "a"}, {ArticleID: "b"}, {ArticleID: "c"}}
	gs := Groups(results, links)
	if len(gs) != 1 {
		t.Fatalf("%d groups, want 1: %+v", len(gs), gs)
	}
	g := gs[0]
	if g.Label != "crossing / trip" {
		t.Errorf("label %q, want %q", g.Label, "crossing / trip")
	}
	want := []struct {
		id string
		st claim.Stance
	}{{"a#2", claim.StanceAsserts}, {"b#1", claim.StanceDenies}, {"c#3", claim.StanceDenies}}
	if len(g.Members) != len(want) {
		t.Fatalf("members %+v", g.Members)
	}
	for i, w := range want {
		if m := g.Members[i]; m.ClaimID != w.id || m.Stance != w.st || m.ArticleID != w.id[:1] {
			t.Errorf("member %d = %+v, want %s with stance %v", i, m, w.id, w.st)
		}
	}
	if len(Groups(results, nil)) != 0 {
		t.Error("no links, yet groups")
	}
}
