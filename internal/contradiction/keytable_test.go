package contradiction

import (
	"strconv"
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
