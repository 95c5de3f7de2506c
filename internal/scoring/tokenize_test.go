package scoring

import (
	"strings"
	"testing"
)

// The tokenizer's rules are tested in internal/tokens; the scorer adds the cap.
func TestTokenizeBoundsHugeInput(t *testing.T) {
	toks := tokenize(strings.Repeat("word ", 100000), nil)
	if len(toks) != maxTokens {
		t.Fatalf("got %d tokens, want the cap %d", len(toks), maxTokens)
	}
}
