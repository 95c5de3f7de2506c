package contradiction

import (
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// negWindow is how many tokens either side of a negation or quantity cue count as
// its scope, within the cue's clause.
const negWindow = 8

// term is one content word of a statement: what it is about, for alignment.
// The fields are ordered so a term is 64 bytes, one cache line: the Index keeps
// every claim's terms, most of what an analysis holds. The word's own stem is not
// kept: what the stem-keyed lists say of it (its antonym number) is.
type term struct {
	key  string // canonical entity ("russia"), near-synonym group ("~communication") or stem
	word string // as written (lower case), for explanations
	pos  int    // token index
	// prefix is the first 8 bytes of key, big-endian, zero-padded: comparing it
	// orders most pairs of keys without reading the strings (see cmpKeys).
	prefix uint64
	n      int32 // tokens the term spans ("united states": 2)
	// ant numbers the stem in the antonym list (lexicon.antID); 0 when the list
	// does not name it.
	ant int32
	// runEnd is the index (in analysis.terms, sorted by key) just past the run
	// of terms with this key: pairs are merged run by run (groups.go).
	runEnd int32
	// entity marks a named entity from the alias list ("Moscow" → russia): what
	// anchors two differently worded claims to the same actors.
	entity bool
	// name marks a capitalised word inside the statement ("President"): a name or
	// title, never the concept two claims share.
	name bool
}

// Token kinds that break direct government (analysis.kinds).
const (
	kindIng  uint8 = 1 << iota // a gerund or participle ("engaging")
	kindPrep                   // a preposition that opens another phrase ("in", "on", "to")
)

// prepositions open another phrase (kindPrep); buildFacts marks them in the
// word facts.
func prepositions() []string {
	return []string{"in", "on", "at", "for", "to", "from", "about", "into", "over", "toward", "towards", "through", "against", "under"}
}

// tokenKind classifies a token for analysis.kinds, given its word facts.
func tokenKind(low string, wf *facts) uint8 {
	if wf.prep {
		return kindPrep
	}
	if len(low) > 5 && strings.HasSuffix(low, "ing") {
		return kindIng
	}
	return 0
}

// keyPrefix is term.prefix of key: its keyHead with the bytes in reading order.
func keyPrefix(key string) uint64 { return bits.ReverseBytes64(keyHead(key)) }

// cue is a word that carries polarity, time, hedging or stance, with its position.
type cue struct {
	word string
	pos  int
	dir  int // stance direction (+1/-1); unused by other cue kinds
	// pred marks a predicative negation or quantifier ("contact is rare", "has been
	// scarce"): it speaks of the subject before it, not of the words after it.
	pred bool
}

// quantity is a number and the content word it counts ("3 years" → "year"), so
// only numbers of the same thing are compared.
type quantity struct {
	value string // normalised ("2", "1000", "3.5"; ordinals "#2")
	unit  string // key of the nearest content word after it (before it if none); "" if none
	pos   int
	// approx marks a number given as a bound or estimate ("over seventy", "about
	// 30"): it does not contradict a precise figure.
	approx bool
}

// analysis is everything Compare needs of one statement, computed once (the Index
// keeps it per claim). terms is sorted by key, so two analyses align by merging.
type analysis struct {
	// The fields every comparison reads come first, so that comparing with a
	// claim indexed long ago (cold in the cache) touches few lines of it.
	terms []term
	nKeys int // distinct keys among terms (runs of equal keys)
	// ants lists the terms whose stem the antonym list numbers, in term order:
	// the antonym test of a pair reads these few instead of every term.
	ants []antTerm
	// neg and polarity are derived once at the end of analyze, because every
	// pair the statement is compared in needs them: whether the statement is
	// negative and the polarity cues in text order.
	neg      bool
	polarity []cue
	clause   []int32 // clause number of every token, for scopes
	hedges   []cue
	stances  []cue
	numbers  []quantity              // numbers with what they count
	dates    []string                // "y2024", "m2", "d5" (year, month, weekday)
	antBuf   [antTermsInline]antTerm // holds ants when they are few

	negators   []cue
	quantities []cue
	npis       []cue // negative-polarity words ("any", "ever")
	changes    []cue
	temporals  []cue
	// byPos holds 1 + the index into terms of the term at each token, 0 for
	// none (termAt): the zero the arena hands out needs no filling.
	byPos []int32
	// offs holds each token's byte offsets in the statement (start, end pairs), for
	// evidence spans and explanations quoted from the original words.
	offs []int32
	// kinds marks tokens that break a direct government of a concept by a cue
	// (kindIng, kindPrep): "little interest in engaging Russia in dialogue" does not
	// deny the dialogue itself.
	kinds    []uint8
	dateToks []int // token index of every date word, in text order
}

// analyze reads one statement. It never fails: text it cannot read yields an empty
// analysis, which opposes nothing. The analysis is the caller's: every piece
// of it is allocated for it alone.
func (lx *lexicon) analyze(text string) *analysis {
	var ar analysisArena // exact
	return lx.analyzeIn(&ar, text)
}

// analyzeIn is analyze carving the analysis from ar: with a pooled arena, the
// analysis lives until ar is reset.
func (lx *lexicon) analyzeIn(ar *analysisArena, text string) *analysis {
	sc := lx.takeScratch()
	defer lx.putScratch(sc)
	return lx.analyzeWith(sc, ar, text)
}

// takeScratch returns a pooled analyzeScratch for analyzeWith, to be given
// back by putScratch: one for all the claims of an article (prepareAll)
// rather than one taken, cleared and pooled again per claim.
func (lx *lexicon) takeScratch() *analyzeScratch {
	if sc, _ := lx.scratch.Get().(*analyzeScratch); sc != nil {
		return sc
	}
	return new(analyzeScratch)
}

// putScratch pools sc again, cleared: pooled buffers must not keep a text
// alive. It clears them to their capacity, past what the last claim used,
// since earlier claims may have used more.
func (lx *lexicon) putScratch(sc *analyzeScratch) {
	clear(sc.toks[:cap(sc.toks)])
	clear(sc.terms[:cap(sc.terms)])
	for i := range sc.cues {
		clear(sc.cues[i][:cap(sc.cues[i])])
	}
	lx.scratch.Put(sc)
}

// analyzeWith is analyzeIn with the scratch buffers sc (takeScratch).
func (lx *lexicon) analyzeWith(sc *analyzeScratch, ar *analysisArena, text string) *analysis {
	toks := appendTokens(sc.toks, text, &sc.lower)
	sc.toks = toks
	// offs, clause and byPos share one slice, as do all the cue lists
	// (packCuesFrom): an analysis is a handful of pieces, not a dozen, and
	// from a pooled arena no allocation of its own.
	n := len(toks)
	ints := ar.ints.take(4 * n)
	a := &ar.analyses.take(1)[0] // zeroed: only the pieces are set
	a.offs, a.clause, a.byPos, a.kinds = ints[:2*n:2*n], ints[2*n:3*n:3*n], ints[3*n:], ar.kinds.take(n)
	a.negators, a.quantities, a.hedges, a.npis = sc.cues[0][:0], sc.cues[1][:0], sc.cues[2][:0], sc.cues[3][:0]
	a.stances, a.changes, a.temporals = sc.cues[4][:0], sc.cues[5][:0], sc.cues[6][:0]
	// Per token: what the word lists say of it (one probe), kept as the
	// entry's number (no pointer for the GC's write barrier to record), and
	// the word's keyHead, from which its stem's is derived where the stem is
	// found.
	wfs := slices.Grow(sc.wfs[:0], len(toks))[:len(toks)]
	heads := slices.Grow(sc.heads[:0], len(toks))[:len(toks)]
	sc.wfs, sc.heads = wfs, heads
	// The loop writes through locals, not through a: the calls in it would
	// otherwise make it load a's slices again for every token.
	clauses, offs, kinds := a.clause[:n], a.offs[:2*n], a.kinds[:n]
	clause := int32(0)
	for i := range toks {
		t := &toks[i]
		if t.boundary {
			clause++
		}
		clauses[i] = clause
		offs[2*i], offs[2*i+1] = t.start, t.end
		h := keyHead(t.low)
		e := lx.facts.findHead(t.low, h)
		wfs[i], heads[i] = e, h
		kinds[i] = tokenKind(t.low, lx.factsAt(e))
	}
	a.terms = sc.terms[:0] // collected in text order here, copied out sorted below
	skip := 0              // tokens still covered by a multi-word match
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.boundary {
			continue
		}
		wf := lx.factsAt(wfs[i])
		if wf.phrases { // most words start no listed phrase
			if _, n := matchTokens(wf.exceptions, toks, i); n > 0 {
				i += n - 1
				continue
			}
			if v, n := matchTokens(wf.temporal, toks, i); n > 0 {
				a.temporals = append(a.temporals, cue{word: v, pos: i})
			}
		}
		sf, s, sp := wf.sf, wf.stem, wf.stemPrefix // a listed word: stemmed at load time
		if sf == nil {
			var sh uint64
			s, sh = stemHeadOf(t, heads[i], &sc.lower)
			sf, sp = lx.stemFactsAt(lx.stemFacts.findHead(s, sh)), bits.ReverseBytes64(sh)
		}
		if len(sf.change) > 0 {
			if v, n := lx.matchStems(sf.change, toks, wfs, i); n > 0 {
				a.changes = append(a.changes, cue{word: v, pos: i})
			}
		}
		if skip > 0 {
			skip--
			continue
		}
		// Most tokens are plain words no list makes special: content words,
		// with nothing for the tests below to find.
		if wf.special || !t.plain || t.hyphen {
			if len(wf.aliases) > 0 {
				if ph, n := matchPhrase(wf.aliases, toks, i); n > 0 && (n > 1 || t.cap || len(t.low) > 3) {
					a.terms = append(a.terms, term{key: ph.value, prefix: ph.prefix, ant: ph.ant, word: sc.lower.join(toks[i : i+n]), pos: i, entity: true, n: int32(n)})
					skip = n - 1
					continue
				}
			}
			if wf.cue { // most words are no cue
				switch {
				case wf.negator && !interjection(toks, i):
					a.negators = append(a.negators, cue{word: t.low, pos: i})
					continue
				case wf.quantity:
					a.quantities = append(a.quantities, cue{word: t.low, pos: i, pred: predicative(toks, i)})
					continue
				case wf.hedge && !(t.low == "may" && t.cap && i > 0):
					a.hedges = append(a.hedges, cue{word: t.low, pos: i})
				case wf.npi:
					a.npis = append(a.npis, cue{word: t.low, pos: i})
				}
			}
			if wf.stop {
				continue
			}
			if v, ok := lx.numberWordOf(t, wf); ok {
				q := quantity{value: v, pos: i, approx: approximate(toks, i)}
				// "twenty five" is one number, as "twenty-five" is
				if i+1 < len(toks) && !toks[i+1].boundary {
					if u, ok := lx.numberWord(toks[i+1].low); ok {
						if v2, ok := compound(v, u); ok {
							q.value = v2
							i++
						}
					}
				}
				a.numbers = append(a.numbers, q)
				continue
			}
			if wf.month != "" && t.cap {
				a.dates = append(a.dates, wf.monthDate)
				a.dateToks = append(a.dateToks, i)
				continue
			}
			if wf.weekday != "" {
				a.dates = append(a.dates, wf.weekdayDate)
				a.dateToks = append(a.dateToks, i)
				continue
			}
			if n, ok := numeral(t); ok {
				if len(n) == 4 && (strings.HasPrefix(n, "19") || strings.HasPrefix(n, "20")) {
					a.dates = append(a.dates, sc.lower.prefixed('y', n))
					a.dateToks = append(a.dateToks, i)
				} else {
					a.numbers = append(a.numbers, quantity{value: n, pos: i, approx: approximate(toks, i)})
				}
				continue
			}
		}
		if sf.stance != 0 {
			a.stances = append(a.stances, cue{word: t.low, pos: i, dir: sf.stance})
		}
		key, prefix := s, sp
		if sf.related != "" {
			key, prefix = sf.related, sf.relatedPrefix
		}
		a.terms = append(a.terms, term{key: key, prefix: prefix, ant: sf.ant, word: t.low, pos: i, n: 1, name: t.cap && i > 0 && !toks[i-1].boundary})
	}
	a.numbers = units(a.numbers, a.terms, a.clause)
	sc.terms = a.terms
	a.terms = sortedTerms(sc, a.terms, &ar.terms, a.byPos)
	a.nKeys = markRuns(a.terms)
	a.ants = antTerms(a.terms, a.antBuf[:], &ar.ants)
	a.dates = dedupe(a.dates)
	if a.cueCount() > 0 { // else no list grew
		sc.cues = [...][]cue{a.negators, a.quantities, a.hedges, a.npis, a.stances, a.changes, a.temporals}
	}
	a.packCuesFrom(a, &ar.cues)
	a.neg = a.isNegative()
	return a
}

// packCuesFrom sets a's cue lists to copies of src's (a itself: the lists
// collected in scratch buffers; another analysis: one being moved) in one
// slice of exactly their size carved from b, followed by the polarity cues:
// negators and negative quantifiers merged in text order (each list is in text
// order and no two cues share a position). Empty lists are nil.
func (a *analysis) packCuesFrom(src *analysis, b *block[cue]) {
	a.polarity = nil
	if src.cueCount() == 0 { // most statements: nothing to copy
		a.negators, a.quantities, a.hedges, a.npis, a.stances, a.changes, a.temporals = nil, nil, nil, nil, nil, nil, nil
		return
	}
	from := [...][]cue{src.negators, src.quantities, src.hedges, src.npis, src.stances, src.changes, src.temporals}
	lists := [...]*[]cue{&a.negators, &a.quantities, &a.hedges, &a.npis, &a.stances, &a.changes, &a.temporals}
	n := len(src.negators) + len(src.quantities)
	for _, l := range from {
		n += len(l)
	}
	buf := b.take(n)
	for i, l := range lists {
		if len(from[i]) == 0 {
			*l = nil
			continue
		}
		k := copy(buf, from[i])
		*l, buf = buf[:k:k], buf[k:]
	}
	if len(buf) == 0 {
		return
	}
	neg, qty := a.negators, a.quantities
	for k := range buf {
		if len(qty) == 0 || len(neg) > 0 && neg[0].pos < qty[0].pos {
			buf[k], neg = neg[0], neg[1:]
		} else {
			buf[k], qty = qty[0], qty[1:]
		}
	}
	a.polarity = buf
}

// cueCount is how many cues a's lists hold together.
func (a *analysis) cueCount() int {
	return len(a.negators) + len(a.quantities) + len(a.hedges) + len(a.npis) + len(a.stances) + len(a.changes) + len(a.temporals)
}

// analyzeScratch holds analyze's per-call buffers (tokens, stems, terms in text
// order), pooled in the lexicon so analysing a claim allocates only what the
// analysis keeps.
type analyzeScratch struct {
	toks  []token
	wfs   []int32  // each token's word facts: its entry in lexicon.facts, -1 for none
	heads []uint64 // each token's keyHead(low)
	terms []term
	order []sortKey // sortedTerms' scratch
	// lower holds the lowered capitalised words of the claims analysed with
	// this scratch (the analyses keep them; the buffer is never written over).
	lower lowerer
	// cues collects the cue lists in analysis order (negators, quantities,
	// hedges, npis, stances, changes, temporals) before packCues copies them out.
	cues [7][]cue
}

// sortedTerms returns a copy of terms (in text order) sorted stably by key, in
// a slice of exactly their length carved from b (the analysis keeps it). It
// sorts the terms' prefixes (set as each term is made) and positions
// (sortKey), not the terms, so each term is written once. It sets byPos
// (analysis.byPos) for each term as it places it.
func sortedTerms(sc *analyzeScratch, terms []term, b *block[term], byPos []int32) []term {
	keys := slices.Grow(sc.order[:0], len(terms))[:len(terms)]
	sc.order = keys
	for i := range terms {
		keys[i] = newSortKey(terms[i].prefix, i)
	}
	sortOrder(keys, terms)
	out := b.take(len(terms))
	for k, e := range keys {
		t := &terms[e.index()]
		out[k] = *t
		byPos[t.pos] = int32(k) + 1
	}
	return out
}

// sortKey is one term as sortOrder sorts it, in one word: the first 7 bytes
// of its prefix (term.prefix) above its index in terms (a statement has
// fewer than 256 terms: maxTokens). The insertion sort compares and moves
// these words in one small array instead of reaching into the 64-byte terms
// for every comparison.
type sortKey uint64

// sortKey's index has 8 bits: this fails to compile if maxTokens (a bound on
// a statement's terms) outgrows them.
var _ [256 - maxTokens]struct{}

// newSortKey is the sortKey of the term at index i with prefix p.
func newSortKey(p uint64, i int) sortKey { return sortKey(p&^0xff | uint64(i)) }

// index is the index in terms of k's term.
func (k sortKey) index() int { return int(k & 0xff) }

// sortOrder sorts keys (the terms' prefixes and indices) stably by the
// terms' keys: by insertion for a sentence's few terms (no comparison
// closure), by slices.SortStableFunc for long ones.
func sortOrder(keys []sortKey, terms []term) {
	if len(keys) > 32 {
		slices.SortStableFunc(keys, func(x, y sortKey) int { return cmpKeys(&terms[x.index()], &terms[y.index()]) })
		return
	}
	for i := 1; i < len(keys); i++ {
		v := keys[i]
		j := i
		// The 7 bytes decide most comparisons: the keys before v are sorted,
		// and the bytes order as their keys do, so past the greater ones (a
		// key greater than v's bytes with any index) only equal ones need
		// cmpKeys.
		above := v | 0xff // greater than v's bytes with any index
		for ; j > 0 && keys[j-1] > above; j-- {
			keys[j] = keys[j-1]
		}
		for ; j > 0 && keys[j-1]>>8 == v>>8 && cmpKeys(&terms[v.index()], &terms[keys[j-1].index()]) < 0; j-- {
			keys[j] = keys[j-1]
		}
		keys[j] = v
	}
}

// termAt is the index into terms of the term at token pos, or -1: scopes look
// at the few tokens around a cue instead of scanning every term.
func (a *analysis) termAt(pos int) int {
	if pos < 0 || pos >= len(a.byPos) {
		return -1
	}
	return int(a.byPos[pos]) - 1
}

// unitWindow is how far a number's unit may stand from it ("3 million people").
const unitWindow = 3

// units fills each number's unit: the first content word after it within
// unitWindow tokens and the same clause, else the last one before it. terms must
// still be in text order.
func units(nums []quantity, terms []term, clause []int32) []quantity {
	for i := range nums {
		n := &nums[i]
		for _, t := range terms {
			if t.pos > n.pos && t.pos-n.pos <= unitWindow && clause[t.pos] == clause[n.pos] {
				n.unit = t.key
				break
			}
		}
		if n.unit != "" {
			continue
		}
		for _, t := range terms {
			if t.pos < n.pos && n.pos-t.pos <= unitWindow && clause[t.pos] == clause[n.pos] {
				n.unit = t.key
			}
		}
	}
	return nums
}

// predicative reports whether the quantifier at i follows a copula ("is rare",
// "has been scarce", "remained limited"), allowing one adverb between; "there is
// little" is existential, not predicative. Negators are never predicative: "is not
// open" negates what follows.
func predicative(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		switch toks[k].low {
		case "is", "are", "was", "were", "be", "been", "being", "remain", "remains", "remained", "seem", "seems", "seemed", "become", "became":
			return k == 0 || toks[k-1].low != "there"
		}
		if toks[k].boundary {
			return false
		}
	}
	return false
}

// approximate reports whether the number at i is preceded by a bound or estimate
// word ("over", "about", "nearly", "more than", "at least", "up to") or a time bound
// ("before 9", "after 2010", "between 5 and 7").
func approximate(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		switch toks[k].low {
		case "over", "about", "around", "nearly", "almost", "roughly", "approximately", "some", "than", "least", "to", "under", "estimated", "up",
			"before", "after", "until", "since", "between", "within":
			return true
		}
	}
	return false
}

// interjection reports whether the "no" or "not" at i answers rather than negates:
// "No, I painted", "No it was gas", "(No. 3)" — a "no" that opens the statement and is
// followed by a comma, a pronoun or nothing, or a "no" that ends a clause.
func interjection(toks []token, i int) bool {
	if toks[i].low != "no" {
		return false
	}
	if i+1 >= len(toks) || toks[i+1].boundary || toks[i].comma {
		return true
	}
	if i > 0 && !toks[i-1].boundary {
		return false
	}
	switch toks[i+1].low {
	case "i", "it", "you", "he", "she", "we", "they", "that", "this", "well", "no", "yes", "uh", "um":
		return true
	}
	return false
}

// numberWordOf is numberWord of token t, whose word facts are wf: only a
// listed number or a hyphenated word can be one.
func (lx *lexicon) numberWordOf(t *token, wf *facts) (v string, ok bool) {
	if wf.number || t.hyphen {
		v, ok = lx.numberWord(t.low)
	}
	return v, ok
}

// numberWord reads a number word, including hyphenated ones ("seventy-two" → 72);
// ordinals get a "#" prefix so "second" never equals "2".
func (lx *lexicon) numberWord(w string) (string, bool) {
	if v, ok := lx.numbers[w]; ok {
		return v, true
	}
	tens, units, ok := strings.Cut(w, "-")
	if !ok {
		return "", false
	}
	t, ok1 := lx.numbers[tens]
	u, ok2 := lx.numbers[units]
	if !ok1 || !ok2 || strings.HasPrefix(t, "#") {
		return "", false
	}
	tv, err1 := strconv.Atoi(t)
	uv, err2 := strconv.Atoi(strings.TrimPrefix(u, "#"))
	if err1 != nil || err2 != nil || tv < 20 || tv > 90 || uv > 9 {
		return "", false
	}
	if strings.HasPrefix(u, "#") {
		return "#" + strconv.Itoa(tv+uv), true
	}
	return strconv.Itoa(tv + uv), true
}

// compound joins a tens value and a units value ("20", "5" → "25"; "20", "#5" →
// "#25"); ok is false unless tens is 20–90 and units 1–9.
func compound(tens, units string) (string, bool) {
	tv, err1 := strconv.Atoi(tens)
	uv, err2 := strconv.Atoi(strings.TrimPrefix(units, "#"))
	if err1 != nil || err2 != nil || tv < 20 || tv > 90 || tv%10 != 0 || uv < 1 || uv > 9 {
		return "", false
	}
	if strings.HasPrefix(units, "#") {
		return "#" + strconv.Itoa(tv+uv), true
	}
	return strconv.Itoa(tv + uv), true
}

// numeral is number of the token's word; a plain word (letters and hyphens)
// is none without a look.
func numeral(t *token) (string, bool) {
	if t.plain {
		return "", false
	}
	return number(t.low)
}

// number normalises a numeric token ("1,000" → "1000", "3.50" → "3.5"); ok is false
// for anything else.
func number(w string) (string, bool) {
	k := 0
	for k < len(w) && w[k] == ',' {
		k++
	}
	if k == len(w) || w[k] < '0' || w[k] > '9' {
		return "", false // what follows the commas is no digit: no copy made to see it
	}
	w = strings.ReplaceAll(w, ",", "")
	f, err := strconv.ParseFloat(w, 64)
	if err != nil {
		return "", false
	}
	return strconv.FormatFloat(f, 'f', -1, 64), true
}

func dedupe(s []string) []string {
	if len(s) < 2 {
		return s
	}
	sort.Strings(s)
	out := s[:1]
	for _, v := range s[1:] {
		if v != out[len(out)-1] {
			out = append(out, v)
		}
	}
	return out
}

// keys returns the distinct term keys, sorted: what the statement is about.
func (a *analysis) keys() []string {
	out := make([]string, 0, a.nKeys)
	for i := 0; i < len(a.terms); i = int(a.terms[i].runEnd) {
		out = append(out, a.terms[i].key)
	}
	return out
}
