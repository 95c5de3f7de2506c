package scoring

import (
	"fmt"
	"strings"
)

// contextRules are the parsed hedge-context.tsv: where a lexicon word is not a
// cue although it is spelled like one. A word list cannot say "about" is an
// approximator in "about 30 minutes" but a preposition in "talk about the
// crisis"; these rules say it with the words around the candidate.
type contextRules struct {
	quantity map[string]bool // phrases that are approximators only before a quantity
	numbers  map[string]bool // words that read as a quantity
	units    map[string]bool // units that make "a"/"an" a quantity ("about a week")
	negation map[string]bool // inferential verbs that are no hedge when negated
	mwes     []string        // fixed expressions whose words are never cues
}

// parseContextRules reads rule<TAB>phrase lines.
func parseContextRules(data string) (contextRules, error) {
	r := contextRules{quantity: map[string]bool{}, numbers: map[string]bool{}, units: map[string]bool{}, negation: map[string]bool{}}
	err := eachRow(data, "hedge context", 2, func(f []string) error {
		phrase := strings.Join(strings.Fields(f[1]), " ")
		if phrase == "" {
			return fmt.Errorf("empty phrase")
		}
		switch f[0] {
		case "quantity":
			r.quantity[phrase] = true
		case "number":
			r.numbers[phrase] = true
		case "unit":
			r.units[phrase] = true
		case "negation":
			r.negation[phrase] = true
		case "mwe":
			r.mwes = append(r.mwes, phrase)
		default:
			return fmt.Errorf("unknown rule %q", f[0])
		}
		return nil
	})
	return r, err
}

// quantityAt reports whether toks[i:] begins with a quantity: a number, a number
// word ("thirty", "a dozen", "half"), a currency sign, or "a"/"an" before a
// number word or unit ("about an hour").
func (r *contextRules) quantityAt(toks []token, i int) bool {
	if i >= len(toks) {
		return false
	}
	t := toks[i]
	if t.Digit || r.numbers[t.Lower] {
		return true
	}
	if (t.Lower == "a" || t.Lower == "an") && i+1 < len(toks) {
		n := toks[i+1].Lower
		return r.numbers[n] || r.units[n]
	}
	return false
}

// negatedBefore reports whether a negator stands in the two tokens before i
// ("does not imply", "doesn't necessarily imply"); find has marked them.
func negatedBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if toks[k].Neg {
			return true
		}
	}
	return false
}
