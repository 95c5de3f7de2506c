package contradiction

import (
	"slices"
	"testing"
)

// TestAntonymIDs checks that the numbered antonym table says what the stem-keyed
// list says, for every stem of it.
func TestAntonymIDs(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if len(lx.antID) != len(lx.antonyms) || len(lx.antFrom) != len(lx.antonyms)+2 {
		t.Fatalf("%d numbered stems, %d starts, for %d stems", len(lx.antID), len(lx.antFrom), len(lx.antonyms))
	}
	stemOf := make(map[int32]string, len(lx.antID))
	for s, id := range lx.antID {
		if id == 0 || stemOf[id] != "" {
			t.Fatalf("stem %q: number %d is zero or taken", s, id)
		}
		stemOf[id] = s
	}
	for s, ants := range lx.antonyms {
		got := lx.antonymsOf(lx.antID[s])
		if len(got) != len(ants) {
			t.Fatalf("%q: %d antonym numbers, want %d", s, len(got), len(ants))
		}
		for k, y := range ants {
			if stemOf[got[k]] != y {
				t.Errorf("%q: antonym %d is %q, want %q", s, k, stemOf[got[k]], y)
			}
		}
	}
	if lx.antonymsOf(0) != nil {
		t.Error("number 0 has antonyms")
	}
}

func TestUnsharedWithAnt(t *testing.T) {
	terms := []term{{ant: 3}, {ant: 5}, {ant: 0}, {ant: 3}, {ant: 0}}
	for _, tc := range []struct {
		shared []bool
		id     int32
		want   int
	}{
		{[]bool{false, false, false, false, false}, 3, 0},
		{[]bool{true, false, false, false, false}, 3, 3},
		{[]bool{true, false, false, true, false}, 3, -1},
		{[]bool{false, false, false, false, false}, 5, 1},
		{[]bool{false, false, false, false, false}, 7, -1},
	} {
		if got := unsharedWithAnt(antTerms(terms, nil, new(block[antTerm])), tc.shared, tc.id); got != tc.want {
			t.Errorf("unsharedWithAnt(%v, %d) = %d, want %d", tc.shared, tc.id, got, tc.want)
		}
	}
}

func TestAntTerms(t *testing.T) {
	for _, tc := range []struct {
		ants []int32
		want []antTerm
	}{
		{nil, nil},
		{[]int32{0, 0}, nil},
		{[]int32{4}, []antTerm{{0, 4}}},
		{[]int32{0, 7, 0, 7, 2}, []antTerm{{1, 7}, {3, 7}, {4, 2}}},
	} {
		terms := make([]term, len(tc.ants))
		for i, a := range tc.ants {
			terms[i].ant = a
		}
		for _, buf := range [][]antTerm{nil, make([]antTerm, 1), make([]antTerm, 6)} {
			if got := antTerms(terms, buf, new(block[antTerm])); !slices.Equal(got, tc.want) {
				t.Errorf("antTerms(%v, %d slots) = %v, want %v", tc.ants, len(buf), got, tc.want)
			}
		}
	}
}

// TestAntonymStemsHint checks that antonymStemsHint still covers the embedded
// lists, so the map is not grown at start-up.
func TestAntonymStemsHint(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(lx.antonyms); n > antonymStemsHint {
		t.Errorf("%d antonym stems, more than antonymStemsHint %d: raise it", n, antonymStemsHint)
	} else {
		t.Logf("%d antonym stems (hint %d)", n, antonymStemsHint)
	}
}
