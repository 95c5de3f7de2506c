package contradiction

import (
	"slices"
	"strings"
	"testing"
	"unsafe"
)

func TestStem(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	same := [][]string{
		{"open", "opened", "opening", "opens"},
		{"close", "closed", "closing", "closes"},
		{"stop", "stopped", "stopping"},
		{"reopen", "reopened", "reopening"},
		{"child", "children"},
		{"be", "was", "were", "is"},
		{"agree", "agreed", "agreeing"},
	}
	for _, group := range same {
		want := stem(group[0], lx.irregular)
		for _, w := range group[1:] {
			if got := stem(w, lx.irregular); got != want {
				t.Errorf("stem(%q) = %q, want %q like %q", w, got, want, group[0])
			}
		}
	}
	if stem("open", lx.irregular) == stem("close", lx.irregular) {
		t.Error("open and close must not share a stem")
	}
}

func TestAnalyze(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text     string
		negative bool
		entities []string
		numbers  []string
	}{
		{"There is no line between Moscow and Washington.", true, []string{"russia", "united_states"}, nil},
		{"The U.S. and Kiev did not meet.", true, []string{"ukraine", "united_states"}, nil},
		{"They don't agree.", true, nil, nil},
		{"Contact is rare.", true, nil, nil},
		{"A few officials met.", false, nil, nil},
		{"It was not only cheap but good.", false, nil, nil},
		{"No, it was the Kremlin that called.", false, []string{"russia"}, nil},
		{"No line and no mechanism exist.", true, nil, nil},
		{"It is not untrue.", true, nil, nil}, // "untrue" is a word, not a negator
		{"Seventy-two churches and 1,000 people.", false, nil, []string{"1000", "72"}},
		{"Let us go.", false, nil, nil}, // the pronoun is not the country
	}
	for _, tt := range tests {
		a := lx.analyze(tt.text)
		if a.negative() != tt.negative {
			t.Errorf("%q: negative = %v, want %v", tt.text, a.negative(), tt.negative)
		}
		var ents, nums []string
		for _, term := range a.terms {
			if term.entity {
				ents = append(ents, term.key)
			}
		}
		for _, q := range a.numbers {
			nums = append(nums, q.value)
		}
		slices.Sort(ents)
		slices.Sort(nums)
		if !slices.Equal(ents, tt.entities) || !slices.Equal(nums, tt.numbers) {
			t.Errorf("%q: entities %v numbers %v, want %v %v", tt.text, ents, nums, tt.entities, tt.numbers)
		}
	}
}

func TestLexiconKeepsWordNetNotice(t *testing.T) {
	b, err := data.ReadFile("data/antonyms-wordnet.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b[:min(len(b), 600)]), "WordNet 3.0 Copyright 2006 by Princeton University") {
		t.Error("the embedded WordNet antonyms must keep Princeton's licence notice")
	}
}

// TestNegationFeatures checks the negation features the model learns from on the
// pairs that motivate them: what a negation governs, whether the other side
// mentions it, and which side is the short denial.
func TestNegationFeatures(t *testing.T) {
	c := newClassifier(t)
	tests := []struct {
		name string
		a, b string
		on   []int // features that must be set
		off  []int // features that must not be
		head string
	}{
		{"negator governs a shared verb", "The FBI found traces of explosives at the crash sites.", "The FBI did not find explosives.",
			[]int{fNegHead, fNegShort}, []int{fNegHeadNew, fNegUniversal}, "find"},
		{"negated word the other side never mentions", "SpongeBob SquarePants is a French animated series.", "SpongeBob SquarePants is not an American series.",
			[]int{fNegHeadNew}, []int{fNegHead}, ""},
		{"universal negator", "Everyone came to the party at the station.", "Nobody came to the party.",
			[]int{fNegUniversal}, nil, ""},
		{"predicative quantifier governs its subject", "Formal contact between the two governments has been scarce for years.", "Formal contact between the two governments is steady.",
			[]int{fNegHead}, nil, ""},
		{"the affirming side rejects something itself", "She refused to be a model.", "She is not a model.",
			[]int{fNegOtherRejects}, nil, ""},
		{"both sides negative: no negation cue", "He did not go.", "He never went.",
			nil, []int{fNegHigh, fNegMid, fNegLow, fNegHead, fNegShort, fNegUniversal}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ev := pairFeatures(c.lx, c.lx.analyze(tt.a), c.lx.analyze(tt.b))
			for _, i := range tt.on {
				if f[i] == 0 {
					t.Errorf("%s not set: %v", featureNames[i], f)
				}
			}
			for _, i := range tt.off {
				if f[i] != 0 {
					t.Errorf("%s set: %v", featureNames[i], f)
				}
			}
			if tt.head != "" && ev.negHead != tt.head {
				t.Errorf("negated head %q, want %q", ev.negHead, tt.head)
			}
		})
	}
}

// TestTermSize keeps a term at 64 bytes: the Index holds every claim's terms,
// so a field added or reordered carelessly costs memory on every claim.
func TestTermSize(t *testing.T) {
	if got := unsafe.Sizeof(term{}); got > 64 {
		t.Errorf("term is %d bytes, want at most 64", got)
	}
}

// TestPutScratchClears checks that a scratch given back after several claims
// (a long one, then shorter ones, as prepareAll analyses an article) keeps
// no word of them: putScratch clears past what the last claim used.
func TestPutScratchClears(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	sc := lx.takeScratch()
	var ar analysisArena
	for _, text := range []string{
		strings.Repeat("Moscow did not resume the talks it had never opened, officials said. ", 4),
		"Talks resumed.", "No.",
	} {
		lx.analyzeWith(sc, &ar, text)
	}
	toks, terms := sc.toks[:cap(sc.toks)], sc.terms[:cap(sc.terms)]
	cues := sc.cues
	lx.putScratch(sc)
	for i, tk := range toks {
		if tk != (token{}) {
			t.Fatalf("token %d left as %+v", i, tk)
		}
	}
	for i, tm := range terms {
		if tm != (term{}) {
			t.Fatalf("term %d left as %+v", i, tm)
		}
	}
	for k, l := range cues {
		for i, c := range l[:cap(l)] {
			if c != (cue{}) {
				t.Fatalf("cue list %d: cue %d left as %+v", k, i, c)
			}
		}
	}
}

// TestTermPrefixes checks that every term analyze makes carries the prefix
// of its key, whichever way the key came (a listed word's stem, a stem cut
// from the word with its head derived from the word's, a "y" stem, a
// near-synonym group, an entity alias), on stems shorter and longer than 8
// bytes and every seed sentence.
func TestTermPrefixes(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"The studies tried to deny what officials had agreed, internationally and unconditionally.",
		"Moscow and the United States resumed communication; Kyiv's envoys were communicating.",
		"He opened it. Zürich’s naïve bankers can't stop, wouldn't stop, cannot stop.",
		"a ab abc abcd abcde abcdef abcdefg abcdefgh abcdefghi xyzzies xyzzied",
	}
	if seeds, err := seedTexts(); err == nil {
		texts = append(texts, seeds...)
	}
	for _, text := range texts {
		for _, tm := range lx.analyze(text).terms {
			if tm.prefix != keyPrefix(tm.key) {
				t.Errorf("%.40q: term %q (key %q): prefix %x, want %x", text, tm.word, tm.key, tm.prefix, keyPrefix(tm.key))
			}
		}
	}
}

// TestTermAt checks termAt against the terms' positions: the index of the
// term at each token, -1 where none stands (stop words, cues, marks) and
// outside the statement.
func TestTermAt(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"", "The border is not open; the United States said so.", "Talks, talks and more talks."}
	if seeds, err := seedTexts(); err == nil {
		texts = append(texts, seeds...)
	}
	for _, text := range texts {
		an := lx.analyze(text)
		want := make([]int, len(an.clause))
		for p := range want {
			want[p] = -1
		}
		for i, tm := range an.terms {
			want[tm.pos] = i
		}
		for p := -1; p <= len(want); p++ {
			w := -1
			if p >= 0 && p < len(want) {
				w = want[p]
			}
			if got := an.termAt(p); got != w {
				t.Errorf("%.40q: termAt(%d) = %d, want %d", text, p, got, w)
			}
		}
	}
}
