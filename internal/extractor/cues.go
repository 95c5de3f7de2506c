package extractor

import "strings"

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
	lower  []byte
	words  []int32 // words[k] = word tokens before token k, for the current block
	qmarks []int32 // quotation marks before token k
	qwords []int32 // quoted word tokens before token k
}

// lowBytes returns the ASCII-lower-cased text of token t with ’ written as ', in a
// scratch buffer valid until the next call; map lookups with it do not allocate.
func (m *mentionCtx) lowBytes(t token) []byte {
	m.lower = m.lower[:0]
	s := m.text[t.start:t.end]
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x99:
			c = '\''
			i += 2
		}
		m.lower = append(m.lower, c)
	}
	return m.lower
}

// low is lowBytes as a new string, for values that are kept.
func (m *mentionCtx) low(t token) string { return string(m.lowBytes(t)) }

// is reports whether token i is a word equal (case-insensitively) to w.
func (m *mentionCtx) is(i int, w string) bool {
	if i < 0 || i >= len(m.toks) {
		return false
	}
	t := m.toks[i]
	return t.kind == tWord && int(t.end-t.start) == len(w) && strings.EqualFold(m.text[t.start:t.end], w)
}

func inQuote(t token) bool { return t.flags&(fInQ|fInOpenQ) != 0 }

// wordsIn counts word tokens in [a,b), in constant time on the prefix counts.
func (m *mentionCtx) wordsIn(a, b int) int {
	if a >= b {
		return 0
	}
	return int(m.words[b] - m.words[a])
}

// setBlock points the context at a new block's tokens and builds its prefix counts
// of words, quotation marks and quoted words, so span questions cost O(1).
func (m *mentionCtx) setBlock(toks []token) {
	m.toks = toks
	n := len(toks) + 1
	if cap(m.words) < n {
		m.words, m.qmarks, m.qwords = make([]int32, n, 2*n), make([]int32, n, 2*n), make([]int32, n, 2*n)
	}
	m.words, m.qmarks, m.qwords = m.words[:n], m.qmarks[:n], m.qwords[:n]
	var w, q, qw int32
	for k, t := range toks {
		m.words[k], m.qmarks[k], m.qwords[k] = w, q, qw
		switch {
		case t.kind == tWord:
			w++
			if inQuote(t) {
				qw++
			}
		case t.kind == tOpenQ || t.kind == tCloseQ:
			q++
		}
	}
	m.words[n-1], m.qmarks[n-1], m.qwords[n-1] = w, q, qw
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
)

// cue is one attribution cue: tokens [c0,c1), head is the verb (or first) token.
type cue struct {
	c0, c1 int
	head   int
	kind   cueKind
}

// findCues appends the cues of sentence s, in text order.
func (m *mentionCtx) findCues(s sentence, dst []cue) []cue {
	toks := m.toks
	for i := s.t0; i < s.t1; i++ {
		t := toks[i]
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
		if t.flags&fLower == 0 && !(i == s.t0 && t.cls&clsPhrase != 0) {
			continue
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
		if t.cls&clsVerb == 0 || !m.verbUse(i, s) {
			continue
		}
		c := cue{c0: m.auxStart(i, s.t0), c1: i + 1, head: i, kind: cueVerb}
		if i+1 < s.t1 && m.is(i+1, "by") && isParticiple(m.text[t.start:t.end]) {
			c.kind = cuePassive
		} else {
			c.c1 = m.cueTail(i, s.t1)
			i = c.c1 - 1
		}
		dst = append(dst, c)
	}
	return dst
}

// pollOpener says whether "In" at i opens "In <a poll or study>," : a short phrase
// headed by a document noun and closed by a comma.
func (m *mentionCtx) pollOpener(i, t1 int) bool {
	for k := i + 1; k < t1 && k <= i+maxSourceTokens; k++ {
		t := m.toks[k]
		if t.kind == tComma {
			return k > i+1 && m.toks[k-1].cls&clsDoc != 0 && m.toks[k-1].kind == tWord
		}
		if t.kind != tWord {
			return false
		}
	}
	return false
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
	if toks[n].kind != tWord || toks[n].flags&fLower == 0 || inQuote(toks[n]) {
		return n
	}
	say := m.isSay(i) || m.isTell(i)
	if say && n+2 < t1 && m.is(n, "in") && m.is(n+1, "a") && m.is(n+2, "statement") {
		return n + 3
	}
	if toks[n].cls&clsPrep == 0 || n+1 >= t1 || toks[n+1].cls&clsTime != 0 || m.is(n+1, "that") {
		return n
	}
	if say {
		return n // PolNeAR leaves "of"/"about" out of "said of …"
	}
	switch {
	case m.is(n, "on") && n+1 < t1 && (m.is(n+1, "twitter") || m.is(n+1, "facebook") || m.is(n+1, "instagram")):
		return n + 2 // "wrote on Twitter"
	case m.is(n, "to"):
		if m.isPointOrRefer(i) {
			return n + 1 // "pointed to", "referring to"
		}
	case m.is(n, "of") || m.is(n, "about") || m.is(n, "for") || m.is(n, "against") || m.is(n, "with"):
		return n + 1
	case m.is(n, "on") && !m.is(i, "wrote") && !m.is(i, "writes"):
		return n + 1
	}
	return n
}

// isPointOrRefer says whether token i is a form of "point" or "refer", the cue verbs
// that take "to" ("pointed to the polls").
func (m *mentionCtx) isPointOrRefer(i int) bool {
	w := m.lowBytes(m.toks[i])
	return len(w) > 4 && (string(w[:5]) == "point" || string(w[:5]) == "refer")
}

// isSay says whether token i is a form of "say".
func (m *mentionCtx) isSay(i int) bool {
	return m.is(i, "said") || m.is(i, "says") || m.is(i, "say") || m.is(i, "saying")
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
		if m.is(i-1, "to") || m.is(i-1, "of") || m.is(i-1, "for") || m.is(i-1, "the") {
			return false
		}
		if p.flags&fPossessive != 0 {
			return false // "Lavrov's remarks"
		}
	}
	if p.kind == tOpenQ || p.kind == tOpenParen {
		return false
	}
	// "a creative writing professor": an -ing form before a role noun modifies it.
	w := m.text[m.toks[i].start:m.toks[i].end]
	if strings.HasSuffix(w, "ing") && i+1 < s.t1 {
		n := m.toks[i+1]
		if n.kind == tWord && n.flags&fLower != 0 && n.cls&(clsTitle|clsGroup|clsAnon|clsOrg) != 0 {
			return false
		}
	}
	return true
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
		if t.kind != tWord || t.cls&clsAux == 0 || t.flags&fLower == 0 || inQuote(t) {
			break
		}
		i = j
	}
	return i
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
