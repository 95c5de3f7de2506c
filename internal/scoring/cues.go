package scoring

import (
	"sort"
	"strings"
)

// phrase is one cue form: a hand-curated lexicon entry or a form learned from the
// training corpus, of one or more tokens.
type phrase struct {
	toks  []string
	form  string // toks joined by single spaces
	class string
	prior float64 // signed hand prior; 0 for learned-only forms
	// heads are the leading parts of this phrase's context features ("f=may",
	// "c=modal", "st=may") and headHash their hashes, computed once so scoring
	// hashes only the part of a feature that depends on the context.
	heads    [numHeads]string
	headHash [numHeads]uint64
	// fixed are the hashes of the heads with the constant parts that follow
	// them in the context features (fixedHashes), for featureHashes.
	fixed [numFixed]uint64
	// attrFloor and distFloor are attributionFloor and distancingFloor of this
	// phrase, computed once.
	attrFloor, distFloor float64
	// The context rules of hedge-context.tsv that apply to this phrase: blocker
	// marks a fixed expression that is never a cue ("talk show"), needsQuantity
	// an approximator only before a quantity ("about 30"), negationCancels an
	// inferential verb that is no hedge when negated ("does not imply").
	blocker, needsQuantity, negationCancels bool
	// secondHash is the word hash of the phrase's second word (a token's
	// Hash when it is that word; 0 for one word), so findInfo passes over a
	// phrase whose second word the next token is not without comparing text.
	secondHash uint64
}

// Feature heads: what a cue feature is about before its context part.
const (
	headForm = iota
	headClass
	headStem
	numHeads
)

// candidate is a phrase matched at tokens [i, j) of a sentence.
type candidate struct {
	i, j int
	p    *phrase
}

// cueFinder finds hedge and booster candidates in tokenized text and describes
// each with the context features the learned cue model weighs. It is read-only
// after construction, so one finder serves any number of goroutines.
type cueFinder struct {
	byFirst map[string]*firstEntry // keyed by a phrase's first token
	rules   *contextRules
	// words is byFirst joined with the check-worthiness classes, for one probe
	// per token (wordTable).
	words *wordTable
}

// firstEntry is what one lowercase word starts: cue phrases (longest first) and
// whether the word is a negator. One map lookup per token answers both.
type firstEntry struct {
	phrases []*phrase
	negator bool
}

// newCueFinder joins the lexicon with learned forms (form -> class); a lexicon
// entry keeps its own class when a learned form repeats it. classes and types
// are the check-worthiness word classes and claimtype word masks its word
// table also answers (nil: none).
func newCueFinder(lex lexicon, learned map[string]string, classes, types map[string]uint32) *cueFinder {
	f := &cueFinder{byFirst: map[string]*firstEntry{}, rules: &lex.context}
	entry := func(w string) *firstEntry {
		e := f.byFirst[w]
		if e == nil {
			e = &firstEntry{}
			f.byFirst[w] = e
		}
		return e
	}
	for w := range lex.negators {
		entry(w).negator = true
	}
	add := func(form, class string, prior float64) {
		toks := strings.Fields(form)
		if len(toks) == 0 {
			return
		}
		p := &phrase{toks: toks, form: strings.Join(toks, " "), class: class, prior: prior}
		p.needsQuantity = lex.context.quantity[p.form]
		p.negationCancels = lex.context.negation[p.form]
		p.heads = [numHeads]string{"f=" + p.form, "c=" + class, "st=" + stem(p.form)}
		for k, h := range p.heads {
			p.headHash[k] = fnvString(fnvOffset, h)
		}
		p.fixed = fixedHashes(p)
		p.attrFloor, p.distFloor = attributionFloor(p), distancingFloor(p)
		e := entry(toks[0])
		e.phrases = append(e.phrases, p)
	}
	for form, e := range lex.entries {
		add(form, e.class, e.prior)
	}
	for form, class := range learned {
		if _, ok := lex.entries[form]; !ok {
			add(form, class, 0)
		}
	}
	for _, form := range lex.context.mwes {
		toks := strings.Fields(form)
		entry(toks[0]).phrases = append(entry(toks[0]).phrases, &phrase{toks: toks, form: form, blocker: true})
	}
	for _, e := range f.byFirst {
		ps := e.phrases
		for _, p := range ps {
			if len(p.toks) > 1 {
				p.secondHash = wordHash(p.toks[1])
			}
		}
		sort.Slice(ps, func(a, b int) bool {
			if len(ps[a].toks) != len(ps[b].toks) {
				return len(ps[a].toks) > len(ps[b].toks)
			}
			return ps[a].form < ps[b].form
		})
	}
	f.words = newWordTable(classes, types, f.byFirst)
	return f
}

// find appends the candidates of toks to dst, left to right, taking the longest
// phrase at each token so "no doubt" wins over "doubt" and "whether or not" over
// "whether"; it also marks every negator token (token.Neg). It applies the
// context rules a word list cannot express: a capitalised modal inside a
// sentence or next to a number is a name or a month ("Theresa May", "May 20",
// "20 May", "Will Smith"), not a hedge; a fixed expression ("talk show")
// consumes its words; "about", "around" and "some" approximate only a quantity
// ("about 30 minutes", not "talk about the crisis"); a negated inferential verb
// ("does not imply") is no hedge.
func (f *cueFinder) find(toks []token, dst []candidate) []candidate {
	info, _ := f.words.lookup(toks, nil, nil)
	dst, _ = f.findInfo(toks, info, dst)
	return dst
}

// findInfo is find with the tokens' word-table entries already looked up
// (info[i] for toks[i]); it also reports whether it marked any negator, so a
// sentence without one needs no search for them.
func (f *cueFinder) findInfo(toks []token, info []tokInfo, dst []candidate) (_ []candidate, negs bool) {
	next := 0               // tokens before next belong to a matched phrase
	info = info[:len(toks)] // one bound for both
	for i := range toks {
		if info[i].first == 0 || !toks[i].Word { // most tokens start nothing
			continue
		}
		e := f.words.firsts[info[i].first]
		toks[i].Neg = e.negator
		negs = negs || e.negator
		if i < next {
			continue
		}
		for _, p := range e.phrases {
			// toks[i] is p's first word: the entry is that word's
			if n := len(p.toks); n > 1 && (i+n > len(toks) || toks[i+1].Hash != p.secondHash || !matches(toks[i+1:i+n], p.toks[1:])) {
				continue // a one-word phrase is matched by its entry
			}
			if p.needsQuantity && !f.rules.quantityAt(toks, i+len(p.toks)) {
				continue
			}
			if p.blocker {
				next = i + len(p.toks)
				break
			}
			if p.class == ClassModal && len(p.toks) == 1 && nameOrDate(toks, i) {
				break
			}
			if p.negationCancels && negatedBefore(toks, i) {
				break
			}
			dst = append(dst, candidate{i: i, j: i + len(p.toks), p: p})
			next = i + len(p.toks)
			break
		}
	}
	return dst, negs
}

// matches reports whether the tokens spell want.
func matches(toks []token, want []string) bool {
	for k, w := range want {
		if toks[k].Lower != w {
			return false
		}
	}
	return true
}

// nameOrDate reports whether the capitalised token at i reads as a name or month:
// capitalised after a word, or beside a number.
func nameOrDate(toks []token, i int) bool {
	t := toks[i]
	if !t.Upper {
		return false
	}
	if i+1 < len(toks) && toks[i+1].Digit || i > 0 && toks[i-1].Digit {
		return true
	}
	return i > 0 && toks[i-1].Word
}

// feat is one feature as up to six string parts; its name is their
// concatenation. Keeping the parts apart lets the scorer hash a feature without
// building its string.
type feat [6]string

// String is the feature's name as written in the weights file.
func (f feat) String() string { return f[0] + f[1] + f[2] + f[3] + f[4] + f[5] }

// hash is 64-bit FNV-1a of the feature's name.
func (f feat) hash() uint64 {
	h := uint64(fnvOffset)
	for _, s := range f {
		h = fnvString(h, s)
	}
	return h
}

// FNV-1a constants.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnvString continues FNV-1a hash h over s, so hashing parts in turn equals
// hashing their concatenation.
func fnvString(h uint64, s string) uint64 {
	for k := 0; k < len(s); k++ {
		h ^= uint64(s[k])
		h *= fnvPrime
	}
	return h
}

// cueFeat is one context feature of a cue candidate: a head of its phrase
// (headForm, headClass, headStem) followed by context parts.
type cueFeat struct {
	head uint8
	rest [4]string
}

// name is the feature's name as written in the weights file.
func (f cueFeat) name(p *phrase) string {
	return p.heads[f.head] + f.rest[0] + f.rest[1] + f.rest[2] + f.rest[3]
}

// cueContext is what a candidate's context features read around it: the word
// before it, the two after it ("<s>" and "</s>" past the sentence's ends), and
// whether a negator stands in the two tokens before or after it. features and
// featureHashes share it, so the trained and the scored features cannot read
// different contexts.
func cueContext(toks []token, c candidate) (prev, next, next2 string, negBefore, negAfter bool) {
	prev, next, next2 = "<s>", "</s>", "</s>"
	if c.i > 0 {
		prev, negBefore = toks[c.i-1].Lower, toks[c.i-1].Neg
	}
	if c.i > 1 {
		negBefore = negBefore || toks[c.i-2].Neg
	}
	if c.j < len(toks) {
		next, negAfter = toks[c.j].Lower, toks[c.j].Neg
	}
	if c.j+1 < len(toks) {
		next2, negAfter = toks[c.j+1].Lower, negAfter || toks[c.j+1].Neg
	}
	return prev, next, next2, negBefore, negAfter
}

// maxCueFeats bounds the features of one candidate.
const maxCueFeats = 16

// features writes the context features of c into out and returns how many; it
// needs the negator marks find sets. The trainer and the scorer both call this,
// so they can never disagree.
func (f *cueFinder) features(toks []token, c candidate, out *[maxCueFeats]cueFeat) int {
	prev, next, next2, negBefore, negAfter := cueContext(toks, c)
	n := 0
	put := func(head uint8, rest ...string) {
		out[n].head = head
		out[n].rest = [4]string{}
		copy(out[n].rest[:], rest)
		n++
	}
	put(headForm)
	put(headClass)
	put(headForm, "|p=", prev)
	put(headForm, "|n=", next)
	put(headForm, "|n=", next, "_", next2)
	put(headClass, "|p=", prev)
	put(headClass, "|n=", next)
	put(headStem)
	if c.i == 0 {
		put(headForm, "|first")
	} else if toks[c.i].Upper {
		put(headForm, "|cap")
	}
	if c.j < len(toks) && toks[c.j].Digit {
		put(headForm, "|nnum")
	}
	if negBefore {
		put(headForm, "|neg")
		put(headClass, "|neg")
	}
	if negAfter {
		put(headForm, "|nextneg")
	}
	return n
}

// stem strips the commonest English inflections so "suggests", "suggested" and
// "suggesting" share evidence; it returns a substring and never allocates.
func stem(w string) string {
	for _, suf := range [...]string{"ing", "ed", "es", "s", "e"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}
