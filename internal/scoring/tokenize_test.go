package scoring

import (
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // lowercased forms
	}{
		{"contraction splits n't", "They couldn't agree.", []string{"they", "could", "n't", "agree", "."}},
		{"can't keeps its verb", "We can't say", []string{"we", "can", "n't", "say"}},
		{"curly apostrophe", "It won’t", []string{"it", "will", "n't"}},
		{"hyphen and abbreviation stay whole", "The so-called U.S. plan", []string{"the", "so-called", "u.s", ".", "plan"}},
		{"decimal number", "3.5 percent", []string{"3.5", "percent"}},
		{"slash is its own token", "and/or", []string{"and", "/", "or"}},
		{"invalid UTF-8 separates", "may\xffbe", []string{"may", "be"}},
		{"non-Latin letters", "Лавров заявил", []string{"лавров", "заявил"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := tokenize(tt.in, nil)
			var got []string
			for _, tk := range toks {
				got = append(got, tk.Lower)
				if !strings.EqualFold(strings.ReplaceAll(tt.in[tk.Start:tk.End], "’", "'"), tk.Lower) &&
					tk.Lower != "can" && tk.Lower != "will" && tk.Lower != "n't" {
					t.Errorf("token %q does not spell its span %q", tk.Lower, tt.in[tk.Start:tk.End])
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("tokens = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTokenizeBoundsHugeInput(t *testing.T) {
	toks := tokenize(strings.Repeat("word ", 100000), nil)
	if len(toks) != maxTokens {
		t.Fatalf("got %d tokens, want the cap %d", len(toks), maxTokens)
	}
}
