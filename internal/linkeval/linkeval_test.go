package linkeval

import (
	"math"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestScore judges hand-made links over invented claims: a dispute between
// opposite stances, an agreement across articles, an update against a change, a
// link between a member and a stranger, an agreement inside one article, and a
// required link made with the wrong relation.
func TestScore(t *testing.T) {
	g := &Gold{
		Groups: []Group{{ID: "bridge", Members: []Member{
			{ID: "a.open", Article: "a", Contains: "bridge is open", Stance: "asserts"},
			{ID: "b.closed", Article: "b", Contains: "bridge is not open", Stance: "denies"},
			{ID: "c.shut", Article: "c", Contains: "bridge remains shut", Stance: "denies"},
			{ID: "c.shut2", Article: "c", Contains: "no traffic crosses", Stance: "denies"},
			{ID: "d.reopened", Article: "d", Contains: "reopened the bridge", Stance: "change"},
		}}},
		Required: []Required{
			{A: []string{"a.open"}, B: []string{"b.closed"}, Relations: []string{"dispute", "contradiction"}},
			{A: []string{"b.closed"}, B: []string{"c.shut", "c.shut2"}, Relations: []string{"agrees"}},
			{A: []string{"b.closed"}, B: []string{"d.reopened"}, Relations: []string{"update"}},
		},
	}
	if err := g.check(); err != nil {
		t.Fatal(err)
	}
	claims := []Claim{
		{ID: "a#1", Article: "a", Text: "the bridge is open to cars"},
		{ID: "b#1", Article: "b", Text: "the bridge is not open"},
		{ID: "c#1", Article: "c", Text: "the bridge remains shut"},
		{ID: "c#2", Article: "c", Text: "no traffic crosses the river"},
		{ID: "d#1", Article: "d", Text: "engineers reopened the bridge"},
		{ID: "d#2", Article: "d", Text: "the mayor likes cake"},
	}
	links := []Link{
		{A: "a#1", B: "b#1", Relation: claim.RelationDispute}, // right
		{A: "b#1", B: "c#2", Relation: claim.RelationAgrees},  // right (an alternative)
		{A: "b#1", B: "d#1", Relation: claim.RelationDispute}, // real pair, allowed relation; required wants update
		{A: "a#1", B: "d#2", Relation: claim.RelationDispute}, // stranger: false
		{A: "c#1", B: "c#2", Relation: claim.RelationAgrees},  // restatement in one article: false
		{A: "a#1", B: "c#1", Relation: claim.RelationAgrees},  // opposite stances cannot agree
	}
	r := Score(g, claims, links)
	if r.All.Predicted != 6 || r.All.Correct != 3 || r.PairOnly.Correct != 4 {
		t.Errorf("predicted/correct/pair-correct = %d/%d/%d, want 6/3/4", r.All.Predicted, r.All.Correct, r.PairOnly.Correct)
	}
	if !near(r.All.Recall, 2.0/3) || !near(r.PairOnly.Recall, 1) {
		t.Errorf("recall %.3f (pair only %.3f), want 0.667 (1)", r.All.Recall, r.PairOnly.Recall)
	}
	if len(r.Missed) != 1 || r.Missed[0].WrongRelation != "dispute" {
		t.Errorf("missed %+v, want the update linked as dispute", r.Missed)
	}
	if c := r.ByRelation["agrees"]; c.Predicted != 3 || c.Correct != 1 || c.Required != 1 || c.Found != 1 {
		t.Errorf("agrees counts %+v", c)
	}
}

// TestReadGoldSeeds checks that the committed seed gold file is well formed.
func TestReadGoldSeeds(t *testing.T) {
	g, err := ReadGold("testdata/seeds-links.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Groups) == 0 || len(g.Required) == 0 {
		t.Fatal("seed gold has no groups or no required links")
	}
}

// TestGoldChecks rejects malformed gold files.
func TestGoldChecks(t *testing.T) {
	bad := []*Gold{
		{Groups: []Group{{ID: "x", Members: []Member{{ID: "m", Article: "a", Contains: "c", Stance: "maybe"}}}}},
		{Groups: []Group{{ID: "x", Members: []Member{{ID: "m", Article: "a", Contains: "c", Stance: "asserts"}}}},
			Required: []Required{{A: []string{"m"}, B: []string{"nope"}, Relations: []string{"dispute"}}}},
		{Groups: []Group{{ID: "x", Members: []Member{{ID: "m", Article: "a", Contains: "c", Stance: "asserts"}}}},
			Required: []Required{{A: []string{"m"}, B: []string{"m"}, Relations: []string{"rivals"}}}},
	}
	for i, g := range bad {
		if err := g.check(); err == nil {
			t.Errorf("gold %d accepted", i)
		}
	}
}
