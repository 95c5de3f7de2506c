package contradiction

import (
	"cmp"
	"strings"
)

// A statement's terms are sorted by key; a run of equal keys is one thing the
// statement is about. Each term knows where its run ends (term.runEnd), so a pair
// is aligned by merging the two statements' runs once per comparison, instead of
// each of features, align and enoughShared merging the terms again with a string
// compare per term.

// sharedGroup is a key both statements of a pair have: the index of its run's
// first term in each.
type sharedGroup struct{ a, b int32 }

// markRuns sets runEnd on terms (sorted by key) and returns the number of runs.
// It walks them back to front, each term once: a term's run ends where the
// next term's does, unless the next has another key (which the prefixes tell
// at once for most pairs).
func markRuns(terms []term) int {
	if len(terms) == 0 {
		return 0
	}
	n, end := 1, int32(len(terms))
	terms[len(terms)-1].runEnd = end
	for i := len(terms) - 2; i >= 0; i-- {
		if x, y := &terms[i], &terms[i+1]; x.prefix != y.prefix || x.key != y.key {
			end = int32(i + 1)
			n++
		}
		terms[i].runEnd = end
	}
	return n
}

// cmpKeys orders two terms as comparing their keys does. With equal prefixes and
// both keys at most 8 bytes long, the shorter key is a prefix of the longer one
// (the zero padding matched its bytes), so the lengths decide.
func cmpKeys(x, y *term) int {
	switch {
	case x.prefix < y.prefix:
		return -1
	case x.prefix > y.prefix:
		return 1
	case len(x.key) <= 8 && len(y.key) <= 8:
		return cmp.Compare(len(x.key), len(y.key))
	}
	return strings.Compare(x.key, y.key)
}

// sharedGroups appends to dst the keys a and b share, in key order.
func sharedGroups(a, b *analysis, dst []sharedGroup) []sharedGroup {
	i, j := int32(0), int32(0)
	for int(i) < len(a.terms) && int(j) < len(b.terms) {
		x, y := &a.terms[i], &b.terms[j]
		switch c := cmpKeys(x, y); {
		case c < 0:
			i = x.runEnd
		case c > 0:
			j = y.runEnd
		default:
			dst = append(dst, sharedGroup{i, j})
			i, j = x.runEnd, y.runEnd
		}
	}
	return dst
}

// run is the terms of the run starting at index g.
func (a *analysis) run(g int32) []term { return a.terms[g:a.terms[g].runEnd] }
