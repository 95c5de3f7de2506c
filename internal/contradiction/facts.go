package contradiction

// facts is everything the word lists say about one lower-case form, gathered at
// load time so analyze looks each token up once instead of once per list (a
// dozen map probes per token were a tenth of a server call's CPU). The lists
// themselves stay the source: buildFacts derives this table from them.
type facts struct {
	stop, negator, quantity, hedge, npi bool
	// exceptions, temporal and aliases are the phrases of those lists that
	// start with the word.
	exceptions, temporal, aliases []phrase
	month, weekday                string // the number it names; "" if none
	number                        bool   // a key of the numbers list
}

// buildFacts fills lx.facts from the word-keyed lists (not the stem-keyed ones:
// stance, related, change and antonyms are looked up by stem).
func (lx *lexicon) buildFacts() {
	lx.facts = map[string]*facts{}
	get := func(w string) *facts {
		f := lx.facts[w]
		if f == nil {
			f = &facts{}
			lx.facts[w] = f
		}
		return f
	}
	for w := range lx.stop {
		get(w).stop = true
	}
	for w := range lx.negators {
		get(w).negator = true
	}
	for w := range lx.quantities {
		get(w).quantity = true
	}
	for w := range lx.hedges {
		get(w).hedge = true
	}
	for w := range lx.npi {
		get(w).npi = true
	}
	for w, ps := range lx.exceptions.byFirst {
		get(w).exceptions = ps
	}
	for w, ps := range lx.temporal.byFirst {
		get(w).temporal = ps
	}
	for w, ps := range lx.aliases.byFirst {
		get(w).aliases = ps
	}
	for w, v := range lx.months {
		get(w).month = v
	}
	for w, v := range lx.weekdays {
		get(w).weekday = v
	}
	for w := range lx.numbers {
		get(w).number = true
	}
}

// noFacts stands for a word no list names.
var noFacts = &facts{}

// factsOf returns what the lists say about the lower-case form w.
func (lx *lexicon) factsOf(w string) *facts {
	if f := lx.facts[w]; f != nil {
		return f
	}
	return noFacts
}
