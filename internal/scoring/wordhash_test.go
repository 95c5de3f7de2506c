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
