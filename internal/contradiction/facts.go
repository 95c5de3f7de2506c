package contradiction

// facts is everything the word lists say about one lower-case form, gathered at
// load time so analyze looks each token up once instead of once per list (a
// dozen map probes per token were a tenth of a server call's CPU). The lists
// themselves stay the source: buildFacts derives this table from them.
type facts struct {
	stop, negator, quantity, hedge, npi bool
	// cue says whether any of negator, quantity, hedge and npi is set: most
	// words are none, and analyze tests this once for them.
	cue  bool
	prep bool // one of prepositions()
	// irregular marks a form of the irregular list; lemma is what it maps to
	// (the word's stem).
	irregular bool
	lemma     string
	// exceptions, temporal and aliases are the phrases of those lists that
	// start with the word; phrases says whether there are any.
	exceptions, temporal, aliases []phrase
	phrases                       bool
	month, weekday                string // the number it names; "" if none
	// monthDate and weekdayDate are the date keys of analysis.dates they
	// stand for ("m" + month, "d" + weekday), made once here.
	monthDate, weekdayDate string
	number                 bool // a key of the numbers list
	// special says whether analyze must look at the word before taking it
	// as a content word: it starts an alias, is a cue or a stop word, or
	// names a number, month or weekday. Most words are none, and analyze
	// tests this once for them (with what the token itself says: a word
	// with a hyphen or anything but letters may still be a number).
	special bool
	// stem is the word's stem (lemma if irregular, else stemRegular) and sf
	// what the stem-keyed lists say of it, found once at load time so a token
	// of a listed word needs neither stemming nor a second probe. sf is nil
	// only in noFacts, for words no list names.
	stem string
	sf   *stemFacts
	// stemPrefix is keyPrefix(stem), the term.prefix of the word's term
	// when its stem is the key.
	stemPrefix uint64
}

// buildFacts fills lx.facts from the word-keyed lists (and the irregular forms,
// whose lemmas are their stems), then lx.stemFacts from the stem-keyed ones
// (stance, related, change and antonyms are looked up by stem).
func (lx *lexicon) buildFacts() {
	// Sized and cut from one array as in buildStemFacts.
	n := len(lx.irregular) + len(prepositions()) + len(lx.stop) + len(lx.negators) +
		len(lx.quantities) + len(lx.hedges) + len(lx.npi) + len(lx.exceptions.byFirst) +
		len(lx.temporal.byFirst) + len(lx.aliases.byFirst) + len(lx.months) +
		len(lx.weekdays) + len(lx.numbers)
	byWord := make(map[string]*facts, n)
	slab := make([]facts, 0, n)
	get := func(w string) *facts {
		f := byWord[w]
		if f == nil {
			slab = append(slab, facts{})
			f = &slab[len(slab)-1]
			byWord[w] = f
		}
		return f
	}
	for w, l := range lx.irregular {
		f := get(w)
		f.irregular, f.lemma = true, l
	}
	for _, w := range prepositions() {
		get(w).prep = true
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
		for k := range ps {
			ps[k].ant = lx.antID[ps[k].value] // the antonym numbers are built
			ps[k].prefix = keyPrefix(ps[k].value)
		}
		get(w).aliases = ps
	}
	for w, v := range lx.months {
		f := get(w)
		f.month, f.monthDate = v, "m"+v
	}
	for w, v := range lx.weekdays {
		f := get(w)
		f.weekday, f.weekdayDate = v, "d"+v
	}
	for w := range lx.numbers {
		get(w).number = true
	}
	lx.buildStemFacts()
	for w, f := range byWord {
		f.phrases = len(f.exceptions)+len(f.temporal)+len(f.aliases) > 0
		f.cue = f.negator || f.quantity || f.hedge || f.npi
		f.special = len(f.aliases) > 0 || f.cue || f.stop || f.number || f.month != "" || f.weekday != ""
		f.stem = stemRegular(w)
		if f.irregular {
			f.stem = f.lemma
		}
		f.sf = lx.stemFactsOf(f.stem)
		f.stemPrefix = keyPrefix(f.stem)
	}
	lx.facts = newFactTable(byWord)
}

// stemFacts is everything the stem-keyed lists say about one stem, gathered at
// load time as facts is for words: analyze looks each token's stem up once
// instead of once in each of the change, stance, related and antonym lists.
type stemFacts struct {
	change  []phrase // change-of-state phrases starting with the stem
	stance  int      // +1 affirms, -1 rejects, 0 neither (lexicon.stance)
	related string   // near-synonym group key; "" if none (lexicon.related)
	ant     int32    // number in the antonym list (lexicon.antID); 0 if none
	// relatedPrefix is keyPrefix(related), the term.prefix of a term keyed
	// by the group.
	relatedPrefix uint64
}

// buildStemFacts fills lx.stemFacts from the stem-keyed lists; the antonym
// numbers must be built.
func (lx *lexicon) buildStemFacts() {
	// Sized for the lists together (the antonym stems are most of them), the
	// entries cut from one array: no map growth and no allocation per stem at
	// start-up. The array is never outgrown, so its element pointers stay put.
	n := len(lx.change.byFirst) + len(lx.stance) + len(lx.related) + len(lx.antID)
	byStem := make(map[string]*stemFacts, n)
	slab := make([]stemFacts, 0, n)
	get := func(s string) *stemFacts {
		f := byStem[s]
		if f == nil {
			slab = append(slab, stemFacts{})
			f = &slab[len(slab)-1]
			byStem[s] = f
		}
		return f
	}
	for s, ps := range lx.change.byFirst {
		get(s).change = ps
	}
	for s, d := range lx.stance {
		get(s).stance = d
	}
	for s, g := range lx.related {
		f := get(s)
		f.related, f.relatedPrefix = g, keyPrefix(g)
	}
	for s, id := range lx.antID {
		get(s).ant = id
	}
	lx.stemFacts = newFactTable(byStem)
}

// noStemFacts stands for a stem no list names.
var noStemFacts = &stemFacts{}

// stemFactsOf returns what the stem-keyed lists say about stem s.
func (lx *lexicon) stemFactsOf(s string) *stemFacts {
	if f := lx.stemFacts.get(s); f != nil {
		return f
	}
	return noStemFacts
}

// stemFactsAt returns the stem facts of entry e of lx.stemFacts (findHead's
// answer): noStemFacts for -1.
func (lx *lexicon) stemFactsAt(e int32) *stemFacts {
	if e < 0 {
		return noStemFacts
	}
	return &lx.stemFacts.entries[e].v
}

// noFacts stands for a word no list names.
var noFacts = &facts{}

// factsAt returns the word facts of entry e of lx.facts (find's answer):
// noFacts for -1.
func (lx *lexicon) factsAt(e int32) *facts {
	if e < 0 {
		return noFacts
	}
	return &lx.facts.entries[e].v
}

// factsOf returns what the lists say about the lower-case form w.
func (lx *lexicon) factsOf(w string) *facts {
	if f := lx.facts.get(w); f != nil {
		return f
	}
	return noFacts
}
