package contradiction

import (
	"slices"
	"strings"
	"testing"
)

// TestCmpKeys checks the prefix shortcut against comparing the strings, around
// the 8-byte boundary and with bytes the padding could be confused with.
func TestCmpKeys(t *testing.T) {
	keys := []string{"", "a", "ab", "ab\x00", "abcdefg", "abcdefgh", "abcdefghi", "abcdefgi", "abcdefgh\x00",
		"~communication", "~commun", "russia", "russian", "united states", "united", "z", "é", "ée"}
	for _, x := range keys {
		for _, y := range keys {
			gx, gy := term{prefix: keyPrefix(x), key: x}, term{prefix: keyPrefix(y), key: y}
			if got, want := cmpKeys(&gx, &gy), strings.Compare(x, y); got != want {
				t.Errorf("cmpKeys(%q, %q) = %d, want %d", x, y, got, want)
			}
		}
	}
}

// TestSharedGroups checks groups and the pair merge against the keys the terms
// have.
func TestSharedGroups(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ a, b string }{
		{"Moscow and Washington have no direct line of communication.", "Russia and the United States keep open lines of communication."},
		{"The door is open.", "The door is not open, the doors are closed."},
		{"", "Nothing here."},
		{"Talks talks talks resumed in Kyiv.", "Kiev talks were suspended."},
	} {
		a, b := lx.analyze(tc.a), lx.analyze(tc.b)
		for _, an := range []*analysis{a, b} {
			keys := an.keys()
			for g := 0; g < len(an.terms); g = int(an.terms[g].runEnd) {
				for _, x := range an.run(int32(g)) {
					if x.key != an.terms[g].key {
						t.Errorf("%q: run at %d (%q) holds term %q", tc.a, g, an.terms[g].key, x.key)
					}
				}
			}
			if len(keys) != an.nKeys {
				t.Errorf("%d keys, nKeys %d", len(keys), an.nKeys)
			}
			if want := slices.Compact(termKeys(an)); !slices.Equal(keys, want) {
				t.Errorf("group keys %q, want %q", keys, want)
			}
		}
		var want []string
		for _, k := range slices.Compact(termKeys(a)) {
			if slices.Contains(termKeys(b), k) {
				want = append(want, k)
			}
		}
		var got []string
		for _, s := range sharedGroups(a, b, nil) {
			if a.terms[s.a].key != b.terms[s.b].key {
				t.Errorf("shared group pairs %q with %q", a.terms[s.a].key, b.terms[s.b].key)
			}
			got = append(got, a.terms[s.a].key)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q / %q: shared %q, want %q", tc.a, tc.b, got, want)
		}
	}
}

func termKeys(an *analysis) []string {
	var out []string
	for _, x := range an.terms {
		out = append(out, x.key)
	}
	return out
}

// TestMarkRuns checks markRuns against runs found by comparing the keys, on
// sorted keys that are equal, differ only past the 8-byte prefix or only in
// length, and on no terms at all.
func TestMarkRuns(t *testing.T) {
	for _, keys := range [][]string{
		nil,
		{"a"},
		{"a", "a", "a"},
		{"a", "ab", "ab", "b"},
		{"abcdefgh", "abcdefgh", "abcdefghi", "abcdefghj", "abcdefghj", "~communication"},
		{"", "", "x", "y", "y", "y", "z"},
	} {
		terms := make([]term, len(keys))
		for i, k := range keys {
			terms[i] = term{key: k, prefix: keyPrefix(k)}
		}
		n := markRuns(terms)
		runs := 0
		for i := range terms {
			end := i + 1
			for end < len(terms) && terms[end].key == terms[i].key {
				end++
			}
			if i == 0 || terms[i-1].key != terms[i].key {
				runs++
			}
			if int(terms[i].runEnd) != end {
				t.Errorf("%q: term %d runEnd %d, want %d", keys, i, terms[i].runEnd, end)
			}
		}
		if n != runs {
			t.Errorf("%q: %d runs, want %d", keys, n, runs)
		}
	}
}
