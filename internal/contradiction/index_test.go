package contradiction

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/claimsvc/claimsvc/internal/claim"
)

func claimsOf(prefix string, texts ...string) []claim.Claim {
	out := make([]claim.Claim, len(texts))
	for i, s := range texts {
		out[i] = claim.Claim{ID: prefix + "#" + itoa(i+1), Text: s, Speaker: claim.Speaker{Kind: claim.SpeakerArticle}}
	}
	return out
}

func TestIndexLinksAcrossBatches(t *testing.T) {
	c := newClassifier(t)
	ix := c.NewIndex()
	ctx := context.Background()
	first := claimsOf("a", "The border crossing at Rafah is open.", "Prices of bread rose sharply in Cairo.")
	links, err := ix.Add(ctx, first, time.Time{})
	if err != nil || len(links) != 0 {
		t.Fatalf("first batch: links %v err %v, want none", links, err)
	}
	second := claimsOf("b", "Bread prices in Cairo rose sharply.", "The border crossing at Rafah is not open.")
	links, err = ix.Add(ctx, second, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(links) != 1 || links[0].A != "a#1" || links[0].B != "b#2" || links[0].Reason != claim.ReasonNegation {
		t.Fatalf("links = %+v, want one NEGATION link a#1 → b#2 (restatements a#2/b#1 unlinked)", links)
	}
	if ix.Len() != 4 {
		t.Errorf("Len = %d, want 4", ix.Len())
	}
}

func TestIndexUsesSpeakerAndHedging(t *testing.T) {
	c := newClassifier(t)
	a := claim.Claim{ID: "x#1", Text: "The border crossing is open.", Speaker: claim.Speaker{Name: "Olaf Scholz", Kind: claim.SpeakerPerson}}
	b := claim.Claim{ID: "x#2", Text: "The border crossing is not open.", Speaker: claim.Speaker{Name: "Sergei Lavrov", Kind: claim.SpeakerPerson}}
	links, err := c.Link(context.Background(), []claim.Claim{a, b})
	if err != nil || len(links) != 1 || links[0].Relation != claim.RelationDispute {
		t.Fatalf("links %+v err %v, want one DISPUTE", links, err)
	}
	b.Hedging.Score = 0.95
	links, err = c.Link(context.Background(), []claim.Claim{a, b})
	if err != nil || len(links) != 0 {
		t.Fatalf("hedged: links %+v err %v, want none", links, err)
	}
}

func TestIndexErrors(t *testing.T) {
	c := newClassifier(t)
	ix := c.NewIndex()
	if _, err := ix.Add(context.Background(), claimsOf("a", "One claim here."), time.Time{}); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Add(context.Background(), claimsOf("a", "Same ID again."), time.Time{}); err == nil {
		t.Error("a repeated claim ID must be an error")
	}
	if _, err := ix.Add(context.Background(), []claim.Claim{{Text: "no ID"}}, time.Time{}); err == nil {
		t.Error("a claim without ID must be an error")
	}
	dup := append(claimsOf("d", "First."), claimsOf("d", "Second.")...)
	if _, err := ix.Add(context.Background(), dup, time.Time{}); err == nil {
		t.Error("duplicate IDs within one batch must be an error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Add(ctx, claimsOf("z", "The port is open."), time.Time{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err %v, want context.Canceled", err)
	}
	// a failed Add keeps no ID of its own and every ID indexed before
	if _, err := ix.Add(context.Background(), append(claimsOf("e", "Fresh."), claimsOf("a", "Same ID again.")...), time.Time{}); err == nil {
		t.Error("a batch with an indexed ID must be an error")
	}
	for _, again := range [][]claim.Claim{claimsOf("d", "First."), claimsOf("z", "The port is open."), claimsOf("e", "Fresh.")} {
		if _, err := ix.Add(context.Background(), again, time.Time{}); err != nil {
			t.Errorf("%s after a failed Add: %v", again[0].ID, err)
		}
	}
	if _, err := ix.Add(context.Background(), claimsOf("a", "Same ID again."), time.Time{}); err == nil {
		t.Error("an ID indexed before a failed Add must stay indexed")
	}
	if ix.Len() != 4 {
		t.Errorf("%d claims indexed, want 4", ix.Len())
	}
}
