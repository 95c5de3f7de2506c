package pipeline

import (
	"reflect"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

func TestPruneLinks(t *testing.T) {
	// texts name what each claim says; two claims restate each other when their
	// texts are equal
	l := func(a, ta, b, tb string, s float64) claim.Link {
		return claim.Link{A: a, B: b, Score: s, ClaimA: claim.LinkedClaim{ID: a, Text: ta}, ClaimB: claim.LinkedClaim{ID: b, Text: tb}}
	}
	agree := func(x claim.Link) claim.Link { x.Relation = claim.RelationAgrees; return x }
	same := func(a, b string) bool { return a == b }
	tests := []struct {
		name string
		in   []claim.Link
		want []int // indices of in kept
	}{
		{"single link kept", []claim.Link{l("a#1", "open", "b#1", "shut", .7)}, []int{0}},
		{"weaker echo of a restatement dropped",
			[]claim.Link{l("a#1", "open", "b#1", "shut", .7), l("a#1", "open", "b#2", "shut", .9)}, []int{1}},
		{"two different claims of one article both kept",
			[]claim.Link{l("a#1", "open lines", "b#1", "no line", .8), l("a#2", "direct contact", "b#1", "no line", .6)}, []int{0, 1}},
		{"one link per other article",
			[]claim.Link{l("a#1", "open", "b#1", "shut", .7), l("a#1", "open", "c#1", "shut", .6)}, []int{0, 1}},
		{"ties keep the earlier",
			[]claim.Link{l("a#1", "open", "b#1", "shut", .7), l("a#1", "open", "b#2", "shut", .7)}, []int{0}},
		{"agreements pruned apart from oppositions",
			[]claim.Link{agree(l("a#1", "scarce", "b#1", "rare", .9)), l("a#1", "scarce", "b#2", "open", .6)}, []int{0, 1}},
		{"article ids containing #",
			[]claim.Link{l("x#y#1", "open", "x#y#2", "shut", .7), l("x#y#1", "open", "x#y#3", "shut", .8)}, []int{1}},
		{"none", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pruneLinks(tt.in, same)
			var want []claim.Link
			for _, i := range tt.want {
				want = append(want, tt.in[i])
			}
			if len(got) == 0 && len(want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}
