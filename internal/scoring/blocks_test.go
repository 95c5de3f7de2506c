package scoring

import (
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// TestBlocksPartsAreTheirOwn checks that the reasons and cues handed out of
// one block never share memory: each is capped at its length, so appending
// to one copies it out, and writing one leaves the others as they were.
func TestBlocksPartsAreTheirOwn(t *testing.T) {
	var b blocks
	var rs [][]claim.ScoreReason
	var cs [][]claim.HedgeCue
	for k, n := range []int{1, 6, 6, 64, 3, 70, 6, 0} {
		r := b.takeReasons(n)
		if r == nil || len(r) != n || cap(r) != n {
			t.Fatalf("takeReasons(%d): len %d cap %d", n, len(r), cap(r))
		}
		for i := range r {
			if r[i] != (claim.ScoreReason{}) {
				t.Fatalf("takeReasons(%d)[%d] not zero: %+v", n, i, r[i])
			}
			r[i].Feature = string(rune('a' + k))
		}
		rs = append(rs, r)
		in := make([]claim.HedgeCue, n)
		for i := range in {
			in[i].Text = string(rune('a' + k))
		}
		c := b.copyCues(in)
		if n == 0 && c != nil || len(c) != n || cap(c) != n {
			t.Fatalf("copyCues of %d: %v, len %d cap %d", n, c == nil, len(c), cap(c))
		}
		cs = append(cs, c)
	}
	_ = append(rs[0], claim.ScoreReason{Feature: "x"})
	_ = append(cs[0], claim.HedgeCue{Text: "x"})
	for k := range rs {
		for i := range rs[k] {
			if want := string(rune('a' + k)); rs[k][i].Feature != want || cs[k][i].Text != want {
				t.Fatalf("part %d item %d = %q / %q, want %q", k, i, rs[k][i].Feature, cs[k][i].Text, want)
			}
		}
	}
}
