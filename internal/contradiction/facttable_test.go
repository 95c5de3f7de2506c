package contradiction

import (
	"strconv"
	"testing"
)

// TestFactTable checks factTable against the map it is built from: every key
// found with its value, absent keys (near misses included) not found, nil
// values left out, the empty table empty.
func TestFactTable(t *testing.T) {
	m := map[string]*int{"": new(int), "a": new(int), "ab": new(int), "nil": nil}
	for i := range 5000 {
		v := i
		m["w"+strconv.Itoa(i)] = &v
	}
	tab := newFactTable(m)
	for k, v := range m {
		if got := tab.get(k); got != v {
			t.Errorf("get(%q) = %p, want %p", k, got, v)
		}
	}
	for _, k := range []string{"b", "abc", "A", "w", "w5000", "w-1", "w12345", "nil "} {
		if got := tab.get(k); got != nil {
			t.Errorf("get(%q) = %p, want nil", k, got)
		}
	}
	var empty factTable[int]
	if got := empty.get("a"); got != nil {
		t.Errorf("empty table: get(%q) = %p, want nil", "a", got)
	}
}

// TestFactsKnowTheirStem checks the stem and stem facts buildFacts stores in
// each listed word's facts against stemming the word and looking the stem up.
func TestFactsKnowTheirStem(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if len(lx.facts.entries) == 0 {
		t.Fatal("no word facts")
	}
	for _, e := range lx.facts.entries {
		w, f := lx.facts.keys[e.off:e.off+e.n], e.v
		want := stemRegular(w)
		if f.irregular {
			want = f.lemma
		}
		if f.stem != want || f.sf != lx.stemFactsOf(want) {
			t.Errorf("facts(%q): stem %q, want %q (or stem facts differ)", w, f.stem, want)
		}
	}
	if noFacts.sf != nil {
		t.Error("noFacts must have no stem facts: analyze stems unlisted words itself")
	}
}
