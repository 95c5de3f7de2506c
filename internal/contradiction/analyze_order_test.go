package contradiction

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestSortOrderIsStableByKey checks sortOrder's insertion sort (and its
// prefix shortcut) against slices.SortStableFunc by cmpKeys, on keys that share
// prefixes, are equal, or are shorter and longer than the 8-byte prefix.
func TestSortOrderIsStableByKey(t *testing.T) {
	words := []string{"", "a", "ab", "abcdefgh", "abcdefghi", "abcdefghj", "abcdefg", "russia", "~comm", "~communication", "~communicate", "b"}
	r := rand.New(rand.NewPCG(3, 4))
	for round := range 500 {
		n := 1 + round%40
		terms := make([]term, n)
		for i := range terms {
			terms[i].key = words[r.IntN(len(words))]
			terms[i].prefix = keyPrefix(terms[i].key)
		}
		keys := make([]sortKey, n)
		want := make([]int32, n)
		for i := range keys {
			keys[i], want[i] = newSortKey(terms[i].prefix, i), int32(i)
		}
		sortOrder(keys, terms)
		got := make([]int32, n)
		for k, e := range keys {
			got[k] = int32(e.index())
		}
		slices.SortStableFunc(want, func(x, y int32) int { return cmpKeys(&terms[x], &terms[y]) })
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: sortOrder = %v, want %v", round, got, want)
		}
	}
}

// TestNumber checks number against its definition: commas dropped, then a
// decimal number starting with a digit, printed shortest.
func TestNumber(t *testing.T) {
	ref := func(w string) (string, bool) {
		w = strings.ReplaceAll(w, ",", "")
		if w == "" || w[0] < '0' || w[0] > '9' {
			return "", false
		}
		f, err := strconv.ParseFloat(w, 64)
		if err != nil {
			return "", false
		}
		return strconv.FormatFloat(f, 'f', -1, 64), true
	}
	for _, w := range []string{"", ",", ",,", "1", "1,000", ",5", ",,7,", "3.5", "0.50", "x1", "a,1", "1e3", "12abc", "007", "1,000,000.25", "-1", "+1"} {
		gv, gok := number(w)
		wv, wok := ref(w)
		if gv != wv || gok != wok {
			t.Errorf("number(%q) = %q %v, want %q %v", w, gv, gok, wv, wok)
		}
	}
}
