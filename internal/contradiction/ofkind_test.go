package contradiction

import (
	"slices"
	"testing"
)

// TestOfKind checks ofKind against filtering, for runs and scattered kinds.
func TestOfKind(t *testing.T) {
	for _, s := range [][]string{
		nil, {"y2020"}, {"d1", "m2", "y2020", "y2021"}, {"m2", "y2020", "m3"},
		{"y1", "d2", "y3", "d4", "y5"}, {"d1", "d2"}, {"m1"},
	} {
		for _, kind := range []byte{'y', 'm', 'd'} {
			var want []string
			for _, v := range s {
				if v[0] == kind {
					want = append(want, v)
				}
			}
			if got := ofKind(s, kind); !slices.Equal(got, want) {
				t.Errorf("ofKind(%v, %c) = %v, want %v", s, kind, got, want)
			}
		}
	}
}
