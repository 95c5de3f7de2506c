package extractor

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// scratchTexts are articles of very different shapes, so buffers a call grows
// are reused by calls that need less of them (or more).
func scratchTexts(t *testing.T) []string {
	texts := []string{
		"",
		`“We will rebuild the bridge,” the mayor said on Tuesday. She added that the council agreed.`,
		strings.Repeat(`"`, 5000),
		strings.Repeat("Officials said the plan, which critics called reckless, would pass. ", 300),
		"Short line.\n\nAnother paragraph, the minister said, is here.\n- a list item\n",
	}
	return append(texts, seedTextsOrEmpty(t)...)
}

// TestExtractScratchIsolated: one Extractor's calls, in any order and with their
// results scribbled over, give the results of a fresh Extractor on each text: no
// call sees another's data and no result shares pooled memory.
func TestExtractScratchIsolated(t *testing.T) {
	texts := scratchTexts(t)
	want := make([][]claim.Claim, len(texts))
	for i, text := range texts {
		cs, err := newTestExtractor(t).Extract(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = cs
	}
	e := newTestExtractor(t)
	var kept [][]claim.Claim
	for round := range 3 {
		for k := range texts {
			i := (k*7 + round) % len(texts) // another order each round
			got, err := e.Extract(context.Background(), texts[i])
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want[i]) {
				t.Fatalf("round %d, text %d: pooled call differs from a fresh one", round, i)
			}
			kept = append(kept, append([]claim.Claim(nil), got...))
			for j := range got {
				got[j] = claim.Claim{Text: "scribbled"} // must not reach later calls
			}
		}
	}
	// Earlier results keep their values after later calls reused the scratch.
	n := 0
	for round := range 3 {
		for k := range texts {
			i := (k*7 + round) % len(texts)
			if !reflect.DeepEqual(kept[n], want[i]) {
				t.Fatalf("result %d changed after later calls", n)
			}
			n++
		}
	}
}

// TestExtractScratchConcurrent runs one Extractor from several goroutines (run
// with -race) and checks every result.
func TestExtractScratchConcurrent(t *testing.T) {
	texts := scratchTexts(t)
	e := newTestExtractor(t)
	want := make([][]claim.Claim, len(texts))
	for i, text := range texts {
		var err error
		if want[i], err = e.Extract(context.Background(), text); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for k := range 2 * len(texts) {
				i := (k + g) % len(texts)
				got, err := e.Extract(context.Background(), texts[i])
				if err != nil {
					t.Error(err)
					return
				}
				if !reflect.DeepEqual(got, want[i]) {
					t.Errorf("goroutine %d, text %d: result differs", g, i)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestKeepBounds checks that oversized buffers leave the pool and others are kept empty.
func TestKeepBounds(t *testing.T) {
	small := make([]token, 3, 100)
	if got := keep(small); got == nil || len(got) != 0 || cap(got) != 100 {
		t.Errorf("keep(small) = len %d cap %d, want an empty slice of cap 100", len(got), cap(got))
	}
	if got := keep(make([]token, 0, maxPooledBytes)); got != nil {
		t.Errorf("keep(oversized) kept cap %d", cap(got))
	}
	rels := make([]relation, 2, 4)
	rels[1].src.name = "Jane Doe"
	rels = keepCleared(rels)
	if rels[:2][1].src.name != "" {
		t.Error("keepCleared left a string in the buffer")
	}
}

// TestGrowCap checks growCap keeps contents and doubles.
func TestGrowCap(t *testing.T) {
	s := []int{1, 2, 3}
	if g := growCap(s, 2); &g[0] != &s[0] {
		t.Error("growCap reallocated a buffer with room")
	}
	g := growCap(s[:3:3], 4)
	if len(g) != 3 || cap(g) != 6 || g[2] != 3 {
		t.Errorf("growCap(cap 3, 4) = %v len %d cap %d, want [1 2 3] cap 6", g, len(g), cap(g))
	}
	if g := growCap(s[:3:3], 100); cap(g) != 100 {
		t.Errorf("growCap(cap 3, 100) cap %d, want 100", cap(g))
	}
}
