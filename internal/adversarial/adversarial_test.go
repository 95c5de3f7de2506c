package adversarial

import (
	"testing"
	"unicode/utf8"
)

func TestGenerators(t *testing.T) {
	seen := map[string]bool{}
	for _, g := range All() {
		if seen[g.Name] {
			t.Errorf("generator %q listed twice", g.Name)
		}
		seen[g.Name] = true
		for _, n := range []int{0, 1, 7, 1000, 4093} {
			s := g.Make(n)
			if len(s) > n || len(s) < n-128 {
				t.Errorf("%s(%d) has %d bytes", g.Name, n, len(s))
			}
			if !utf8.ValidString(s) {
				t.Errorf("%s(%d) is not valid UTF-8", g.Name, n)
			}
			if s != g.Make(n) {
				t.Errorf("%s(%d) is not deterministic", g.Name, n)
			}
		}
		if got, ok := Get(g.Name); !ok || got.Name != g.Name {
			t.Errorf("Get(%q) = %v, %v", g.Name, got.Name, ok)
		}
	}
	if len(seen) < 15 {
		t.Errorf("%d generators, want at least 15", len(seen))
	}
	if _, ok := Get("no-such"); ok {
		t.Error("Get found a generator that does not exist")
	}
}
