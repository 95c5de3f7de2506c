package lexrows

import (
	"bufio"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestLines checks Lines against the bufio.Scanner loop it replaced (line
// numbers counted over every line, blank and comment lines skipped after
// trimming) on edge cases of line ends, comments and spaces, for both trims.
func TestLines(t *testing.T) {
	inputs := []string{
		"", "\n", "a", "a\n", "a\nb", "a\r\nb\r\n", "\r\n", "#c\na", "  #c\n a \n\n b",
		"a\tb\n\n#x\tY\nc\td\n", " \t \n", "a\r", "\n\n\nz",
	}
	trims := map[string]func(string) string{"TrimCR": TrimCR, "TrimSpace": strings.TrimSpace}
	for name, trim := range trims {
		for _, in := range inputs {
			var got, want []string
			if err := Lines(in, trim, func(n int, line string) error {
				got = append(got, fmt.Sprintf("%d:%q", n, line))
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(strings.NewReader(in))
			for n := 1; sc.Scan(); n++ {
				line := sc.Text()
				if name == "TrimSpace" {
					line = strings.TrimSpace(line)
				}
				if line == "" || strings.HasPrefix(line, "#") {
					continue
				}
				want = append(want, fmt.Sprintf("%d:%q", n, line))
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s %q: got %v, want %v", name, in, got, want)
			}
		}
	}
}

// TestLinesStopsAtError checks that the first error from fn ends the walk and
// comes back unchanged.
func TestLinesStopsAtError(t *testing.T) {
	bad := errors.New("bad row")
	var seen []int
	err := Lines("a\nb\nc\n", strings.TrimSpace, func(n int, line string) error {
		seen = append(seen, n)
		if line == "b" {
			return bad
		}
		return nil
	})
	if !errors.Is(err, bad) || !slices.Equal(seen, []int{1, 2}) {
		t.Errorf("err %v after lines %v; want bad row after [1 2]", err, seen)
	}
}

// TestSplitTabs checks SplitTabs against strings.Split on tabs, and that it
// appends to what dst holds.
func TestSplitTabs(t *testing.T) {
	for _, in := range []string{"a", "a\tb", "a\t\tb", "\t", "a\tb\tc\t", "", " a \t b "} {
		if got, want := SplitTabs(nil, in), strings.Split(in, "\t"); !slices.Equal(got, want) {
			t.Errorf("SplitTabs(%q) = %q, want %q", in, got, want)
		}
	}
	if got := SplitTabs([]string{"x"}, "a\tb"); !slices.Equal(got, []string{"x", "a", "b"}) {
		t.Errorf("SplitTabs appended to [x]: %q", got)
	}
}
