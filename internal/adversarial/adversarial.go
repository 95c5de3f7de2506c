// Package adversarial generates hostile article texts of any length: the inputs a
// client can send to make a text pipeline superlinear (only quotation marks,
// endless sentences, thousands of names or cue verbs, deep nesting, runs of
// punctuation, mixed scripts, zero-width characters…). The complexity tests time the
// pipeline on each at n and 4n bytes, the benchmarks report their cost, and the
// server tests use them as hostile bodies. Every generator is deterministic and
// returns valid UTF-8 of exactly the requested length or a few bytes less (it never
// splits a character), so the service would accept its output. Repeated patterns
// end after a whole repetition, so texts of different lengths read alike: a cut
// inside a quotation would leave a stray mark that changes how the whole line is
// read, and the complexity test would compare two different inputs.
package adversarial

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Generator makes one kind of hostile text.
type Generator struct {
	// Name is short and stable; tests and benchmarks use it as their sub-test name.
	Name string
	// Make returns at most n bytes of text, short of n by less than one repetition
	// of its pattern (at most 128 bytes).
	Make func(n int) string
}

// All lists every generator, in a stable order.
func All() []Generator { return append([]Generator(nil), generators...) }

// Get returns the generator named name.
func Get(name string) (Generator, bool) {
	for _, g := range generators {
		if g.Name == name {
			return g, true
		}
	}
	return Generator{}, false
}

var generators = []Generator{
	{"quotes", repeat(`"`)},
	{"quote-word", repeat(`"a `)},
	{"curly-open-quotes", repeat("“")},
	{"nested-quotes", repeat("“‘« \"a ‘“b ")},
	{"brackets", nested("([{", ")]}")},
	{"endless-sentence", repeat("the minister said that the talks would resume and officials added that ")},
	{"capitalised-names", names(" ")},
	{"names-said", namesSaid},
	{"cue-verbs", repeat("said told added stated argued claimed warned insisted noted ")},
	{"repeated-said", repeat("said ")},
	{"quoted-said", repeat(`"The tax will rise," he said. "It will not," she said. `)},
	{"according-to", repeat("according to officials, according to the minister, ")},
	{"colons", repeat("Minister: officials: ")},
	{"colon-run", repeat(":")},
	{"list-nesting", repeat("- - * • 1. - the minister said the plan failed\n")},
	{"punctuation-run", repeat(".,;:!?—–-…()[]")},
	{"mixed-scripts", repeat("Minister said “Привет” 外交部长说：“会谈” قال الوزير 😀 ")},
	{"zero-width", repeat("said\u200b\u200c\u200d\ufeff“a\u200b”\u2060 ")},
	{"newlines", repeat("\n")},
	{"short-lines", repeat("a\nThe minister\n\n")},
	{"one-word", repeat("a")},
	{"pipes", repeat("| cell | the minister said the plan failed badly today and yesterday too |")},
	{"markers", repeat("[CITATION: ADVERTISEMENT [AB")},
	{"abbreviations", repeat("Mr. U.S. Sen. Dr. Gov. Jr. ")},
	{"pronouns-said", repeat("He said it. She said so. They said that. It said. ")},
	{"hedges", repeat("may might could perhaps possibly reportedly allegedly not never ")},
	{"apostrophes", repeat("'' ’ '‘ he's ")},
	{"dashes", repeat("— he said — ")},
	{"control-chars", repeat("said\x00\x01\x7f\u202e\u202c ")},
}

// repeat cycles unit as often as it fits in n bytes.
func repeat(unit string) func(int) string {
	return func(n int) string { return strings.Repeat(unit, n/len(unit)) }
}

// nested opens every bracket of open for half the text and closes them in the
// other half: one nesting as deep as the input is long.
func nested(open, close string) func(int) string {
	return func(n int) string {
		half := n / 2
		o := fit(strings.Repeat(open, half/len(open)+1), half)
		c := fit(strings.Repeat(close, (n-len(o))/len(close)+1), n-len(o))
		return o + c
	}
}

// names is a run of distinct capitalised two-word names, joined by sep.
func names(sep string) func(int) string {
	return func(n int) string {
		return units(n, func(i int) string { return name(i) + sep })
	}
}

// namesSaid makes every sentence a new speaker: “Vikaka Teloka said the plan 2 failed.”
func namesSaid(n int) string {
	return units(n, func(i int) string { return name(i) + " said the plan " + strconv.Itoa(i) + " failed. " })
}

// units concatenates unit(0), unit(1), … while they fit in n bytes.
func units(n int, unit func(int) string) string {
	var b strings.Builder
	for i := 0; ; i++ {
		u := unit(i)
		if b.Len()+len(u) > n {
			return b.String()
		}
		b.WriteString(u)
	}
}

var syllables = []string{"ka", "lo", "vi", "ra", "mu", "te", "son", "dri", "el", "an", "go", "ber"}

// name is the i'th distinct capitalised first and last name.
func name(i int) string {
	word := func(k int) string {
		s := ""
		for j := 0; j < 3; j++ {
			s += syllables[k%len(syllables)]
			k /= len(syllables)
		}
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return word(i) + " " + word(i*7+3)
}

// fit cuts s to at most n bytes without splitting a character.
func fit(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
