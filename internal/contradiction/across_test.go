package contradiction

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// TestAddPreparedAcross checks that AddPreparedAcross returns exactly the links
// of AddPrepared that reach claims of earlier Adds, in the same order, and
// leaves the index the same for later Adds.
func TestAddPreparedAcross(t *testing.T) {
	c := newClassifier(t)
	ctx := context.Background()
	all, across := c.NewIndex(), c.NewIndex()
	claims := syntheticClaims(600)
	claims = append(claims, claimsOf("x", "The border crossing at Rafah is open.", "The border crossing at Rafah is not open.")...)
	claims = append(claims, claimsOf("y", "The border crossing at Rafah is closed.", "The border crossing at Rafah is not closed.")...)
	total := 0
	for i := 0; i < len(claims); {
		n := min(1+i%37, len(claims)-i) // batches of varying size
		batch := claims[i : i+n]
		i += n
		want, err := all.Add(ctx, batch, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		in := map[string]bool{}
		for _, cl := range batch {
			in[cl.ID] = true
		}
		want = slices.DeleteFunc(want, func(l claim.Link) bool { return in[l.A] })
		got, err := across.AddPreparedAcross(ctx, c.Prepare(batch, time.Time{}))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("batch ending at %d: %d links across, want %d", i, len(got), len(want))
		}
		for k := range got {
			if got[k].A != want[k].A || got[k].B != want[k].B || got[k].Explanation != want[k].Explanation {
				t.Fatalf("batch ending at %d, link %d: %s→%s, want %s→%s", i, k, got[k].A, got[k].B, want[k].A, want[k].B)
			}
		}
		total += len(got)
	}
	if total == 0 {
		t.Fatal("no links across batches: the test checks nothing")
	}
}
