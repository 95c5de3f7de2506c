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
	for b := range ix.items {
		ix.keyNumbers(ix.items[b].an)
		ix.markRuns(ix.items[b].an)
		for a := range ix.items {
			got, ents, concepts := ix.sharedKeys(int32(a), ix.items[b].an, nil)
			want := sharedGroups(ix.items[a].an, ix.items[b].an, nil)
			if !slices.Equal(got, want) {
				t.Fatalf("claims %d, %d: sharedKeys %v, sharedGroups %v", a, b, got, want)
			}
			if we, wc := actorsAndConcepts(ix.items[a].an, ix.items[b].an, want); ents != we || concepts != wc {
				t.Fatalf("claims %d, %d: sharedKeys counts %d actors, %d concepts; align's test %d, %d", a, b, ents, concepts, we, wc)
			}
		}
		for _, n := range ix.keyNums {
			ix.runOf[n] = 0
		}
	}
}

// actorsAndConcepts counts the shared keys sg of a and b as align tells them
// apart: actors (the run's first term in a an entity, or in both a name) and
// concepts.
func actorsAndConcepts(a, b *analysis, sg []sharedGroup) (ents, concepts int) {
	for _, s := range sg {
		if x, y := &a.terms[s.a], &b.terms[s.b]; x.entity || x.name && y.name {
			ents++
		} else {
			concepts++
		}
	}
	return ents, concepts
}
