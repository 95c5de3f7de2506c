package claimtype

import (
	"strings"
	"testing"
)

// TestEndsWithColon holds endsWithColon to the TrimSpace and HasSuffix it
// stands for, on ASCII and Unicode spaces and invalid UTF-8.
func TestEndsWithColon(t *testing.T) {
	for _, s := range []string{
		"", ":", " : ", "list:", "list: \t\n", "list:\u00a0", "list:\u2003 ", "list:\u0085",
		"no colon", "colon: inside", "\xff", ":\xff", ":\xc2", "\u00a0", " \u3000:", "x：",
	} {
		if got, want := endsWithColon(s), strings.HasSuffix(strings.TrimSpace(s), ":"); got != want {
			t.Errorf("endsWithColon(%q) = %v, want %v", s, got, want)
		}
	}
}
