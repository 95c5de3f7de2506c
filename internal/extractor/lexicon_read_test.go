package extractor

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestScanCountAsSscan checks that scanCount reads every count as fmt.Sscan
// does, on the fast path (plain digits) and off it.
func TestScanCountAsSscan(t *testing.T) {
	for _, s := range []string{"0", "7", "52", "123456789012345678", "1234567890123456789",
		"012", "0x1f", "+5", "-3", "12abc", "", "abc", " 4", "1_000", "99999999999999999999"} {
		got, gotErr := scanCount(s)
		var want int
		_, wantErr := fmt.Sscan(s, &want)
		if got != want || (gotErr == nil) != (wantErr == nil) {
			t.Errorf("scanCount(%q) = %d, %v; fmt.Sscan gives %d, %v", s, got, gotErr, want, wantErr)
		}
	}
}

// TestSplitTabs checks splitTabs against strings.Split on tabs.
func TestSplitTabs(t *testing.T) {
	for _, in := range []string{"a", "a\tb", "a\t\tb", "\t", "a\tb\tc\t", ""} {
		if got, want := splitTabs(nil, in), strings.Split(in, "\t"); !slices.Equal(got, want) {
			t.Errorf("splitTabs(%q) = %q, want %q", in, got, want)
		}
	}
}
