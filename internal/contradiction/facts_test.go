package contradiction

import (
	"slices"
	"testing"
)

// TestFactsAgreeWithLists checks the per-word and per-stem tables against the
// lists they are derived from, for every entry of those lists.
func TestFactsAgreeWithLists(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	for w, l := range lx.irregular {
		if f := lx.factsOf(w); !f.irregular || f.lemma != l {
			t.Errorf("facts(%q): irregular %v lemma %q, want %q", w, f.irregular, f.lemma, l)
		}
	}
	for _, e := range lx.facts.entries {
		if f := &e.v; f.cue != (f.negator || f.quantity || f.hedge || f.npi) {
			t.Errorf("facts %+v: cue %v", f, f.cue)
		}
	}
	for _, e := range lx.facts.entries {
		f := &e.v
		if want := len(f.aliases) > 0 || f.cue || f.stop || f.number || f.month != "" || f.weekday != ""; f.special != want {
			t.Errorf("facts %+v: special %v, want %v", f, f.special, want)
		}
	}
	for _, tc := range []struct {
		w    string
		want bool
	}{{"not", true}, {"the", true}, {"seven", true}, {"march", true}, {"monday", true}, {"opened", false}, {"dialogue", false}, {"", false}} {
		if got := lx.factsOf(tc.w).special; got != tc.want {
			t.Errorf("facts(%q).special = %v, want %v", tc.w, got, tc.want)
		}
	}
	for _, w := range []string{"not", "little", "may", "any"} {
		if !lx.factsOf(w).cue {
			t.Errorf("facts(%q): no cue", w)
		}
	}
	for _, w := range []string{"opened", "children", "was", "talks", ""} {
		f := lx.factsOf(w)
		got := stemRegular(w)
		if f.irregular {
			got = f.lemma
		}
		if want := stem(w, lx.irregular); got != want {
			t.Errorf("stem via facts of %q = %q, want %q", w, got, want)
		}
	}
	for _, w := range prepositions() {
		if tokenKind(w, lx.factsOf(w)) != kindPrep {
			t.Errorf("%q is not kindPrep", w)
		}
	}
	for _, tc := range []struct {
		w    string
		want uint8
	}{{"engaging", kindIng}, {"king", 0}, {"russia", 0}, {"towards", kindPrep}} {
		if got := tokenKind(tc.w, lx.factsOf(tc.w)); got != tc.want {
			t.Errorf("tokenKind(%q) = %d, want %d", tc.w, got, tc.want)
		}
	}
	stems := map[string]bool{}
	for s := range lx.stance {
		stems[s] = true
	}
	for s := range lx.related {
		stems[s] = true
	}
	for s := range lx.antID {
		stems[s] = true
	}
	for s := range lx.change.byFirst {
		stems[s] = true
	}
	stems["nosuchstem"] = true
	for s := range stems {
		f := lx.stemFactsOf(s)
		if f.stance != lx.stance[s] || f.related != lx.related[s] || f.ant != lx.antID[s] {
			t.Errorf("stemFacts(%q) = %+v, want stance %d related %q ant %d", s, f, lx.stance[s], lx.related[s], lx.antID[s])
		}
		if !slices.EqualFunc(f.change, lx.change.byFirst[s], func(x, y phrase) bool { return x.value == y.value && slices.Equal(x.words, y.words) }) {
			t.Errorf("stemFacts(%q).change differs from the change list", s)
		}
	}
}

// TestFactsPhrases checks the phrases mark against the phrase lists, the
// date keys made at load against the month and weekday numbers, and each
// alias' antonym number against the antonym list's.
func TestFactsPhrases(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	for _, ps := range lx.aliases.byFirst {
		for _, ph := range ps {
			if ph.ant != lx.antID[ph.value] {
				t.Errorf("alias %q: antonym number %d, want %d", ph.value, ph.ant, lx.antID[ph.value])
			}
		}
	}
	for i := range lx.facts.entries {
		f := &lx.facts.entries[i].v
		for _, ph := range f.aliases {
			if ph.ant != lx.antID[ph.value] {
				t.Errorf("facts(%q): alias %q: antonym number %d, want %d", lx.facts.key(i), ph.value, ph.ant, lx.antID[ph.value])
			}
		}
		if want := len(f.exceptions) > 0 || len(f.temporal) > 0 || len(f.aliases) > 0; f.phrases != want {
			t.Errorf("facts(%q).phrases = %v, want %v", lx.facts.key(i), f.phrases, want)
		}
		if (f.month != "") != (f.monthDate == "m"+f.month) || (f.weekday != "") != (f.weekdayDate == "d"+f.weekday) {
			t.Errorf("facts(%q): date keys %q %q for %q %q", lx.facts.key(i), f.monthDate, f.weekdayDate, f.month, f.weekday)
		}
	}
}
