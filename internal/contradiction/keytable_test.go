package contradiction

import (
	"strconv"
	"strings"
	"testing"
)

// TestKeyTable checks keyTable against a map numbering keys in first-seen
// order, across growth, with repeated, empty and similar keys; twice on the
// same table, reset in between, as a pooled Index reuses it.
func TestKeyTable(t *testing.T) {
	for _, tc := range []struct {
		name    string
		reserve int
		keys    []string
	}{
		{"empty key", 0, []string{"", "a", "", "a"}},
		{"similar", 4, []string{"ab", "ba", "a", "b", "ab", "abc", "ba"}},
		{"8 bytes and longer", 2, []string{"abcdefgh", "abcdefghi", "abcdefghj", "abcdefg", "abcdefgh\x00", "abcdefgh", "abcdefghj",
			"a\x00", "a", "a\x00", "~communication", "~communicator", "~communication"}},
		{"growth", 0, func() []string {
			var ks []string
			for i := range 3000 {
				ks = append(ks, "k"+strconv.Itoa(i%1700), "~"+strconv.Itoa(i/3))
			}
			return ks
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var kt keyTable
			for round := 0; round < 2; round++ {
				kt.reset(tc.reserve)
				want := map[string]int32{}
				for _, k := range tc.keys {
					w, seen := want[k]
					if !seen {
						w = int32(len(want))
						want[k] = w
					}
					n, isNew := kt.number(k, keyPrefix(k))
					if n != w || isNew == seen {
						t.Fatalf("number(%q) = %d, %v; want %d, %v", k, n, isNew, w, !seen)
					}
				}
				if len(kt.keys) != len(want) {
					t.Errorf("%d keys, want %d", len(kt.keys), len(want))
				}
			}
		})
	}
}

// TestKeyTableHashSpreads checks that keyTable.hash spreads keys over the
// slots whatever part of them differs: only their tails past the 8-byte
// prefix, only their lengths, or only a byte or two of a short key. Keys that shared a
// hash would share a probe chain, which numbering them would walk in full.
func TestKeyTableHashSpreads(t *testing.T) {
	const n, slots = 2048, 8192
	for _, tc := range []struct {
		name string
		key  func(i int) string
	}{
		{"tails", func(i int) string { return "~communication" + strconv.Itoa(i) }},
		{"long tails", func(i int) string { return "abcdefghijklmnopqrstuvwx" + strconv.Itoa(i) }},
		{"lengths", func(i int) string { return strings.Repeat("a", i+1) }},
		{"short", func(i int) string { return "k" + strconv.Itoa(i) }},
		{"two bytes", func(i int) string { return string([]byte{byte(i), byte(i >> 8)}) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var kt keyTable // seeded anew each run (300 seeds tried: all above 86%)
			kt.reset(0)
			used := map[uint64]bool{}
			for i := range n {
				k := tc.key(i)
				used[kt.hash(k, keyPrefix(k))%slots] = true
			}
			// n keys thrown at random into 4n slots fill about 88% of n
			if len(used) < n*8/10 {
				t.Errorf("%d keys in %d distinct slots of %d", n, len(used), slots)
			}
		})
	}
}
