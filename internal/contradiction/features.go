package contradiction

import (
	"sort"
	"strings"
)

// Feature indices. Every feature is in [0,1]; cue features are multiplied by the
// pair's overlap so that a cue counts only as far as both statements are about the
// same thing. Negation is split by how much of the negated statement the other one
// covers (≥ 3/4, ≥ 1/2, less): "A man is not sleeping" against "A man is sleeping"
// is a contradiction, a negation in a long sentence about something else is not,
// and the relation is far from linear. Negative quantifiers ("little", "rare",
// "scarce") count as negation; opposing stance verbs (confirm/deny) share the
// antonym feature and date mismatches the numeric one: the training data has too few
// of them to learn weights of their own, and they are the same kind of evidence. The
// reason a link reports still tells them apart. The neg_* features after both_neg
// describe the negation further (see README.md): a short side denying a longer one,
// a flat denial, whether the word it governs is asserted by the other side, hedging,
// and an affirming side that itself rejects something. They too count only when a
// negator or negative quantifier stands on one side alone. The names are the keys
// of weights.json.
const (
	fBias = iota
	fOverlap
	fNegHigh
	fNegMid
	fNegLow
	fNegUnscoped
	fNegScope
	fAntonym
	fAntonymOnly
	fNumeric
	fHedge
	fNegAny
	fBothNeg
	fNegShort
	fNegUniversal
	fNegHead
	fNegHedge
	fNegHeadNew
	fNegOtherRejects
	numFeatures
)

// featureNames names the features in weights.json, in index order.
var featureNames = [numFeatures]string{
	"bias", "overlap", "neg_high", "neg_mid", "neg_low", "neg_unscoped", "neg_scope",
	"antonym", "antonym_only", "numeric", "hedge", "neg_any", "both_neg",
	"neg_short", "neg_universal", "neg_head", "neg_hedge", "neg_head_new",
	"neg_other_rejects",
}

// FeatureNames returns the names of the cue features in the order Features fills
// them, for trainers and for reading weights.json.
func FeatureNames() []string { return append([]string(nil), featureNames[:]...) }

// evidence is what fired for a pair, kept for the explanation.
type evidence struct {
	shared           []string // shared content words (as written in a)
	negWord, negSide string   // the negator and which side ("a"/"b") carries it
	negQuantity      bool     // the negator is a negative quantifier ("rare")
	negScope         []string // shared words inside its scope (negScope; set for links only)
	negHead          string   // the shared word the negation governs, if any
	anchored         bool     // both name the same actors; the negation is about a shared thing
	antA, antB       string
	numA, numB       []string
	dateA, dateB     []string
	stanceA, stanceB string
}

// pairFeatures computes the cue features of two analysed statements and the evidence
// behind them. It is symmetric in a and b up to which side evidence names.
func pairFeatures(lx *lexicon, a, b *analysis) ([numFeatures]float64, evidence) {
	return features(lx, a, b, sharedGroups(a, b, nil), true)
}

// features is pairFeatures; without sharedWords it leaves ev.shared empty, which
// only explanations read: the Index compares every candidate pair but explains only
// the few it links, and fills ev.shared for those with sharedWords.
// sg is sharedGroups(a, b).
func features(lx *lexicon, a, b *analysis, sg []sharedGroup, withShared bool) ([numFeatures]float64, evidence) {
	var f [numFeatures]float64
	var ev evidence
	f[fBias] = 1

	// Align terms by key (both slices are sorted by key).
	// One allocation for four flag slices: token positions of shared terms in a and
	// b, and which of a's and b's terms (by index) are shared.
	// On the stack for the usual sentence-sized pair (the flags never escape).
	var buf [512]bool
	n := len(a.clause) + len(b.clause) + len(a.terms) + len(b.terms)
	flags := buf[:0]
	if n <= len(buf) {
		flags = buf[:n]
	} else {
		flags = make([]bool, n)
	}
	sharedA, flags := flags[:len(a.clause)], flags[len(a.clause):]
	sharedB, flags := flags[:len(b.clause)], flags[len(b.clause):]
	termSharedA, termSharedB := flags[:len(a.terms)], flags[len(a.terms):]
	nSharedA, nSharedB := 0, 0 // shared content-word tokens
	nA, nB, nS, sharedEntities := a.nKeys, b.nKeys, len(sg), 0
	for _, s := range sg {
		if a.terms[s.a].entity {
			sharedEntities++
		}
		if withShared {
			ev.shared = append(ev.shared, a.terms[s.a].word)
		}
		for i := s.a; i < a.terms[s.a].runEnd; i++ {
			sharedA[a.terms[i].pos] = true
			termSharedA[i] = true
		}
		for j := s.b; j < b.terms[s.b].runEnd; j++ {
			sharedB[b.terms[j].pos] = true
			termSharedB[j] = true
		}
		nSharedA += int(a.terms[s.a].runEnd - s.a)
		nSharedB += int(b.terms[s.b].runEnd - s.b)
	}
	if nA == 0 || nB == 0 {
		return f, ev
	}
	ov := float64(nS) / float64(min(nA, nB))
	f[fOverlap] = ov

	negA, negB := a.negative(), b.negative()
	if negA || negB {
		f[fNegAny] = 1
	}
	if negA && negB {
		f[fBothNeg] = 1
	}
	if len(a.hedges) > 0 || len(b.hedges) > 0 {
		f[fHedge] = 1
	}

	// Opposing stance verbs (confirm/deny), else antonyms among the words only one
	// side has.
	antonym := false
	if sa, sb, ok := opposingStance(a.stances, b.stances); ok {
		antonym = true
		ev.stanceA, ev.stanceB = sa, sb
	}
	// An unshared term of a with antonyms against the first unshared term of b (in
	// key order) whose stem is one of them; stems are matched by their antonym
	// numbers (a term's number is that of its stem, so equal numbers are equal
	// stems).
	for _, x := range a.ants {
		if antonym {
			break
		}
		if termSharedA[x.i] {
			continue
		}
		for _, y := range lx.antonymsOf(x.ant) {
			if zi := unsharedWithAnt(b.ants, termSharedB, y); zi >= 0 {
				antonym = true
				ev.antA, ev.antB = a.terms[x.i].word, b.terms[zi].word
				break
			}
		}
	}

	negOpp := negA != negB
	// A negation and an antonym cancel: "not open" restates "closed".
	if antonym && negOpp {
		antonym, negOpp = false, false
		ev.antA, ev.antB, ev.stanceA, ev.stanceB = "", "", "", ""
	}
	qa, qb, numOpp := numberMismatch(a.numbers, b.numbers)
	// So do a negation and the number it governs: "not the first woman" agrees
	// with "the second woman", "did not pay 5 dollars" with "paid 7 dollars".
	if numOpp && negOpp {
		q, an := qa, a
		if negB {
			q, an = qb, b
		}
		if governed(an, q.pos) {
			numOpp, negOpp = false, false
		}
	}
	if negOpp {
		side, an, shared, nShared := "a", a, sharedA, nSharedA
		if negB {
			side, an, shared, nShared = "b", b, sharedB, nSharedB
		}
		cues := an.polarityCues()
		first := cues[0]
		ev.negSide, ev.negWord = side, first.word
		ev.negQuantity = len(an.negators) == 0
		nScope := countSharedScoped(an, cues, shared) // the words: negScope, for links only
		cov := float64(nShared) / float64(max(1, countTerms(an)))
		inScope := countScoped(an, cues)
		scopeShare := 0.0
		if inScope > 0 {
			scopeShare = float64(nScope) / float64(inScope)
		}
		// Anchored: both claims name the same two or more actors (after aliases:
		// Moscow = Russia) and the negation is about a thing the other claim asserts
		// of them. That is the same proposition however differently the rest of each
		// sentence runs, so it is scored as a fully overlapping pair would be.
		other, otherShared := b, sharedB
		if an == b {
			other, otherShared = a, sharedA
		}
		if sharedEntities >= 2 && conceptInScope(an, cues, shared) && conceptNearEntity(other, otherShared) {
			ev.anchored = true
			cov, scopeShare, ov = 1, 1, 1
			f[fOverlap] = 1
		}
		switch {
		case cov >= 0.75:
			f[fNegHigh] = 1
		case cov >= 0.5:
			f[fNegMid] = 1
		default:
			f[fNegLow] = 1
		}
		if nScope == 0 {
			f[fNegUnscoped] = 1
		}
		// How much of what the negation is about (its window) the other side asserts:
		// robust to long sentences whose other clauses are about something else.
		f[fNegScope] = scopeShare
		// A short statement that denies part of a longer one ("He never did it"
		// against a long account of doing it) is a flat denial; a long statement with
		// a "not" somewhere rarely denies a short one.
		if countTerms(an) < countTerms(other) {
			f[fNegShort] = 1
		}
		// "never", "nobody", "nothing", "no", or a negator followed by "any" or
		// "ever" ("did not find any"): the whole proposition is denied.
		if flatDenial(lx, an) {
			f[fNegUniversal] = 1
		}
		// The word the negation governs (the first content word after it) is one the
		// other side asserts: "did not find X" against "found X".
		// When that word is one the other side never mentions, the negation denies
		// something else: "is not an American series" against "is a French series".
		switch head, ok := negatedHead(an, cues, shared); {
		case ok:
			f[fNegHead] = 1
			ev.negHead = head
		case head != "":
			f[fNegHeadNew] = 1
		}
		if f[fHedge] > 0 {
			f[fNegHedge] = 1
		}
		// The affirming side rejects something itself ("refused to be a model"
		// against "is not a model"): the two may agree.
		for _, s := range other.stances {
			if s.dir < 0 {
				f[fNegOtherRejects] = 1
				break
			}
		}
	}
	if antonym {
		// The opposite words are the only difference: "the door is open" / "the door
		// is closed". Otherwise other differences may explain the pair ("a man is
		// sitting" / "a woman is standing" describe two people).
		if nA-nS <= 1 && nB-nS <= 1 {
			f[fAntonymOnly] = 1
		} else {
			f[fAntonym] = ov
		}
	}
	if numOpp {
		ev.numA, ev.numB = []string{qa.text()}, []string{qb.text()}
		f[fNumeric] = ov
	} else if da, db := dateMismatch(a.dates, b.dates); len(da) > 0 {
		ev.dateA, ev.dateB = da, db
		f[fNumeric] = ov
	}
	return f, ev
}

// unsharedWithAnt is the index (into the analysis' terms) of the first term
// of ants not marked shared whose stem has antonym number id, or -1.
func unsharedWithAnt(ants []antTerm, shared []bool, id int32) int {
	for _, t := range ants {
		if t.ant == id && !shared[t.i] {
			return int(t.i)
		}
	}
	return -1
}

// sharedWords is ev.shared of features(lx, a, b, sg, true): the words (as
// written in a) of the term keys both statements have, in key order.
func sharedWords(a *analysis, sg []sharedGroup) []string {
	var out []string
	for _, s := range sg {
		out = append(out, a.terms[s.a].word)
	}
	return out
}

// npiTokens is how far after a negator a negative-polarity word ("any", "ever")
// may stand and still make the negation flat ("did not have much of any").
const npiTokens = 6

// flatDenial reports whether a statement denies outright: a universal negator
// ("never", "nobody") or a negator with a negative-polarity word after it in its
// clause ("not ... any").
func flatDenial(lx *lexicon, an *analysis) bool {
	for _, c := range an.negators {
		if lx.universal[c.word] {
			return true
		}
		for _, p := range an.npis {
			if d := p.pos - c.pos; d > 0 && d <= npiTokens && an.clause[p.pos] == an.clause[c.pos] {
				return true
			}
		}
	}
	return false
}

// headTokens is how far after a negator the word it governs may stand ("did not
// really find").
const headTokens = 3

// negatedHead returns the word a negation governs and whether the other side
// shares it; "" when no cue governs a content word. A negator governs the first
// content word after it, in its clause and within headTokens ("did not find X");
// a predicative quantifier governs its subject ("formal contact ... has been
// scarce"): a concept, not a named actor, within subjectTokens before it.
func negatedHead(an *analysis, cues []cue, shared []bool) (string, bool) {
	first := ""
	for _, c := range cues {
		best, bestPos, bestIdx := "", -1, -1
		if c.pred {
			// The first term in key order within reach, a shared one before others.
			for p := max(0, c.pos-subjectTokens); p < c.pos; p++ {
				ti := an.termAt(p)
				if ti < 0 || an.clause[p] != an.clause[c.pos] || an.terms[ti].entity {
					continue
				}
				if bestPos < 0 || shared[p] && !shared[bestPos] || shared[p] == shared[bestPos] && ti < bestIdx {
					best, bestPos, bestIdx = an.terms[ti].word, p, ti
				}
			}
		} else {
			for p := c.pos + 1; p <= c.pos+headTokens && p < len(an.clause); p++ {
				if ti := an.termAt(p); ti >= 0 && an.clause[p] == an.clause[c.pos] {
					best, bestPos = an.terms[ti].word, p
					break
				}
			}
		}
		if bestPos >= 0 && shared[bestPos] {
			return best, true
		}
		if bestPos >= 0 && first == "" {
			first = best
		}
	}
	return first, false
}

// countTerms is the number of content-word tokens of a statement.
func countTerms(an *analysis) int { return len(an.terms) }

// negative reports whether the statement is negative: it has a negator or negative
// quantifier not cancelled by another right next to it ("not unlikely" aside, "no
// line ... and no mechanism" is two negations, not a double negative).
func (an *analysis) negative() bool { return an.neg }

// isNegative computes negative from the polarity cues.
func (an *analysis) isNegative() bool {
	cues := an.polarity
	for i := 0; i < len(cues); i++ {
		if i+1 < len(cues) && cues[i+1].pos-cues[i].pos <= 2 {
			i++ // cancelled pair
			continue
		}
		return true
	}
	return false
}

// polarityCues are the negators and negative quantifiers in text order; callers
// must not modify them.
func (an *analysis) polarityCues() []cue { return an.polarity }

// Proposition scope of a cue, for anchoring: the subject before a predicative cue
// ("formal contact ... has been scarce"), else the noun phrase or predicate after it
// ("no direct, formal line of communication", "little interest in ... dialogue").
const (
	subjectTokens = 10 // how far back a predicative cue's subject may start
	objectTerms   = 5  // how many content words after a cue it governs
	objectTokens  = 8  // ... within this many tokens
)

// conceptInScope reports whether a shared term that is not a named entity stands in
// the proposition scope of one of the cues: the negation is about something the
// other claim asserts, not about another part of the sentence ("contact does not
// imply a shift" negates the shift, not the contact).
func conceptInScope(an *analysis, cues []cue, shared []bool) bool {
	for _, c := range cues {
		from, to := c.pos+1, min(len(an.clause)-1, c.pos+objectTokens)
		if c.pred {
			from, to = max(0, c.pos-subjectTokens), c.pos-1
		}
		between := 0 // content words strictly between the cue and p
		for p := from; p <= to; p++ {
			ti := an.termAt(p)
			if ti < 0 {
				continue
			}
			in := an.clause[p] == an.clause[c.pos] && (c.pred || between < objectTerms)
			if in && !an.terms[ti].entity && shared[p] {
				return true
			}
			between++
		}
	}
	return false
}

// entityWindow is how close, in tokens, the affirming claim must put a shared
// concept to a shared actor for the two to form one proposition.
const entityWindow = 6

// conceptNearEntity reports whether the affirming claim states a shared concept
// next to a shared named entity ("lines of communication ... with Moscow"), rather
// than naming them in unrelated parts of a long sentence.
func conceptNearEntity(an *analysis, shared []bool) bool {
	for _, t := range an.terms {
		if t.entity || !shared[t.pos] {
			continue
		}
		for p := max(0, t.pos-entityWindow); p <= t.pos+entityWindow && p < len(an.clause); p++ {
			if ei := an.termAt(p); ei >= 0 && an.terms[ei].entity && shared[p] && an.clause[p] == an.clause[t.pos] {
				return true
			}
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// countScoped is the number of content words within the cues' scope.
func countScoped(an *analysis, cues []cue) int {
	n := 0
	for _, t := range an.terms {
		if nearCue(an, cues, t.pos) {
			n++
		}
	}
	return n
}

// countSharedScoped is len(scoped(an, cues, shared)), without building it:
// features needs only the number, explanations (links) the words.
func countSharedScoped(an *analysis, cues []cue, shared []bool) int {
	n := 0
	for pos, ti := range an.byPos {
		if ti > 0 && shared[pos] && nearCue(an, cues, pos) {
			n++
		}
	}
	return n
}

// negScope is ev.negScope of a pair whose features found a one-sided negation
// (ev.negWord set): the words of the shared terms (sg) in the scope of the
// negated side's polarity cues, as scoped reads them.
func negScope(a, b *analysis, sg []sharedGroup, ev *evidence) []string {
	an, ofB := a, ev.negSide == "b"
	if ofB {
		an = b
	}
	shared := make([]bool, len(an.clause)) // token positions of shared terms, as features marks them
	for _, s := range sg {
		g := s.a
		if ofB {
			g = s.b
		}
		for _, t := range an.run(g) {
			shared[t.pos] = true
		}
	}
	return scoped(an, an.polarityCues(), shared)
}

// scoped returns the words of shared terms within negWindow tokens of any of the
// cues, in the cue's clause: what the negation or quantifier is about.
func scoped(an *analysis, cues []cue, shared []bool) []string {
	n := countSharedScoped(an, cues, shared)
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for pos, ti := range an.byPos { // text order reads better
		if ti > 0 && shared[pos] && nearCue(an, cues, pos) {
			out = append(out, an.terms[ti-1].word)
		}
	}
	return out
}

// nearCue reports whether a cue stands within negWindow tokens of token pos, in
// its clause. cues are in text order, so a binary search finds the window: the
// cost per term does not grow with the number of cues.
func nearCue(an *analysis, cues []cue, pos int) bool {
	k := sort.Search(len(cues), func(i int) bool { return cues[i].pos >= pos-negWindow })
	for ; k < len(cues) && cues[k].pos <= pos+negWindow; k++ {
		if an.clause[pos] == an.clause[cues[k].pos] {
			return true
		}
	}
	return false
}

// numberMismatch finds a number only a has and a number only b has that count the
// same thing ("3 years" vs "5 years").
func numberMismatch(a, b []quantity) (quantity, quantity, bool) {
	has := func(s []quantity, v string) bool {
		for _, q := range s {
			if q.value == v {
				return true
			}
		}
		return false
	}
	ordinal := func(q quantity) bool { return strings.HasPrefix(q.value, "#") }
	for _, x := range a {
		if x.unit == "" || x.approx || has(b, x.value) {
			continue
		}
		for _, y := range b {
			// same unit, same kind (cardinal vs ordinal), both precise
			if y.unit == x.unit && !y.approx && ordinal(x) == ordinal(y) && !has(a, y.value) {
				return x, y, true
			}
		}
	}
	return quantity{}, quantity{}, false
}

// text is the quantity as an explanation names it ("3 year", "2 woman").
func (q quantity) text() string { return strings.TrimPrefix(q.value, "#") + " " + q.unit }

// governed reports whether a (non-predicative) negator stands just before token
// pos in its clause, so that the negation is about what stands there.
func governed(an *analysis, pos int) bool {
	for _, c := range an.negators {
		if d := pos - c.pos; d > 0 && d <= headTokens && an.clause[c.pos] == an.clause[pos] {
			return true
		}
	}
	return false
}

// exclusive returns the values only a has and those only b has (both sorted).
func exclusive(a, b []string) (onlyA, onlyB []string) {
	in := func(s []string, v string) bool {
		for _, x := range s {
			if x == v {
				return true
			}
		}
		return false
	}
	for _, v := range a {
		if !in(b, v) {
			onlyA = append(onlyA, v)
		}
	}
	for _, v := range b {
		if !in(a, v) {
			onlyB = append(onlyB, v)
		}
	}
	return onlyA, onlyB
}

// dateMismatch compares dates of the same kind (year, month, weekday): both sides
// name one and no value is shared, e.g. "in 2019" vs "in 2021".
func dateMismatch(a, b []string) (da, db []string) {
	if len(a) == 0 || len(b) == 0 {
		return nil, nil // most pairs: nothing of either kind on one side
	}
	for _, kind := range []byte{'y', 'm', 'd'} {
		ka, kb := ofKind(a, kind), ofKind(b, kind)
		if len(ka) == 0 || len(kb) == 0 {
			continue
		}
		xa, xb := exclusive(ka, kb)
		if len(xa) == len(ka) && len(xb) == len(kb) {
			da, db = append(da, xa...), append(db, xb...)
		}
	}
	return da, db
}

// ofKind is the values of s of one kind (first byte), in order. An analysis'
// dates are sorted, so they are one run of s, returned without a copy; a
// scattered kind is copied out.
func ofKind(s []string, kind byte) []string {
	i := 0
	for i < len(s) && s[i][0] != kind {
		i++
	}
	j := i
	for j < len(s) && s[j][0] == kind {
		j++
	}
	rest := j
	for rest < len(s) && s[rest][0] != kind {
		rest++
	}
	if rest == len(s) {
		return s[i:j:j]
	}
	out := append([]string(nil), s[i:j]...)
	for _, v := range s[rest:] {
		if v[0] == kind {
			out = append(out, v)
		}
	}
	return out
}

// opposingStance finds a stance verb on one side whose direction the other side
// reverses (confirm/deny) when neither side has both directions.
func opposingStance(a, b []cue) (string, string, bool) {
	dirs := func(cs []cue) (pos, neg string) {
		for _, c := range cs {
			if c.dir > 0 && pos == "" {
				pos = c.word
			}
			if c.dir < 0 && neg == "" {
				neg = c.word
			}
		}
		return pos, neg
	}
	pa, na := dirs(a)
	pb, nb := dirs(b)
	switch {
	case pa != "" && na == "" && nb != "" && pb == "":
		return pa, nb, true
	case na != "" && pa == "" && pb != "" && nb == "":
		return na, pb, true
	}
	return "", "", false
}
