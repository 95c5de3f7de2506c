package extractor

import (
	"strings"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// Stage 3b: speaker phrases. Around a cue this stage finds where a speaker phrase
// starts and ends (a pronoun, a noun phrase back to the clause edge, "Name,
// appositive,", "said the minister") and reads it into a mention: a named person
// with title and organization, an organization, a group, an anonymous source, a
// pronoun or a description to resolve. It knows nothing about which phrase goes with
// which cue; attribute.go decides that.

// maxSourceTokens bounds how far a speaker phrase reaches from its cue.
const maxSourceTokens = 12

// mention is a speaker phrase read from tokens [t0,t1).
type mention struct {
	t0, t1  int
	kind    claim.SpeakerKind
	pron    pronounClass
	name    string // proper name, or the head phrase for groups and anonymous sources
	title   string
	org     string
	surname string // lower-cased last word of a person's name, for resolution
	head    string // lower-cased head noun of a description ("minister")
	desc    bool   // a definite description ("the minister") to resolve
	common  bool   // determiner + common noun outside the lexicons ("the speechwriter")
}

// speakerLike says whether the phrase can be a speaker at all.
func (mt mention) speakerLike() bool {
	return mt.kind != claim.SpeakerUnspecified || mt.pron != pronounNone || mt.desc
}

// span is the mention's byte range.
func (m *mentionCtx) span(mt mention) Span {
	return Span{int(m.toks[mt.t0].start), int(m.toks[mt.t1-1].end)}
}

// analyze reads tokens [t0,t1) as a speaker phrase.
func (m *mentionCtx) analyze(t0, t1 int) mention {
	mt := mention{t0: t0, t1: t1}
	if t0 >= t1 {
		return mt
	}
	toks := m.toks
	if toks[t1-1].kind == tCloseParen {
		// "Jim McDermott (D-Wash.)": the parenthesis stays in the mention but is
		// not part of the name.
		if o := m.openParen(t1-1, t0); o > t0 {
			inner := m.analyze(t0, o)
			inner.t1 = t1
			return inner
		}
	}
	if t1-t0 == 1 && toks[t1-1].cls&clsPronoun != 0 {
		mt.pron = m.lx.pronouns[string(m.lowBytes(toks[t0]))]
		return mt
	}
	if t1-t0 > 1 && m.reflexive(t1-1) {
		inner := m.analyze(t0, t1-1) // "Cruz himself"
		inner.t1 = t1
		return inner
	}
	// An appositive "The deputy foreign minister, Sergei Ryabkov," or "Mr. Rubio,
	// the Florida senator,": read each part and merge.
	for k := t0; k < t1; k++ {
		if toks[k].kind == tComma {
			a, b := m.analyze(t0, k), m.analyzeTrim(k+1, t1)
			return mergeMentions(a, b, t0, t1)
		}
	}
	// The head phrase ends before the first preposition that is not part of a name or
	// title ("Officials in Washington", "Robert Gordon of Northwestern University").
	end := t1
	for k := t0 + 1; k < t1; k++ {
		if toks[k].kind == tWord && toks[k].cls&clsPrep != 0 && toks[k].flags&fLower != 0 &&
			!(m.is(k, "of") && k+1 < t1 && toks[k+1].flags&fCap != 0 && toks[k-1].cls&clsTitle != 0) {
			end = k
			break
		}
	}
	if h := toks[end-1]; h.flags&fDigit != 0 || h.cls&clsNumber != 0 {
		mt.kind, mt.name = claim.SpeakerGroup, m.text[toks[t0].start:h.end] // "42%", "one in five"
		return mt
	}
	for end-1 > t0 && toks[end-1].cls&clsPostmod != 0 {
		end-- // "an official familiar with …": the head is before "familiar"
	}
	first := t0
	indefinite := false
	for first < end && toks[first].kind == tWord && toks[first].cls&clsDet != 0 && toks[first].cls&clsPronoun == 0 {
		indefinite = indefinite || m.isAny(first, "a", "an", "one", "another")
		first++
	}
	// A capitalised subordinator or opener is not a name: "While a formal meeting
	// remained uncertain, …", "Because of …". (Auxiliaries are left alone: "Will Smith".)
	for first < end && toks[first].kind == tWord && toks[first].flags&fCap != 0 &&
		toks[first].cls&(clsClause|clsConj|clsPrep|clsIntro|clsTime) != 0 && toks[first].cls&clsDet == 0 {
		first++
	}
	// A possessive works as a determiner: "Mrs. Clinton's confidants".
	for k := end - 2; k >= first; k-- {
		if toks[k].flags&fPossessive != 0 {
			first = k + 1
			break
		}
	}
	if first >= end {
		if end-t0 == 1 && m.quantifier(t0) {
			mt.kind, mt.name = claim.SpeakerGroup, m.text[toks[t0].start:toks[t0].end] // "another says"
		}
		return mt
	}
	// Proper-name run at the head: capitalised words (and "of" inside a title).
	nr := end
	for nr > first && (toks[nr-1].flags&fCap != 0 || toks[nr-1].flags&fDigit != 0 && nr-1 > first) && toks[nr-1].kind == tWord {
		nr--
	}
	headTok := toks[end-1]
	mt.org = m.orgOf(t0, end)
	switch {
	case nr < end:
		m.readName(&mt, first, nr, end)
	case headTok.cls&clsGroup != 0:
		mt.kind, mt.name = claim.SpeakerGroup, m.text[toks[first].start:headTok.end]
	case headTok.cls&clsAnon != 0 && indefinite:
		mt.kind, mt.name = claim.SpeakerAnonymous, m.text[toks[first].start:headTok.end]
		mt.title = m.titleText(first, end)
	case headTok.cls&(clsTitle|clsAnon) != 0:
		mt.desc, mt.head = true, m.low(headTok)
		mt.title = m.titleText(first, end)
		mt.name = m.text[toks[first].start:headTok.end]
	case headTok.cls&clsOrg != 0:
		mt.kind, mt.name = claim.SpeakerOrganization, m.text[toks[t0].start:headTok.end]
	case headTok.kind == tWord && headTok.flags&fLower != 0 && headTok.cls == 0 && (first > t0 || pluralNoun(m.text[headTok.start:headTok.end])):
		// "the speechwriter", or a bare plural: "Politicians … say", "Sanders fans told".
		mt.common, mt.name = true, m.text[toks[first].start:headTok.end]
	}
	return mt
}

// pluralNoun guesses a plural common noun from its spelling ("technologists").
func pluralNoun(w string) bool {
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// quantifier says whether token i is a determiner that can stand alone as a speaker
// ("some say", "another said", "many believe").
func (m *mentionCtx) quantifier(i int) bool {
	return m.isAny(i, "another", "one", "some", "many", "most", "both", "few", "several", "all")
}

// reflexive says whether token i is a reflexive pronoun ("himself").
func (m *mentionCtx) reflexive(i int) bool {
	return m.isAny(i, "himself", "herself", "themselves", "itself")
}

// analyzeTrim analyses a phrase after dropping a leading relative clause opener's
// punctuation; it exists so appositive parts can be read alone.
func (m *mentionCtx) analyzeTrim(t0, t1 int) mention {
	for t1 > t0 && m.toks[t1-1].kind != tWord {
		t1--
	}
	if t0 < t1 && m.is(t0, "who") {
		return mention{t0: t0, t1: t1}
	}
	return m.analyze(t0, t1)
}

// readName fills a mention whose head is the capitalised run [nr,end): an
// organization when a word of it names one, otherwise a person whose leading title
// words ("Russian Foreign Minister") become title and organization.
func (m *mentionCtx) readName(mt *mention, first, nr, end int) {
	toks := m.toks
	org := false
	for k := nr; k < end; k++ {
		if toks[k].cls&clsOrg != 0 || (toks[k].flags&fAllCaps != 0 && end-nr == 1 && toks[k].end-toks[k].start > 2) {
			org = true
		}
	}
	if org {
		mt.kind = claim.SpeakerOrganization
		mt.name = m.text[toks[mt.t0].start:toks[end-1].end]
		return
	}
	if toks[end-1].cls&clsPlace != 0 && end-nr > 1 {
		return // "Quay Street", "Harbor Bridge": a place, not a speaker
	}
	// Title words at the front of the run belong to the title, not the name.
	ns := nr
	for ns < end-1 && (toks[ns].cls&(clsTitle|clsTitleMod|clsDemonym) != 0 || m.is(ns, "of")) {
		ns++
	}
	if toks[ns].cls&(clsTitle|clsTitleMod) != 0 && ns == end-1 && toks[ns].cls&clsGroup == 0 {
		// A title alone ("the Minister") is a description.
		mt.desc, mt.head = true, m.low(toks[ns])
		mt.title = m.titleText(first, end)
		mt.name = m.text[toks[first].start:toks[end-1].end]
		return
	}
	if toks[ns].cls&clsDemonym != 0 && ns == end-1 {
		return // "the Russian" alone is not a speaker phrase we can use
	}
	if toks[end-1].cls&clsGroup != 0 {
		mt.kind, mt.name = claim.SpeakerGroup, m.text[toks[first].start:toks[end-1].end]
		return
	}
	// A capitalised word before a title belongs to it: "Transport Commissioner Dana
	// Whitfield", "Labor Secretary Jane Doe" (title "Transport Commissioner").
	titleFrom, titleTo := -1, -1
	if ts := m.titleInName(ns, end); ts > ns {
		titleFrom, titleTo, ns = ns, ts, ts+1
	}
	mt.kind = claim.SpeakerPerson
	last := toks[end-1]
	mt.name = m.text[toks[ns].start:last.end]
	if last.flags&fPossessive != 0 {
		mt.name = mt.name[:len(mt.name)-len(possessiveSuffix(m.text[last.start:last.end]))]
	}
	mt.surname = m.low(last)
	if last.flags&fPossessive != 0 {
		mt.surname = strings.TrimSuffix(mt.surname, "'s")
	}
	if titleFrom >= 0 {
		mt.title = m.text[toks[titleFrom].start:toks[titleTo].end]
	} else if t := m.titleText(first, ns); t != "" {
		mt.title = t
	}
}

// titleInName returns the last title word of the capitalised run [ns,end) when
// capitalised words that are not titles stand before it and a name follows it
// ("Transport Commissioner Dana Whitfield"), or -1. Name suffixes ("Martin Luther
// King Jr.") keep the run a name.
func (m *mentionCtx) titleInName(ns, end int) int {
	toks := m.toks
	last := -1
	for k := ns + 1; k < end-1; k++ {
		if toks[k].cls&clsTitle != 0 && toks[k].cls&clsGroup == 0 {
			last = k
		}
	}
	if last < 0 {
		return -1
	}
	for k := last + 1; k < end; k++ {
		switch string(m.lowBytes(toks[k])) {
		case "jr.", "jr", "sr.", "sr", "ii", "iii", "iv":
			return -1
		}
		if toks[k].cls&(clsTitle|clsTitleMod) != 0 {
			return -1
		}
	}
	return last
}

func possessiveSuffix(w string) string {
	if strings.HasSuffix(w, "’s") {
		return "’s"
	}
	return "'s"
}

// titleText is the text of the title words in [t0,t1) ("deputy foreign minister",
// "Foreign Minister", "Secretary of State"), skipping leading demonyms and determiners.
func (m *mentionCtx) titleText(t0, t1 int) string {
	s, e := -1, -1
	for k := t0; k < t1; k++ {
		t := m.toks[k]
		isT := t.kind == tWord && (t.cls&(clsTitle|clsTitleMod|clsAnon) != 0 || (m.is(k, "of") && s >= 0))
		if isT && t.cls&clsDet == 0 {
			if s < 0 {
				s = k
			}
			e = k
		} else if s >= 0 && t.cls&clsOrg == 0 {
			break
		}
	}
	if s < 0 {
		return ""
	}
	for e > s && m.is(e, "of") {
		e--
	}
	return m.text[m.toks[s].start:m.toks[e].end]
}

// orgOf names the organization a phrase's adjectives point to ("Russian" -> Russia,
// "Pentagon" -> the Pentagon).
func (m *mentionCtx) orgOf(t0, t1 int) string {
	for k := t0; k < t1; k++ {
		if m.toks[k].cls&clsDemonym != 0 {
			b := m.lowBytes(m.toks[k])
			if len(b) > 2 && b[len(b)-2] == '\'' && b[len(b)-1] == 's' {
				b = b[:len(b)-2]
			}
			if o, ok := m.lx.demonyms[string(b)]; ok {
				return o
			}
		}
	}
	return ""
}

// mergeMentions joins the two parts of an appositive: the part with a name supplies
// it, the other supplies title and organization.
func mergeMentions(a, b mention, t0, t1 int) mention {
	out := a
	if b.kind == claim.SpeakerPerson && a.kind != claim.SpeakerPerson {
		out = b
		if out.title == "" {
			out.title = a.title
		}
		if out.org == "" {
			out.org = a.org
		}
	} else if a.kind == claim.SpeakerPerson {
		if out.title == "" {
			out.title = b.title
		}
		if out.org == "" {
			out.org = b.org
		}
	} else if !a.speakerLike() {
		out = b
	}
	out.desc = out.desc && out.kind == claim.SpeakerUnspecified
	out.t0, out.t1 = t0, t1
	return out
}

// sourceBefore finds the speaker phrase ending right before token c0: a pronoun, a
// noun phrase back to the clause edge, or "Name, appositive" (the closing comma is left out).
func (m *mentionCtx) sourceBefore(c0, t0 int) (int, int) {
	j := c0 - 1
	toks := m.toks
	// "Feinstein (D-Calif.) last week said", "Spicer on Thursday evening said": skip a
	// time phrase before the cue.
	if j > t0 && toks[j].kind == tWord && toks[j].cls&clsTime != 0 && !inQuote(toks[j]) {
		for n := 0; j > t0 && n < 4 && toks[j].kind == tWord && (toks[j].cls&clsTime != 0 || m.isAny(j, "on", "this")); n++ {
			j--
		}
	}
	if j < t0 {
		return 0, 0
	}
	end := j + 1
	if toks[j].kind == tCloseParen {
		// "Dianne Feinstein (D-Calif.) said": the parenthesis belongs to the phrase.
		o := m.openParen(j, t0)
		if o <= t0 {
			return 0, 0
		}
		j = o - 1
	}
	t := toks[j]
	if inQuote(t) {
		return 0, 0
	}
	switch t.kind {
	case tWord:
		if t.cls&clsPronoun != 0 && t.cls&clsDet == 0 || m.is(j, "who") {
			return j, end
		}
		a := m.phraseStart(j, t0)
		if a > j {
			return 0, 0
		}
		return a, end
	case tComma, tDash:
		// "Mr. Rubio, the Florida senator, said", "Trump - who … - said": find the
		// opening mark and the phrase before it.
		for p := j - 1; p >= t0 && p >= j-maxAppositiveTokens; p-- {
			if toks[p].kind == t.kind {
				if p == j-1 {
					return 0, 0
				}
				a, b := m.phraseBefore(p, t0)
				if a >= b {
					return 0, 0
				}
				if t.kind == tDash {
					if m.analyze(a, b).speakerLike() {
						return a, b
					}
					return 0, 0
				}
				if left := m.analyze(a, p); left.speakerLike() || m.analyzeTrim(p+1, j).kind == claim.SpeakerPerson {
					return a, j
				}
				return 0, 0
			}
			switch toks[p].kind {
			case tWord, tOpenParen, tCloseParen, tStop, tComma:
			default:
				return 0, 0
			}
			if inQuote(toks[p]) || toks[p].kind == tStop && toks[p+1].kind != tCloseParen {
				return 0, 0
			}
		}
	}
	return 0, 0
}

// phraseBefore returns the noun phrase ending right before token p, a trailing
// parenthesis included ("Sen. Richard J. Durbin (D-Ill.)").
func (m *mentionCtx) phraseBefore(p, t0 int) (int, int) {
	j := p - 1
	if j < t0 {
		return 0, 0
	}
	if m.toks[j].kind == tCloseParen {
		o := m.openParen(j, t0)
		if o <= t0 {
			return 0, 0
		}
		j = o - 1
	}
	if m.toks[j].kind != tWord {
		return 0, 0
	}
	a := m.phraseStart(j, t0)
	if a > j {
		return 0, 0
	}
	return a, p
}

// maxAppositiveTokens bounds the appositive between a name and its cue
// ("Konstantin Grishchenko, a former foreign minister and …, said").
const maxAppositiveTokens = 20

// openParen returns the index of the "(" matching the ")" at j, or -1.
func (m *mentionCtx) openParen(j, t0 int) int {
	for k := j - 1; k >= t0 && k >= j-maxAppositiveTokens; k-- {
		switch m.toks[k].kind {
		case tOpenParen:
			return k
		case tCloseParen, tOpenQ, tCloseQ:
			return -1
		}
	}
	return -1
}

// phraseStart walks left from j over a noun phrase and returns its first token.
func (m *mentionCtx) phraseStart(j, t0 int) int {
	toks := m.toks
	k := j
	for ; k >= t0 && j-k < maxSourceTokens; k-- {
		t := toks[k]
		if t.kind == tCloseParen && k < j {
			if o := m.openParen(k, t0); o > t0 {
				k = o
				continue
			}
		}
		if t.kind != tWord || inQuote(t) {
			break
		}
		low := t.flags&fLower != 0
		if low && k < j {
			if t.cls&(clsClause|clsTime|clsAux) != 0 || t.cls&clsVerb != 0 && t.cls&(clsGroup|clsTitle|clsAnon) == 0 {
				break
			}
			if t.cls&clsPronoun != 0 && t.cls&clsDet == 0 {
				break
			}
			if t.cls&clsConj != 0 {
				// "Singer and Faso", "Officials in Washington and allied capitals", "he and Mr. Allen"
				if k-1 < t0 || toks[k-1].kind != tWord || !m.speakerHead(toks[k-1]) && toks[k-1].cls&clsPronoun == 0 || !m.is(k, "and") {
					break
				}
			}
			if t.cls&clsPrep != 0 {
				if k-1 < t0 || toks[k-1].kind != tWord || !m.speakerHead(toks[k-1]) && toks[k-1].cls&clsPostmod == 0 {
					break
				}
			}
		}
		if low && k == j && t.cls&(clsClause|clsPrep|clsConj|clsAux|clsTime) != 0 {
			return j + 1
		}
	}
	a := k + 1
	for a <= j && toks[a].cls&(clsIntro|clsConj|clsPrep|clsTime|clsClause) != 0 && toks[a].cls&clsDet == 0 {
		a++
	}
	return a
}

// endsPhrase says whether a word can be the last word of a speaker phrase, so that
// an unknown lower-case word after it starts the predicate.
func (m *mentionCtx) endsPhrase(t token) bool {
	return t.flags&fCap != 0 && t.cls&clsDet == 0 || t.cls&(clsGroup|clsAnon|clsTitle|clsOrg|clsAbstract) != 0 && t.cls&clsTitleMod == 0
}

// speakerHead says whether a word can head a speaker phrase that a prepositional
// phrase follows ("Officials in Washington", "Gordon of Northwestern").
func (m *mentionCtx) speakerHead(t token) bool {
	return t.flags&(fCap|fDigit) != 0 || t.cls&(clsGroup|clsAnon|clsTitle|clsOrg|clsNumber) != 0
}

// sourceAfter finds a speaker phrase starting at token k ("said the minister",
// "according to Russian officials").
func (m *mentionCtx) sourceAfter(k, t1 int) (int, int) {
	toks := m.toks
	e := k
	for ; e < t1 && e-k < maxSourceTokens; e++ {
		t := toks[e]
		if t.kind != tWord || inQuote(t) {
			break
		}
		if t.flags&fLower != 0 && e > k {
			if t.cls&(clsClause|clsTime|clsAux) != 0 || m.is(e, "who") || t.cls&clsVerb != 0 && t.cls&(clsGroup|clsTitle|clsAnon) == 0 {
				break
			}
			if t.cls&clsPrep != 0 && !(m.is(e, "of") && e+1 < t1 && toks[e+1].flags&fCap != 0) {
				break
			}
			if t.cls&clsConj != 0 && !(toks[e-1].flags&fCap != 0 && e+1 < t1 && toks[e+1].flags&fCap != 0) {
				break
			}
		}
		if e == k && t.flags&fLower != 0 && t.cls&(clsDet|clsPronoun|clsGroup|clsTitle|clsTitleMod|clsAnon) == 0 &&
			!(e+1 < t1 && toks[e+1].kind == tWord && (toks[e+1].flags&fCap != 0 || toks[e+1].cls&clsTitle != 0)) {
			return 0, 0 // "says political scientist Dossym Satpayev" is allowed
		}
		if e > k && t.flags&fLower != 0 && t.cls&(clsPrep|clsConj|clsTitle|clsTitleMod|clsGroup|clsAnon|clsOrg|clsPostmod) == 0 &&
			(m.endsPhrase(toks[e-1]) || m.quantifier(e-1)) {
			break // "Anthony Blinken spoke", "Both parents stiffened": the head ends the phrase
		}
	}
	return k, e
}

// relative resolves the phrase before ", who" or "who" for a "who said" speaker:
// the mention stays "who" but takes the antecedent's name and kind ("an architect
// who said" is an anonymous source). ok is false when the antecedent cannot speak
// ("anyone who seeks", "a policy which says"); an antecedent it cannot find leaves
// the bare pronoun.
func (m *mentionCtx) relative(who, t0 int) (mt mention, ok bool) {
	mt = mention{t0: who, t1: who + 1, pron: pronounRelative}
	e := who
	if who-2 >= t0 && (m.toks[who-1].kind == tComma || m.toks[who-1].kind == tDash) {
		e = who - 1
	}
	if e-1 < t0 || m.toks[e-1].kind != tWord {
		return mt, true
	}
	a := m.phraseStart(e-1, t0)
	if e == who {
		a = m.shortNP(e-1, t0) // restrictive: "pay an architect who said"
	}
	if a > e-1 {
		return mt, true
	}
	if m.toks[e-1].cls&clsAbstract != 0 && m.toks[e-1].flags&fLower != 0 {
		return mt, false
	}
	ante := m.analyze(a, e)
	if ante.common {
		ante.kind = claim.SpeakerAnonymous
		if pluralNoun(ante.name[strings.LastIndexByte(ante.name, ' ')+1:]) {
			ante.kind = claim.SpeakerGroup
		}
		ante.common = false
	}
	if !ante.speakerLike() || ante.pron != pronounNone {
		return mt, true
	}
	ante.t0, ante.t1 = who, who+1
	ante.pron = pronounRelative
	return ante, true
}

// shortNP returns the start of the short noun phrase ending at j, back to and
// including its determiner ("an architect", "local residents"), for a restrictive
// relative's antecedent; it stops at verbs, prepositions and clause words.
func (m *mentionCtx) shortNP(j, t0 int) int {
	k := j
	for k-1 >= t0 && j-k < 4 {
		t := m.toks[k]
		if t.cls&clsDet != 0 {
			break
		}
		p := m.toks[k-1]
		if p.kind != tWord || inQuote(p) || p.flags&fLower != 0 && p.cls&(clsVerb|clsAux|clsPrep|clsClause|clsConj|clsPronoun) != 0 && p.cls&clsDet == 0 {
			break
		}
		if p.flags&fLower != 0 && p.cls&clsDet == 0 && t.flags&fLower == 0 {
			break // "met Smith who": the name alone
		}
		k--
	}
	return k
}

// skipIntro returns the first token of s after an opening adverbial and its comma
// ("Earlier, …", "In Moscow, …", "In a piece for the Times last week, …") or after
// an opening subordinator ("Though she called …"), looking no further than end.
func (m *mentionCtx) skipIntro(s sentence, end int) int {
	toks := m.toks
	for q := s.t0; q < end && q-s.t0 <= 6; q++ {
		if toks[q].kind == tComma {
			if m.isIntro(s.t0, q) {
				return q + 1
			}
			break
		}
	}
	k := s.t0
	for k < end && toks[k].kind == tWord && toks[k].cls&clsIntro != 0 && toks[k].cls&clsDet == 0 {
		k++
	}
	if k != s.t0 || k+1 >= end {
		return k
	}
	t := toks[k]
	if t.kind != tWord || t.flags&fCap == 0 || t.cls&(clsPrep|clsClause|clsTime) == 0 || t.cls&(clsDet|clsPronoun) != 0 || m.is(k, "that") {
		return k
	}
	for q := k + 1; q < end && q-k <= maxAppositiveTokens; q++ {
		if u := toks[q]; u.kind == tComma && !inQuote(u) {
			return q + 1
		} else if u.kind == tStop || u.kind == tSemi || u.kind == tColon {
			break
		}
	}
	if t.cls&clsClause != 0 && t.cls&clsPrep == 0 && toks[k+1].kind == tWord {
		return k + 1 // "Though she called …": the subordinator is not the subject
	}
	return k
}

// isIntro says whether tokens [a,b) are an opening adverbial ("On Tuesday", "In
// Moscow", "When asked") rather than content.
func (m *mentionCtx) isIntro(a, b int) bool {
	if b-a > 6 || a >= b {
		return false
	}
	for k := a; k < b; k++ {
		if m.toks[k].kind != tWord {
			return false
		}
	}
	return m.toks[a].cls&(clsPrep|clsTime|clsIntro|clsClause) != 0
}
