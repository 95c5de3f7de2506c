package tokens

import (
	"strings"
	"testing"
)

func TestAppend(t *testing.T) {
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
		{"digit groups are split by commas", "1,000 people", []string{"1", ",", "000", "people"}},
		{"slash is its own token", "and/or", []string{"and", "/", "or"}},
		{"invalid UTF-8 separates", "may\xffbe", []string{"may", "be"}},
		{"non-Latin letters", "Лавров заявил", []string{"лавров", "заявил"}},
		{"control characters separate", "a\x00b\x1bc", []string{"a", "b", "c"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tk := range Append(nil, tt.in, 0) {
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

func TestAppendFlags(t *testing.T) {
	toks := Append(nil, "Paris, 2024: Élan", 0)
	type flags struct{ upper, digit, word bool }
	want := []flags{{true, false, true}, {false, false, false}, {false, true, true}, {false, false, false}, {true, false, true}}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens, want %d", len(toks), len(want))
	}
	for i, tk := range toks {
		if got := (flags{tk.Upper, tk.Digit, tk.Word}); got != want[i] || tk.Neg {
			t.Errorf("token %d %q: flags %+v neg %v, want %+v and no neg", i, tk.Lower, got, tk.Neg, want[i])
		}
	}
}

func TestAppendLimitAndReuse(t *testing.T) {
	toks := Append(nil, strings.Repeat("word ", 1000), 10)
	if len(toks) != 10 {
		t.Fatalf("got %d tokens, want the limit 10", len(toks))
	}
	// Appending to a non-empty slice keeps what was there and limits only the new.
	more := Append(toks[:3], "a b c d", 2)
	if len(more) != 5 || more[3].Lower != "a" || more[4].Lower != "b" {
		t.Fatalf("append to a prefix: got %d tokens %+v", len(more), more)
	}
}

// TestWithin checks the property stages rely on: where Within says ok, its tokens
// are the span's own tokens; where a span cuts a word, it says so.
func TestWithin(t *testing.T) {
	text := "He said: “We couldn’t agree on the U.S. plan.” The so-called deal, worth 3.5 billion, can't pass. Лавров заявил."
	all := Append(nil, text, 0)
	cuts := 0
	for start := 0; start <= len(text); start++ {
		for end := start; end <= len(text); end++ {
			got, ok := Within(all, start, end)
			alone := Append(nil, text[start:end], 0)
			if !ok {
				cuts++
				continue
			}
			if len(got) != len(alone) {
				t.Fatalf("[%d,%d) %q: Within gives %d tokens, alone %d", start, end, text[start:end], len(got), len(alone))
			}
			for k := range got {
				g, a := got[k], alone[k]
				g.Start -= start
				g.End -= start
				if g != a {
					t.Fatalf("[%d,%d) %q: token %d is %+v, alone %+v", start, end, text[start:end], k, g, a)
				}
			}
		}
	}
	if cuts == 0 {
		t.Fatal("no span was reported as cutting a word")
	}
	if _, ok := Within(all, strings.Index(text, "couldn")+5, len(text)); ok {
		t.Error("a span starting between could and n't must not be ok")
	}
}

func BenchmarkAppend(b *testing.B) {
	text := strings.Repeat("Interior Minister Ana Ruiz said on Tuesday that the border won't reopen this year, officials said. ", 40)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	var toks []Token
	for b.Loop() {
		toks = Append(toks[:0], text, 0)
	}
}

// BenchmarkLowererAppend tokenises sentence by sentence into one reused slice
// with one Lowerer, as the scorer does.
func BenchmarkLowererAppend(b *testing.B) {
	sents := strings.SplitAfter(strings.Repeat("Interior Minister Ana Ruiz said on Tuesday that the border won't reopen this year, officials said. The U.S. envoy’s 3.5% estimate was disputed. ", 8), ". ")
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	var lw Lowerer
	var toks []Token
	for b.Loop() {
		for _, s := range sents {
			toks = lw.Append(toks[:0], s, 4096)
		}
	}
}

func TestPlain(t *testing.T) {
	tests := []struct {
		in   string
		want []bool // Plain of each token
	}{
		{"so-called Moscow's", []bool{true, true}},
		{"U.S. 3.5", []bool{false, false, false}}, // "U.S", ".", "3.5"
		{"Moscow’s Élan", []bool{false, false}},
		{"couldn't don’t", []bool{true, true, true, false}}, // could, n't, do, n’t
		{"a, b", []bool{true, false, true}},
	}
	for _, tt := range tests {
		toks := Append(nil, tt.in, 0)
		if len(toks) != len(tt.want) {
			t.Fatalf("%q: %d tokens, want %d", tt.in, len(toks), len(tt.want))
		}
		for k, tk := range toks {
			if tk.Plain != tt.want[k] {
				t.Errorf("%q token %d %q: Plain %v, want %v", tt.in, k, tk.Lower, tk.Plain, tt.want[k])
			}
		}
	}
}

// TestWithinAtMatchesWithin checks WithinAt against Within over every range
// of a few texts, i and j found by their definitions.
func TestWithinAtMatchesWithin(t *testing.T) {
	for _, s := range []string{"They couldn't agree, said the U.S. envoy.", "  a-b  won’t go; 3.5% — Élan ", "x", ""} {
		toks := Append(nil, s, 0)
		for start := 0; start <= len(s); start++ {
			for end := start; end <= len(s); end++ {
				i := 0
				for i < len(toks) && toks[i].Start < start {
					i++
				}
				j := i
				for j < len(toks) && toks[j].End <= end {
					j++
				}
				want, ok := Within(toks, start, end)
				if got := WithinAt(toks, i, j, start, end); got != ok {
					t.Fatalf("%q [%d,%d): WithinAt %v, Within ok %v", s, start, end, got, ok)
				}
				if ok && (len(want) != j-i || len(want) > 0 && &want[0] != &toks[i]) {
					t.Fatalf("%q [%d,%d): Within gives %d tokens, not toks[%d:%d]", s, start, end, len(want), i, j)
				}
			}
		}
	}
}
