package scoring

import (
	"math"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"
	"unicode/utf8"
)

// TestKeepTopMatchesStableSort checks keepTop against its definition: the
// first maxReasons of all contributions stably sorted by |w| descending (ties
// keep the earlier one), on random runs with many ties.
func TestKeepTopMatchesStableSort(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 5000; n++ {
		var all []contribution
		var top []contribution
		for k := r.IntN(30); k > 0; k-- {
			c := contribution{f: uint32(len(all)), i: r.IntN(9), j: r.IntN(9), w: float64(r.IntN(7)-3) / 2}
			all = append(all, c)
			top = keepTop(top, c)
		}
		want := append([]contribution(nil), all...)
		sort.SliceStable(want, func(a, b int) bool { return math.Abs(want[a].w) > math.Abs(want[b].w) })
		want = want[:min(len(want), maxReasons)]
		if len(want) == 0 {
			want = nil
		}
		if !reflect.DeepEqual(top, want) {
			t.Fatalf("keepTop of %v = %v, want %v", all, top, want)
		}
	}
}

// TestFewerThan4Runes checks fewerThan4Runes against utf8.RuneCountInString, invalid
// bytes included.
func TestFewerThan4Runes(t *testing.T) {
	parts := []string{"a", "é", "€", "𝄞", "\xff", "\xe2\x82", "-", "Z"}
	r := rand.New(rand.NewPCG(5, 6))
	for n := 0; n < 20000; n++ {
		var b []byte
		for k := r.IntN(8); k > 0; k-- {
			b = append(b, parts[r.IntN(len(parts))]...)
		}
		s := string(b)
		if got, want := fewerThan4Runes(s), utf8.RuneCountInString(s) < 4; got != want {
			t.Fatalf("fewerThan4Runes(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestFirstFrom checks firstFrom against a scan of the tokens.
func TestFirstFrom(t *testing.T) {
	toks := tokenize("  The talks, which began on May 20, may resume — officials said.", nil)
	for off := -1; off <= 70; off++ {
		want := len(toks)
		for k := range toks {
			if toks[k].Start >= off {
				want = k
				break
			}
		}
		if got := firstFrom(toks, off); got != want {
			t.Errorf("firstFrom(%d) = %d, want %d", off, got, want)
		}
		if got := firstFrom(toks[:0], off); got != 0 {
			t.Errorf("firstFrom(none, %d) = %d, want 0", off, got)
		}
	}
}
