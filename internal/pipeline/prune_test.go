package pipeline

import (
	"reflect"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

func TestPruneLinks(t *testing.T) {
	l := func(a, b string, s float64) claim.Link { return claim.Link{A: a, B: b, Score: s} }
	tests := []struct {
		name string
		in   []claim.Link
		want []claim.Link
	}{
		{"single link kept", []claim.Link{l("a#1", "b#1", .7)}, []claim.Link{l("a#1", "b#1", .7)}},
		{"weaker echo in the same article dropped",
			[]claim.Link{l("a#1", "b#1", .7), l("a#1", "b#2", .9)},
			[]claim.Link{l("a#1", "b#2", .9)}},
		{"one link per other article",
			[]claim.Link{l("a#1", "b#1", .7), l("a#1", "c#1", .6)},
			[]claim.Link{l("a#1", "b#1", .7), l("a#1", "c#1", .6)}},
		{"must be strongest from both ends",
			// b#1's best link into article a is a#2, so a#1~b#1 goes even though it
			// is a#1's only link into b.
			[]claim.Link{l("a#1", "b#1", .7), l("a#2", "b#1", .8)},
			[]claim.Link{l("a#2", "b#1", .8)}},
		{"ties keep the earlier",
			[]claim.Link{l("a#1", "b#1", .7), l("a#1", "b#2", .7)},
			[]claim.Link{l("a#1", "b#1", .7)}},
		{"article ids containing #", []claim.Link{l("x#y#1", "x#y#2", .7), l("x#y#1", "x#y#3", .8)},
			[]claim.Link{l("x#y#1", "x#y#3", .8)}},
		{"none", nil, []claim.Link{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pruneLinks(tt.in)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
