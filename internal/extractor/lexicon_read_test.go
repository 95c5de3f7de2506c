package extractor

import (
	"fmt"
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
