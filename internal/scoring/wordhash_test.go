package scoring

import (
	"testing"

	"github.com/claimsvc/claimsvc/internal/tokens"
)

// TestTokenHashIsWordHash checks that the hash tokens take of every token is
// the scorer's wordHash of its Lower, which lookup and the n-gram features
// rely on instead of hashing the words again.
func TestTokenHashIsWordHash(t *testing.T) {
	for _, s := range append(benchSentences, "Moscow’s won't CAN'T U.S. 3.5% «Лавров» — so-called Élan, don’t $5 n't") {
		for _, tk := range tokens.Append(nil, s, 0) {
			if tk.Hash != wordHash(tk.Lower) {
				t.Fatalf("%q: token %q hash %#x, want wordHash %#x", s, tk.Lower, tk.Hash, wordHash(tk.Lower))
			}
		}
	}
}

// TestPhraseSecondHash checks that every cue phrase's secondHash is the Hash
// a token spelling its second word has, so findInfo's hash test passes over
// no phrase that the next token does spell.
func TestPhraseSecondHash(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	multi := 0
	for w, e := range s.finder.byFirst {
		for _, p := range e.phrases {
			want := uint64(0)
			if len(p.toks) > 1 {
				want = tokens.Hash(p.toks[1])
				multi++
			}
			if p.secondHash != want {
				t.Fatalf("phrase %q (first word %q): secondHash %#x, want %#x", p.form, w, p.secondHash, want)
			}
		}
	}
	if multi == 0 {
		t.Fatal("no multi-word cue phrase: the test checks nothing")
	}
}
