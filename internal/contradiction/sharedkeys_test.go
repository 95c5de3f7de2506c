package contradiction

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestSharedKeysMatchesSharedGroups checks that the Index's shared keys by key
// number are sharedGroups' merge of the sorted terms, for every pair of a few
// hundred synthetic claims added in batches (keys seen before and new ones).
func TestSharedKeysMatchesSharedGroups(t *testing.T) {
	c := newClassifier(t)
	ix := c.NewIndex()
	claims := syntheticClaims(300)
	claims = append(claims, claimsOf("x", "Moscow and Washington did not resume talks on the treaty.",
		"Russia and the United States resumed talks on the treaty.", "", "Talks talks talks.")...)
	for i := 0; i < len(claims); i += 50 {
		if _, err := ix.Add(context.Background(), claims[i:min(i+50, len(claims))], time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	kept := ix.keysFrom[len(ix.items)] // what keyNumbers appends past it goes again
	for b := range ix.items {
		ix.itemKeyNums, ix.itemKeys = ix.itemKeyNums[:kept], ix.itemKeys[:kept]
		if _, actors := ix.keyNumbers(ix.items[b].an); actors != actorRuns(ix.items[b].an) {
			t.Fatalf("claim %d: keyNumbers counts %d actors, actorRuns %d", b, actors, actorRuns(ix.items[b].an))
		}
		ix.markRuns(ix.items[b].an)
		for a := range ix.items {
			got, k := ix.sharedKeys(int32(a), ix.items[b].an, nil)
			want := sharedGroups(ix.items[a].an, ix.items[b].an, nil)
			if !slices.Equal(got, want) {
				t.Fatalf("claims %d, %d: sharedKeys %v, sharedGroups %v", a, b, got, want)
			}
			if wk := countShared(ix.items[a].an, ix.items[b].an, want); k != wk {
				t.Fatalf("claims %d, %d: sharedKeys counts %+v; from the terms %+v", a, b, k, wk)
			}
		}
		for _, n := range ix.keyNums {
			ix.runOf[n] = 0
		}
	}
}

// countShared is sharedCounts of the shared keys sg of a and b, counted as
// align tells actors from concepts and as features counts shared tokens.
func countShared(a, b *analysis, sg []sharedGroup) (c sharedCounts) {
	for _, s := range sg {
		if a.terms[s.a].entity {
			c.entities++
		}
		if x, y := &a.terms[s.a], &b.terms[s.b]; x.entity || x.name && y.name {
			c.ents++
		} else {
			c.concepts++
		}
		c.inA += int(a.terms[s.a].runEnd - s.a)
		c.inB += int(b.terms[s.b].runEnd - s.b)
	}
	return c
}
