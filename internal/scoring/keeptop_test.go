package scoring

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"testing"
	"unicode/utf8"
)

// TestTopReasonsMatchesStableSort checks topReasons, as sum fills it,
// against its definition: the first maxReasons of all contributions of at
// least minReason stably sorted by |w| descending (ties keep the earlier
// one), on random runs with many ties.
func TestTopReasonsMatchesStableSort(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 5000; n++ {
		type occ struct {
			k int
			a float64
		}
		var all []occ
		var top topReasons
		top.reset()
		for k := r.IntN(30); k > 0; k-- {
			a := float64(r.IntN(7)) / 2
			all = append(all, occ{len(all), a})
			if a > top.a[maxReasons-1] { // as sum offers them
				top.add(a, contribution{i: len(all) - 1, w: a})
			}
		}
		all = slices.DeleteFunc(all, func(o occ) bool { return o.a < minReason })
		want := append([]occ(nil), all...)
		sort.SliceStable(want, func(a, b int) bool { return want[a].a > want[b].a })
		want = want[:min(len(want), maxReasons)]
		var got []occ
		for m := range top.n {
			got = append(got, occ{top.c[m].i, top.a[m]})
		}
		if len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Fatalf("top of %v = %v, want %v", all, got, want)
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

// TestFirstEndingAfter checks firstEndingAfter against the scan hedgeClaim
// made: from the first token, on while a token ends at or before the offset.
func TestFirstEndingAfter(t *testing.T) {
	toks := tokenize("  The talks, which couldn't begin on May 20, may resume — officials said.", nil)
	for off := -1; off <= 80; off++ {
		want := 0
		for want < len(toks) && toks[want].End <= off {
			want++
		}
		if got := firstEndingAfter(toks, off); got != want {
			t.Errorf("firstEndingAfter(%d) = %d, want %d", off, got, want)
		}
		if got := firstEndingAfter(toks[:0], off); got != 0 {
			t.Errorf("firstEndingAfter(none, %d) = %d, want 0", off, got)
		}
	}
}

// TestClipMatchesMath checks clip, written with the builtin min and max,
// against math.Max and math.Min, signed zeros, infinities and bounds included.
func TestClipMatchesMath(t *testing.T) {
	vals := []float64{math.Copysign(0, -1), 0, 1e-12, -8, 8, -30, 30, 7.5, -31, math.Inf(1), math.Inf(-1), 0.5, 1 - 1e-12}
	bounds := [][2]float64{{-8, 8}, {-30, 30}, {1e-12, 1 - 1e-12}, {0, 1}, {math.Copysign(0, -1), 0}}
	for _, v := range append(vals, math.NaN()) {
		for _, b := range bounds {
			want := b[0]
			if v == v {
				want = math.Max(b[0], math.Min(b[1], v))
			}
			if got := clip(v, b[0], b[1]); math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("clip(%v, %v, %v) = %v, want %v", v, b[0], b[1], got, want)
			}
		}
	}
	for _, x := range vals {
		for _, y := range vals {
			if got, want := max(x, y), math.Max(x, y); math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("max(%v, %v) = %v, want %v", x, y, got, want)
			}
			if got, want := min(x, y), math.Min(x, y); math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("min(%v, %v) = %v, want %v", x, y, got, want)
			}
		}
	}
}
