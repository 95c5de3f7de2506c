package contradiction

import (
	"strconv"
	"testing"
)

// TestFactTable checks factTable against the map it is built from: every key
// (of up to 8 bytes, in the slot, and longer, with a tail) found with its
// value, each entry's key recovered, absent keys (near misses of either part
// included) not found, nil values left out, the empty table empty.
func TestFactTable(t *testing.T) {
	m := map[string]*int{"": new(int), "a": new(int), "ab": new(int), "nil": nil, "a\x00": new(int),
		"abcdefgh": new(int), "abcdefghi": new(int), "abcdefghij": new(int), "abcdefghijklmnopq": new(int)}
	for i := range 5000 {
		v := i
		m["w"+strconv.Itoa(i)] = &v
	}
	tab := newFactTable(m)
	for k, v := range m {
		if v == nil {
			if got := tab.get(k); got != nil {
				t.Errorf("get(%q) = %p, want nil", k, got)
			}
			continue
		}
		if got := tab.get(k); got == nil || *got != *v {
			t.Errorf("get(%q) = %v, want %d", k, got, *v)
		}
	}
	next := 100000
	for k := range m {
		if m[k] == nil || *m[k] != 0 {
			continue
		}
		*m[k], next = next, next+1 // distinct values for the keys above
	}
	tab = newFactTable(m)
	for k, v := range m {
		if got := tab.get(k); v != nil && (got == nil || *got != *v) {
			t.Errorf("get(%q) = %v, want %d", k, got, *v)
		}
	}
	for e := range tab.entries {
		if k := tab.key(e); m[k] == nil || *m[k] != tab.entries[e].v {
			t.Errorf("entry %d: key %q holds %d", e, k, tab.entries[e].v)
		}
	}
	for _, k := range []string{"b", "abc", "A", "w", "w5000", "w-1", "w12345", "nil ", "a\x00\x00", "abcdefgi", "abcdefghk", "abcdefghijklmnopr", "abcdefghijklmnop"} {
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
	for i := range lx.facts.entries {
		w, f := lx.facts.key(i), &lx.facts.entries[i].v
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

// key returns the key of entry e (a test's way back from entry to key).
func (t *factTable[V]) key(e int) string {
	for _, s := range t.slots {
		if s.n != 0 && int(s.e) == e {
			b := make([]byte, 0, s.n-1)
			for i := range min(8, int(s.n-1)) {
				b = append(b, byte(s.k>>(8*i)))
			}
			if s.n-1 > 8 {
				off := t.entries[e].tail
				b = append(b, t.tails[off:off+s.n-9]...)
			}
			return string(b)
		}
	}
	return ""
}

// TestKeyHead checks keyHead's overlapping loads against packing the bytes one
// by one, for every length around 4 and 8.
func TestKeyHead(t *testing.T) {
	const s = "abcdefghijklmnopqrstuvwxyz\x00\xff"
	for i := range len(s) {
		for j := i; j <= len(s); j++ {
			w := s[i:j]
			var want uint64
			for k := min(8, len(w)) - 1; k >= 0; k-- {
				want = want<<8 | uint64(w[k])
			}
			if got := keyHead(w); got != want {
				t.Errorf("keyHead(%q) = %#x, want %#x", w, got, want)
			}
		}
	}
}
