package extractor

import (
	"strings"
	"unicode/utf8"
)

// Stage 3a: cues. Within a sentence this stage finds the attribution cues: reporting
// verbs with their auxiliaries and particles ("has also said", "warned of"),
// multi-word cues ("made clear", "according to"), "VERB-ed by X" passives and a
// colon before a quotation. Words used as nouns, infinitives or modifiers are
// rejected here. mentions.go reads the speaker phrases; attribute.go pairs them.

// mentionCtx is the view stages 3 and 4 work on: the article text, the current
// block's tokens with their prefix counts, and a scratch buffer. One is made per
// Extract call, so concurrent calls share nothing but the read-only lexicon.
type mentionCtx struct {
	lx     *lexicon
	text   string
	toks   []token
	keys   []uint32 // the segmenter's keys of toks: foldHash of each word (tokKey)
	lower  []byte
	words  []int32 // words[k] = word tokens before token k, for the current block
	qmarks []int32 // quotation marks before token k
	qwords []int32 // quoted word tokens before token k
	counts []int32 // one backing array for words, qmarks and qwords

	// What the decision features read (features.go), built for a block only when
	// the first feature of it is asked for (featReady): blocks without a decision,
	// such as long runs of quotation marks, never pay for them.
	featReady bool
	commas    []int32     // commas before token k
	parens    []int32     // opening parentheses before token k
	rels      []int32     // relative words ("who", "which", "whose") before token k
	fcounts   []int32     // one backing array for commas, parens and rels
	hashes    []tokHashes // feature hashes of token k, filled as features ask
}

// foldByte returns the byte of s at i as the features read words: ASCII
// lower-cased, and the curly apostrophe ’ (three bytes) as ' — with the index
// after it. lowBytes and foldHash both fold through it, so a hashed key and a
// looked-up word never disagree.
func foldByte(s string, i int) (byte, int) {
	c := s[i]
	switch {
	case c >= 'A' && c <= 'Z':
		return c + 'a' - 'A', i + 1
	case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x99:
		return '\'', i + 3
	}
	return c, i + 1
}

// lowBytes returns the ASCII-lower-cased text of token t with ’ written as ', in a
// scratch buffer valid until the next call; map lookups with it do not allocate.
func (m *mentionCtx) lowBytes(t token) []byte {
	s := m.text[t.start:t.end]
	// Copied whole and lower-cased in place; only a word with a byte that may
	// start ’ is folded byte by byte.
	m.lower = append(m.lower[:0], s...)
	for k, c := range m.lower {
		switch {
		case c-'A' < 26:
			m.lower[k] = c + 'a' - 'A'
		case c == 0xE2:
			m.lower = m.lower[:0]
			for i := 0; i < len(s); {
				c, i = foldByte(s, i)
				m.lower = append(m.lower, c)
			}
			return m.lower
		}
	}
	return m.lower
}

// low is lowBytes as a new string, for values that are kept.
func (m *mentionCtx) low(t token) string { return string(m.lowBytes(t)) }

// is reports whether token i is a word equal (case-insensitively) to w.
func (m *mentionCtx) is(i int, w string) bool {
	if uint(i) >= uint(len(m.toks)) {
		return false
	}
	t := &m.toks[i]
	if t.kind != tWord || int(t.end-t.start) != len(w) {
		return false
	}
	s := m.text[t.start:t.end]
	return !firstDiffers(s[0], w[0]) && foldEqual(s, w)
}

// isAny reports whether token i is a word equal (case-insensitively) to one of
// ws: is of each in turn, with the token read once. The rules ask a thousand
// such questions an article, most of them of a few words about one token.
func (m *mentionCtx) isAny(i int, ws ...string) bool {
	if uint(i) >= uint(len(m.toks)) || m.toks[i].kind != tWord {
		return false
	}
	t := &m.toks[i]
	s := m.text[t.start:t.end]
	for _, w := range ws {
		if len(w) == len(s) && !firstDiffers(s[0], w[0]) && foldEqual(s, w) {
			return true
		}
	}
	return false
}

// firstDiffers is foldEqual's answer at the words' first bytes c and d when
// that answer is false: both ASCII and not equal under case folding. Asked
// before the call, it settles most words the rules ask about (another
// preposition than "in", another article than "a") without it.
func firstDiffers(c, d byte) bool {
	return c != d && c|d < utf8.RuneSelf && lowerASCII(c) != lowerASCII(d)
}

// foldEqual is strings.EqualFold(s, w) for s and w of one length, without the
// call for the ASCII words the rules ask about: bytes are compared in place;
// equal ones and ASCII letters that differ only in case match, and two ASCII
// bytes that differ otherwise end it (the bytes before them matched, so the
// runes of s and w line up there and no fold can make them equal); at the first
// differing byte that is not ASCII it leaves the answer to strings.EqualFold.
func foldEqual(s, w string) bool {
	for k := 0; k < len(w) && k < len(s); k++ {
		c, d := s[k], w[k]
		switch {
		case c == d:
		case c >= utf8.RuneSelf || d >= utf8.RuneSelf:
			return strings.EqualFold(s, w)
		case lowerASCII(c) != lowerASCII(d):
			return false
		}
	}
	return true
}

// lowerASCII lower-cases an ASCII capital and returns any other byte as it is.
func lowerASCII(c byte) byte {
	if c-'A' < 26 {
		return c + 'a' - 'A'
	}
	return c
}

func inQuote(t token) bool { return t.flags&(fInQ|fInOpenQ) != 0 }

// wordsIn counts word tokens in [a,b), in constant time on the prefix counts.
func (m *mentionCtx) wordsIn(a, b int) int {
	if a >= b {
		return 0
	}
	return int(m.words[b] - m.words[a])
}

// setBlock points the context at a new block's tokens and their keys and builds
// its prefix counts of words, quotation marks and quoted words, so span
// questions cost O(1). It writes each mark's key (markKeys by its kind, final
// once the tokenizer has paired the quotation marks), so tokKey reads every
// token's key from keys without looking at its kind.
func (m *mentionCtx) setBlock(toks []token, keys []uint32) {
	keys = keys[:len(toks)]
	m.toks, m.keys = toks, keys
	m.featReady = false
	n := len(toks) + 1
	m.counts = growCap(m.counts[:0], 3*n)
	c := m.counts[:3*n]
	// Filled through locals: stores through m's fields would reload them.
	words, qmarks, qwords := c[:n:n], c[n:2*n:2*n], c[2*n:3*n:3*n]
	m.words, m.qmarks, m.qwords = words, qmarks, qwords
	var w, q, qw int32
	_, _, _ = words[len(toks)], qmarks[len(toks)], qwords[len(toks)] // so the loop's stores need no bounds checks
	for k := range toks {
		t := &toks[k]
		words[k], qmarks[k], qwords[k] = w, q, qw
		if t.kind == tWord {
			w++
			if inQuote(toks[k]) {
				qw++
			}
			continue
		}
		keys[k] = markKeys[t.kind]
		if t.kind == tOpenQ || t.kind == tCloseQ {
			q++
		}
	}
	words[n-1], qmarks[n-1], qwords[n-1] = w, q, qw
}

// isSeparator says whether a token can separate content from a speaker phrase.
func isSeparator(t token) bool {
	return t.kind == tComma || t.kind == tCloseQ || t.kind == tColon || t.kind == tDash || t.kind == tSemi
}

// cueKind is the construction a cue belongs to.
type cueKind uint8

const (
	cueVerb      cueKind = iota // "said", "has emphasized", "made clear"
	cueAccording                // "according to X"
	cuePassive                  // "a point highlighted by X"
	cueColon                    // "Rubio: “…”"
	cuePoll                     // "… lead in a CNN national poll"
)

// cue is one attribution cue: tokens [c0,c1), head is the verb (or first) token.
// For a passive, agent is the "by" token before the speaker phrase.
type cue struct {
	c0, c1 int
	head   int
	kind   cueKind
	agent  int
}

// findCues appends the cues of sentence s, in text order.
func (m *mentionCtx) findCues(s sentence, dst []cue) []cue {
	toks := m.toks
	for i := s.t0; i < s.t1; i++ {
		t := toks[i]
		// Most words start no cue: a word that is neither a verb, a preposition
		// nor a phrase's first word, and not the sentence's first (which may open
		// a poll or a phrase), is passed over by every test below (a capitalised
		// one is no headline verb, a lower-case one is no "issued" unless it has
		// 6 or 8 letters), so it is passed over at once.
		if t.kind == tWord && i != s.t0 && t.cls&(clsVerb|clsPrep|clsPhrase) == 0 {
			if l := t.end - t.start; t.flags&fLower == 0 || l != 6 && l != 8 {
				continue
			}
		}
		if t.kind == tColon && !inQuote(t) {
			if c, ok := m.colonCue(s, i, dst); ok {
				dst = append(dst, c)
			}
			continue
		}
		if t.kind != tWord || inQuote(t) {
			continue
		}
		if i == s.t0 && m.is(i, "in") && m.pollOpener(i, s.t1) {
			// "In the latest Washington Post-ABC News poll, Clinton led …"
			dst = append(dst, cue{c0: i, c1: i + 1, head: i, kind: cueAccording})
			continue
		}
		if t.flags&fLower == 0 && !(i == s.t0 && t.cls&clsPhrase != 0) && !m.headlineVerb(i, s) {
			continue
		}
		if i > s.t0 && t.cls&clsPrep != 0 && m.is(i, "in") {
			if e := m.pollPhrase(i, s.t1); e > i {
				// "Trump has a decisive lead in the polls": the poll is the source.
				dst = append(dst, cue{c0: i, c1: i + 1, head: e, kind: cuePoll})
				i = e - 1
				continue
			}
		}
		if t.cls&clsPhrase != 0 {
			if n := m.matchPhrase(i, s.t1); n > 0 {
				kind := cueVerb
				if m.is(i, "according") {
					kind = cueAccording
				}
				c := cue{c0: i, c1: i + n, head: i, kind: kind}
				if kind == cueVerb {
					c.c0 = m.auxStart(i, s.t0)
				}
				dst = append(dst, c)
				i += n - 1
				continue
			}
		}
		if t.cls&clsVerb == 0 {
			// "issued" is a cue only with the statement it issues (6 or 8 letters).
			if l := t.end - t.start; l != 6 && l != 8 || i+1 >= s.t1 || m.toks[i+1].end-m.toks[i+1].start > 2 ||
				m.documentObject(i, i+1, s.t1) == i+1 {
				continue
			}
		}
		if !m.verbUse(i, s) || m.directive(i, s) {
			continue
		}
		c := cue{c0: m.auxStart(i, s.t0), c1: i + 1, head: i, kind: cueVerb}
		if by := m.agentBy(i, s.t1); by > i {
			c.kind, c.agent = cuePassive, by
		} else {
			c.c1 = m.cueTail(i, s.t1)
			i = c.c1 - 1
		}
		dst = append(dst, c)
	}
	return dst
}

// maxAgentGap bounds the adverbial between a passive participle and its "by"
// ("reported on the scene by TASS").
const maxAgentGap = 5

// agentBy returns the "by" token introducing the agent of a past participle at i
// ("highlighted by Lavrov", "reported on the scene by TASS"), or -1. Only a short
// lower-case prepositional phrase may stand between them.
func (m *mentionCtx) agentBy(i, t1 int) int {
	if !isParticiple(m.text[m.toks[i].start:m.toks[i].end]) {
		return -1
	}
	if i+1 < t1 && m.is(i+1, "by") {
		return i + 1
	}
	if i+1 >= t1 || m.toks[i+1].cls&clsPrep == 0 || m.toks[i+1].flags&fLower == 0 || m.isAny(i+1, "that", "with") || m.auxStart(i, 0) < i {
		return -1 // only a bare participle: "The remarks, reported on the scene by TASS,"
	}
	for k := i + 2; k < t1 && k-i <= maxAgentGap; k++ {
		t := m.toks[k]
		if t.kind != tWord || inQuote(t) || t.cls&(clsClause|clsConj) != 0 || t.cls&clsVerb != 0 && t.cls&clsTime == 0 {
			return -1 // a weekday may carry the learned cue bit ("said Monday"); it is still a time
		}
		if m.is(k, "by") {
			return k
		}
	}
	return -1
}

// headlineVerb says whether the capitalised word at i is a cue verb in a
// title-case headline ("Trump Says He Never Pledged …"): only capitalised names
// before it and a capitalised word or quotation after it.
func (m *mentionCtx) headlineVerb(i int, s sentence) bool {
	t := m.toks[i]
	if t.flags&fCap == 0 || t.flags&fAllCaps != 0 || t.cls&clsVerb == 0 || i == s.t0 || i+1 >= s.t1 {
		return false
	}
	for k := s.t0; k < i; k++ {
		if t := m.toks[k]; t.kind != tWord || t.flags&fCap == 0 || t.cls&(clsVerb|clsAux|clsPronoun) != 0 {
			return false // only the first verb after the name: "Trump Says He Never Pledged"
		}
	}
	p, n := m.toks[i-1], m.toks[i+1]
	return p.kind == tWord && p.flags&fCap != 0 && p.cls&(clsDet|clsPrep|clsClause|clsConj) == 0 &&
		(n.kind == tWord && n.flags&fCap != 0 || n.kind == tOpenQ || m.singleQuoteAfter(i))
}

// pollOpener says whether "In" at i opens "In <a poll or study>," : a short phrase
// headed by a document noun and closed by a comma.
func (m *mentionCtx) pollOpener(i, t1 int) bool {
	for k := i + 1; k < t1 && k <= i+maxSourceTokens; k++ {
		t := m.toks[k]
		if t.kind == tComma {
			// "In a Des Moines Register poll last month," : a document noun anywhere.
			if k > i+1 && m.toks[k-1].cls&clsDoc != 0 && m.toks[k-1].kind == tWord {
				return true
			}
			return m.pollPhrase(i, k) > i
		}
		if t.kind != tWord {
			return false
		}
	}
	return false
}

// maxPollTokens bounds the noun phrase of "in <a … poll>".
const maxPollTokens = 10

// pollPhrase says whether "in" at i opens a noun phrase headed by a poll or survey
// ("in a CNN/ORC poll", "in the RealClearPolitics average of New Hampshire polls")
// and returns the token after the poll noun, or i.
func (m *mentionCtx) pollPhrase(i, t1 int) int {
	for k := i + 1; k < t1 && k <= i+maxPollTokens; k++ {
		t := m.toks[k]
		if t.kind != tWord && t.kind != tOther || inQuote(t) {
			return i
		}
		if t.kind == tWord && t.flags&fLower != 0 && m.isAny(k, "poll", "survey") {
			return k + 1
		}
		if t.kind == tWord && t.flags&fLower != 0 && t.cls&(clsVerb|clsClause|clsConj|clsAux) != 0 {
			return i
		}
	}
	return i
}

// cueTail extends a verb cue at i over what PolNeAR counts as part of it: a colon
// right after the verb ("said:"), "in a statement", and the preposition a stance
// verb takes ("warned of", "talked about", "railed against", "said of"). It returns
// the cue's end token.
func (m *mentionCtx) cueTail(i, t1 int) int {
	toks := m.toks
	n := i + 1
	if n >= t1 {
		return n
	}
	if toks[n].kind == tColon && toks[n].start == toks[i].end {
		return n + 1
	}
	if toks[n].kind == tWord && !inQuote(toks[n]) && weekday(m.lowBytes(toks[n])) &&
		(n+1 >= t1 || toks[n+1].kind != tWord || toks[n+1].cls&clsTime == 0) {
		return n + 1 // "said Sunday": PolNeAR includes a bare weekday slightly more often than not
	}
	if toks[n].kind != tWord || toks[n].flags&fLower == 0 || inQuote(toks[n]) {
		return n
	}
	say := m.isSay(i) || m.isTell(i)
	if say && n+2 < t1 && m.is(n, "in") && m.is(n+1, "a") && m.is(n+2, "statement") {
		return n + 3
	}
	if m.isAny(n, "out", "up", "off") {
		// A phrasal verb's particle is part of the cue ("lashed out", "talked up"),
		// and so is a preposition after it ("lashed out at").
		if n+2 < t1 && m.isAny(n+1, "at", "against") {
			return n + 2
		}
		return n + 1
	}
	if m.is(n, "to") && n+1 < t1 && m.toks[n+1].kind == tWord && m.toks[n+1].flags&fLower != 0 && !inQuote(m.toks[n+1]) &&
		m.toks[n+1].cls&(clsDet|clsPronoun|clsPrep) == 0 && m.isContinue(i) {
		return n + 2 // "continued to question", "tried to distance"
	}
	if m.isAny(i, "expressed", "expresses", "expressing", "express") &&
		toks[n].cls&^(clsAbstract|clsPlace) == 0 && !strings.HasSuffix(m.text[toks[n].start:toks[n].end], "ly") {
		return n + 1 // "expressed concern", "expressed confidence"
	}
	if (m.is(n, "at") && m.isHint(i)) || m.is(n, "to") && m.isAllude(i) {
		return n + 1 // "hints at", "alluding to"
	}
	if m.isAny(n, "as", "for") && m.isAny(i, "known", "seen", "regarded") {
		return n + 1 // "known as", "best known for"
	}
	if d := m.documentObject(i, n, t1); d > n {
		return d // "issued a statement saying"
	}
	if m.isAny(n, "to", "on") {
		if m.isRespond(i) {
			return n + 1 // "did not respond to", "declined to comment on"
		}
	}
	if toks[n].cls&clsPrep == 0 || n+1 >= t1 || toks[n+1].cls&clsTime != 0 || m.is(n+1, "that") {
		return n
	}
	if say {
		return n // PolNeAR leaves "of"/"about" out of "said of …"
	}
	switch {
	case m.is(n, "on") && n+1 < t1 && m.isAny(n+1, "twitter", "facebook", "instagram"):
		return n + 2 // "wrote on Twitter"
	case m.is(n, "to"):
		if m.isPointOrRefer(i) {
			return n + 1 // "pointed to", "referring to"
		}
	case m.isAny(n, "of", "about", "for", "against", "with", "over", "into", "upon", "behind"):
		return n + 1
	case m.is(n, "on") && !m.isAny(i, "wrote", "writes"):
		return n + 1
	}
	return n
}

// weekday says whether a lower-cased word is a day of the week.
func weekday(w []byte) bool {
	switch string(w) {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
		return true
	}
	return false
}

// isRespond says whether token i is a form of "respond", "comment" or "reply", the
// cue verbs PolNeAR annotates with their preposition ("responded to", "comment on").
func (m *mentionCtx) isRespond(i int) bool {
	w := m.lowBytes(m.toks[i])
	switch {
	case len(w) >= 7 && string(w[:7]) == "respond", len(w) >= 7 && string(w[:7]) == "comment":
		return true
	}
	switch string(w) {
	case "reply", "replies", "replied", "replying":
		return true
	}
	return false
}

// isAppear says whether token i is a form of "appear", a cue only before "to" or
// "that" ("appeared to imply").
func (m *mentionCtx) isAppear(i int) bool {
	switch string(m.lowBytes(m.toks[i])) {
	case "appear", "appears", "appeared", "appearing":
		return true
	}
	return false
}

// isHint says whether token i is a form of "hint", which takes "at" ("hinted at").
func (m *mentionCtx) isHint(i int) bool {
	w := m.lowBytes(m.toks[i])
	return len(w) >= 4 && string(w[:4]) == "hint"
}

// isAllude says whether token i is a form of "allude", which takes "to".
func (m *mentionCtx) isAllude(i int) bool {
	w := m.lowBytes(m.toks[i])
	return len(w) >= 5 && string(w[:5]) == "allud"
}

// isContinue says whether token i is a form of "continue" or "try", whose cue
// PolNeAR marks with the verb after "to" ("continued to criticize").
func (m *mentionCtx) isContinue(i int) bool {
	switch string(m.lowBytes(m.toks[i])) {
	case "continue", "continues", "continued", "continuing", "try", "tries", "tried", "trying":
		return true
	}
	return false
}

// documentObject extends "issued"/"released" over the statement it names: "issued a
// statement", "released a statement saying", which PolNeAR marks as one cue. n is
// the token after the verb at i; it returns the cue's end token, or n.
func (m *mentionCtx) documentObject(i, n, t1 int) int {
	if n+1 >= t1 || !m.isAny(n, "a", "an") {
		return n
	}
	if !m.isAny(i, "issued", "released", "issues", "releases") {
		return n
	}
	e := n + 1
	if e+1 < t1 && m.toks[e].kind == tWord && m.toks[e].flags&fLower != 0 && m.toks[e+1].cls&clsDoc != 0 {
		e++ // "a scathing report"
	}
	if !m.is(e, "statement") && m.toks[e].cls&clsDoc == 0 || m.toks[e].kind != tWord || inQuote(m.toks[e]) {
		return n
	}
	e++
	if e < t1 && m.isAny(e, "saying", "that") {
		e++
	}
	return e
}

// isPointOrRefer says whether token i is a form of "point" or "refer", the cue verbs
// that take "to" ("pointed to the polls").
func (m *mentionCtx) isPointOrRefer(i int) bool {
	w := m.lowBytes(m.toks[i])
	return len(w) > 4 && (string(w[:5]) == "point" || string(w[:5]) == "refer")
}

// isSay says whether token i is a form of "say".
func (m *mentionCtx) isSay(i int) bool {
	return m.isAny(i, "said", "says", "say", "saying")
}

// verbUse rejects reporting words used as nouns or infinitives: after a determiner
// ("the claims"), after "to" ("wants to say"), or inside a title ("United States").
func (m *mentionCtx) verbUse(i int, s sentence) bool {
	if i == s.t0 {
		return false
	}
	p := m.toks[i-1]
	if p.kind == tWord {
		if p.cls&clsDet != 0 && p.cls&(clsPronoun|clsNumber) == 0 && !m.quantifier(i-1) {
			return false // "the report", "a warning"; "her" is also a pronoun: "told her"
		}
		if m.isAny(i-1, "to", "of", "for", "the") {
			return false
		}
		if p.flags&fPossessive != 0 {
			return false // "Lavrov's remarks"
		}
	}
	if p.kind == tOpenQ || p.kind == tOpenParen {
		return false
	}
	w := m.text[m.toks[i].start:m.toks[i].end]
	var n token
	if i+1 < s.t1 {
		n = m.toks[i+1]
	}
	if p.kind == tWord && p.flags&fDigit != 0 && n.kind == tWord && n.flags&fLower != 0 && n.cls&^(clsAbstract|clsPlace) == 0 {
		return false // "400 pledged delegates": a participle modifying a noun
	}
	if m.isAppear(i) && !(n.kind == tWord && m.isAny(i+1, "to", "that")) {
		return false // "appeared on Sunday shows", "appeared rattled"
	}
	if m.is(i, "called") && n.kind == tStop || m.is(i, "reported") && m.is(i+1, "from") {
		return false // "Eric Trump called.", "Lerer reported from Los Angeles."
	}
	// "a creative writing professor": an -ing form before a role noun modifies it.
	if strings.HasSuffix(w, "ing") && i+1 < s.t1 {
		n := m.toks[i+1]
		if n.kind == tWord && n.flags&fLower != 0 && n.cls&(clsTitle|clsGroup|clsAnon|clsOrg) != 0 {
			return false
		}
	}
	return true
}

// maxDirectiveObject bounds the object between a directive verb and its "to"
// ("asked the residents of the valley to …").
const maxDirectiveObject = 5

// directive says whether the verb at i gives an order, makes a request or
// names a duty rather than reporting what someone said: "asked residents to
// conserve", "ordered a review", "is charged with overseeing", "imposed a fine",
// "billed the city". ("asked whether", "charged that", "billed as" stay cues.)
func (m *mentionCtx) directive(i int, s sentence) bool {
	switch string(m.lowBytes(m.toks[i])) {
	case "ordered", "orders", "order", "ordering", "imposed", "imposes", "impose", "imposing":
		return true
	case "billed", "bills", "billing":
		return !m.is(i+1, "as")
	case "charged", "charges":
		return m.is(i+1, "with") && i > s.t0 && m.toks[i-1].cls&clsAux != 0 // "is charged with"
	case "asked", "asks", "ask", "asking", "instructed", "requested", "directed":
		if m.is(i+1, "not") && m.is(i+2, "to") {
			return true // "who asked not to be named"
		}
		for k := i + 1; k < s.t1 && k <= i+maxDirectiveObject+1; k++ {
			t := m.toks[k]
			if m.is(k, "to") {
				n := k + 1
				return k > i+1 && n < s.t1 && m.toks[n].kind == tWord && m.toks[n].flags&fLower != 0 &&
					m.toks[n].cls&(clsDet|clsPronoun) == 0
			}
			if t.kind != tWord || inQuote(t) || t.cls&(clsClause|clsVerb|clsAux) != 0 {
				return false
			}
		}
	}
	return false
}

// isParticiple guesses a past participle from its spelling (or a few irregular forms).
func isParticiple(w string) bool {
	if strings.HasSuffix(w, "ed") {
		return true
	}
	switch w {
	case "said", "told", "shown", "found", "thought", "made", "written":
		return true
	}
	return false
}

// auxStart extends a cue leftwards over auxiliaries and cue adverbs ("has also said").
func (m *mentionCtx) auxStart(i, t0 int) int {
	for j := i - 1; j >= t0 && j >= i-3; j-- {
		t := m.toks[j]
		if t.kind != tWord || t.flags&fLower == 0 || inQuote(t) || t.cls&clsAux == 0 && !m.cueAdverb(j) {
			break
		}
		i = j
	}
	return i
}

// cueAdverb says whether token j is an adverb PolNeAR includes in the cue it
// precedes ("pointedly rejected", "soon noted", "even offered"): an -ly word outside
// the lexicons, or one of a few short adverbs.
func (m *mentionCtx) cueAdverb(j int) bool {
	t := m.toks[j]
	w := m.lowBytes(t)
	switch string(w) {
	case "even", "soon", "since", "only", "long":
		return true
	case "family", "rally", "ally", "early", "likely", "reply", "july", "italy", "daily", "weekly", "monthly", "holy", "silly", "jolly", "belly", "bully":
		return false
	}
	return len(w) > 4 && string(w[len(w)-2:]) == "ly" && t.cls&^clsAux == 0
}

// matchPhrase returns the token length of the multi-word cue starting at i, or 0.
func (m *mentionCtx) matchPhrase(i, t1 int) int {
	best := 0
	for _, words := range m.lx.phrases[string(m.lowBytes(m.toks[i]))] {
		if i+len(words) > t1 || len(words) <= best {
			continue
		}
		ok := true
		for k := 1; k < len(words); k++ {
			if !m.is(i+k, words[k]) || inQuote(m.toks[i+k]) {
				ok = false
				break
			}
		}
		if ok {
			best = len(words)
		}
	}
	return best
}

// colonCue recognises "Speaker: content": a short speaker phrase opening the
// sentence, a colon, then a quotation; or, at the start of a line, a short
// capitalised name before a claim ("Gingrich: Trump Must Decide …", "A: I felt …"
// in an interview), unless the name is a headline kicker ("Breaking:", "Watch:").
func (m *mentionCtx) colonCue(s sentence, i int, found []cue) (cue, bool) {
	if i+1 >= s.t1 || i-s.t0 > 8 || i == s.t0 {
		return cue{}, false
	}
	for _, c := range found {
		if c.c0 >= s.t0 && c.c0 < i {
			return cue{}, false
		}
	}
	for k := s.t0; k < i; k++ {
		t := m.toks[k]
		if t.kind != tWord || inQuote(t) || t.flags&fLower != 0 && t.cls&(clsVerb|clsAux|clsClause|clsPronoun) != 0 {
			return cue{}, false
		}
	}
	quoted := m.toks[i+1].kind == tOpenQ || m.singleQuoteAfter(i)
	if quoted {
		if !m.analyze(s.t0, i).speakerLike() {
			return cue{}, false
		}
		return cue{c0: i, c1: i + 1, head: i, kind: cueColon}, true
	}
	lineStart := s.t0 == 0 // tokens are numbered per block (line)
	if !lineStart || i-s.t0 > maxColonNameTokens || m.toks[s.t0].flags&fCap == 0 ||
		m.wordsIn(i+1, s.t1) < 3 || m.toks[s.t0].cls&clsKicker != 0 || i-s.t0 == 1 && m.toks[s.t0].flags&fAllCaps != 0 {
		return cue{}, false
	}
	caps := 0
	for k := s.t0; k < i; k++ {
		f := m.toks[k].flags
		if f&fCap == 0 || f&fPossessive != 0 {
			return cue{}, false // "At issue:", "Monday’s Morning Email:" are not names
		}
		if f&fAllCaps != 0 {
			caps++
		}
	}
	if caps > 1 {
		return cue{}, false // "STAT OF THE WEEK:"
	}
	return cue{c0: i, c1: i + 1, head: i, kind: cueColon}, true
}

// maxColonNameTokens bounds the name before a line-opening colon ("NY Daily News:").
const maxColonNameTokens = 4

// singleQuoteAfter says whether a single quotation mark (skipped by the tokenizer)
// follows token i, as in "Kasich: ‘We Are Going …’".
func (m *mentionCtx) singleQuoteAfter(i int) bool {
	rest := m.text[m.toks[i].end:]
	rest = strings.TrimLeft(rest, " ")
	return strings.HasPrefix(rest, "‘") || strings.HasPrefix(rest, "'")
}
