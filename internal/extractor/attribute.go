package extractor

import (
	"strings"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// Stage 4: attribution. Each cue of a sentence is tied to a speaker phrase and a
// content span by the construction it stands in:
//
//	Lavrov said that …             source before the cue, content after
//	“…,” Lavrov said.  “…,” said X  content before, source before or after the cue
//	The plan, he argued, is …       parenthetical: content on both sides
//	According to X, …  /  …, according to X
//	…, a point highlighted by X     passive
//	…, adding that …                participle: the sentence's subject again
//
// The result is a relation of token ranges and byte spans; resolve.go then decides
// who the speaker phrase refers to.

// relation is one cue with its speaker phrase and content.
type relation struct {
	cue      cue
	src      mention // speaker phrase; src.t0 == src.t1 when the speaker is implicit
	srcSpan  Span    // the speaker phrase as reported, when the model chose other bounds than src's; may be empty
	srcFrom  int     // index of the relation whose speaker this one reuses, or -1
	content  Span
	kind     claim.AttributionKind // direct, indirect or mixed, from the content's quotation marks
	tail     Span                  // second half of a split quotation, continuing content; may be empty
	tailKind claim.AttributionKind
	sentence Span
	para     int
}

// maxAdverbialTokens bounds an adverbial ("on Tuesday", "in a statement") skipped
// between a cue and its content.
const maxAdverbialTokens = 12

// attribute appends the relations of sentence s given its cues.
func (m *mentionCtx) attribute(s sentence, cues []cue, para int, dst []relation) []relation {
	first := len(dst)
	sspan := Span{int(m.toks[s.t0].start), int(m.toks[s.t1-1].end)}
	start := s.t0 // where content before a cue may begin
	for ci, c := range cues {
		r := relation{cue: c, srcFrom: -1, sentence: sspan, para: para}
		ok := false
		switch c.kind {
		case cueAccording:
			ok = m.according(&r, s, start, cues, ci)
		case cuePassive:
			ok = m.passive(&r, s, start)
			if !ok && !m.bePassive(c) {
				ok = m.verb(&r, s, start, cues, ci, dst[first:], first)
			}
		case cuePoll:
			ok = m.poll(&r, s, start)
		case cueColon:
			r.src = m.analyze(s.t0, c.c0)
			ok = m.setContent(&r, c.c1, s.t1)
		default:
			ok = m.verb(&r, s, start, cues, ci, dst[first:], first)
		}
		if !ok || m.reportedDocument(c, dst[first:]) {
			continue
		}
		dst = append(dst, r)
		if r.content.End <= int(m.toks[c.c0].start) {
			start = c.c1 // the next cue's content cannot reach back over this cue
		}
	}
	return dst
}

// reportedDocument says whether a document cue ("the survey found") stands inside
// the content of an earlier relation of the sentence ("An engineer said the survey
// found damage"): the finding is that speaker's report, not a second source.
func (m *mentionCtx) reportedDocument(c cue, prev []relation) bool {
	if m.toks[c.head].cls&clsDocVerb == 0 {
		return false
	}
	cs, ce := int(m.toks[c.c0].start), int(m.toks[c.c1-1].end)
	for _, p := range prev {
		if p.content.Start <= cs && ce <= p.content.End {
			return true
		}
	}
	return false
}

// verb links a reporting-verb cue.
func (m *mentionCtx) verb(r *relation, s sentence, start int, cues []cue, ci int, prev []relation, prevBase int) bool {
	c := r.cue
	toks := m.toks
	limit := m.contentLimit(s, cues, ci, c.c1)
	p := c.c0 - 1
	if p < s.t0 {
		return false
	}
	head := m.text[toks[c.head].start:toks[c.head].end]
	if strings.HasSuffix(head, "ing") && (toks[p].kind == tComma || toks[p].kind == tDash ||
		toks[p].kind == tCloseQ && p-1 >= s.t0 && toks[p-1].kind == tComma) {
		// "…, adding that …": the previous speaker of the sentence, or its subject.
		if !m.subject(r, s, p) {
			if len(prev) == 0 {
				return false
			}
			last := prev[len(prev)-1]
			r.src, r.srcFrom = last.src, prevBase+len(prev)-1
		}
		k := m.contentAfterStart(c, limit)
		return m.wordsIn(k, limit) > 0 && m.setContent(r, k, limit)
	}
	a, b := m.sourceBefore(c.c0, max(start, s.t0))
	if a < b {
		r.src = m.analyze(a, b)
		if r.src.pron == pronounRelative {
			var ok bool
			if r.src, ok = m.relative(a, s.t0); !ok {
				return false // "anyone who genuinely seeks justice": no speaker to name
			}
		}
		if m.appositiveParticiple(r.src, c, s) {
			return false // "…, a position reiterated during a briefing": no speaker
		}
		if toks[c.head].cls&clsDocVerb != 0 {
			if d := m.docBefore(r.src, max(start, s.t0)); d >= 0 {
				r.src.t0 = d // "Audit files from NGP VAN show"
			}
		}
		if !m.acceptable(r.src, c) {
			return false
		}
		return m.linkContent(r, s, start, a-1, limit)
	}
	if toks[p].kind == tWord && toks[p].cls&clsConj != 0 && toks[p].flags&fLower != 0 && !m.adjectivalIng(c, limit) {
		// "Sullivan put off deciding … but said …": the sentence's subject.
		if !m.subject(r, s, p) {
			return false
		}
		k := m.contentAfterStart(c, limit)
		return m.wordsIn(k, limit) > 0 && m.setContent(r, k, limit)
	}
	if isSeparator(toks[p]) && !m.isTell(c.head) && (m.finite(c.head) || m.invertedSay(c)) {
		// Inverted order: "“…,” said the minister."
		sa, sb := m.sourceAfter(c.c1, s.t1)
		if sa >= sb {
			return false
		}
		if sb < s.t1 && m.clauseVerb(sb) {
			// "An engineer …, speaking on condition of anonymity, said the survey
			// found …": a clause follows, so the subject before the comma speaks.
			return m.subjectBefore(r, s, p, limit)
		}
		r.src = m.analyze(sa, sb)
		if !m.acceptable(r.src, c) {
			return false
		}
		if !m.setContentBefore(r, s.t0, p) {
			return false
		}
		m.quoteTail(r, sb, limit)
		return true
	}
	return false
}

// clauseVerb says whether token k, right after a noun phrase, is the verb of a
// clause ("said the survey found …"), so the phrase is a subject, not a speaker.
func (m *mentionCtx) clauseVerb(k int) bool {
	t := m.toks[k]
	return t.kind == tWord && t.flags&fLower != 0 && !inQuote(t) && t.cls&(clsVerb|clsAux|clsDocVerb) != 0
}

// subjectBefore links a cue after a comma to the sentence's subject when the words
// between them are a parenthetical ("An engineer who worked on it, speaking on
// condition of anonymity, said …"); the content follows the cue.
func (m *mentionCtx) subjectBefore(r *relation, s sentence, p, limit int) bool {
	sa, sb := m.sourceAfter(m.skipIntro(s, p), p)
	if sa >= sb || m.hasQuote(s.t0, p) {
		return false
	}
	r.src = m.analyze(sa, sb)
	if !(r.src.speakerLike() || r.src.common) || r.src.pron == pronounRelative {
		return false
	}
	k := m.contentAfterStart(r.cue, limit)
	return m.wordsIn(k, limit) > 0 && m.setContent(r, k, limit)
}

// appositiveParticiple says whether a speaker phrase and cue are an appositive noun
// phrase with a bare past participle and no agent ("…, a position reiterated during
// a recent briefing", "…, a view shared widely"): the noun is what was said, not
// who said it, so the clause stays the article's assertion.
func (m *mentionCtx) appositiveParticiple(mt mention, c cue, s sentence) bool {
	if !mt.common || c.c0 != c.head || mt.t0 <= s.t0 || m.toks[mt.t0-1].kind != tComma {
		return false
	}
	if !m.isAny(mt.t0, "a", "an") {
		return false
	}
	if !strings.HasSuffix(m.text[m.toks[c.head].start:m.toks[c.head].end], "ed") {
		return false
	}
	n := c.c1
	return n < s.t1 && m.toks[n].kind == tWord && m.toks[n].cls&(clsPrep|clsTime) != 0 && !m.is(n, "that")
}

// adjectivalIng says whether a bare -ing cue after "and" modifies the plain noun
// that follows it ("urgent and pressing issues") rather than continuing the
// sentence's verbs ("… and saying the other lacks …").
func (m *mentionCtx) adjectivalIng(c cue, limit int) bool {
	w := m.text[m.toks[c.head].start:m.toks[c.head].end]
	if c.c0 < c.head || !strings.HasSuffix(w, "ing") || c.c1 >= limit {
		return false
	}
	n := m.toks[c.c1]
	return n.kind == tWord && n.flags&fLower != 0 && !inQuote(n) && n.cls&^(clsAbstract|clsPlace) == 0
}

// acceptable says whether a phrase can be the speaker of cue c: a speaker-like
// phrase, or a plain "the speechwriter"-style phrase before a speech verb.
func (m *mentionCtx) acceptable(mt mention, c cue) bool {
	if m.toks[c.head].cls&clsDocVerb != 0 {
		for k := mt.t0; k < mt.t1; k++ {
			if m.toks[k].cls&clsDoc != 0 {
				return true
			}
		}
		return false // "the administration has shown little interest"
	}
	if m.isAny(c.head, "called", "named") && (mt.common || m.isAny(mt.t0, "a", "an", "another")) {
		return false // naming, not speech: "a group called Citizens for Trump"
	}
	if f := m.toks[mt.t0]; f.flags&fLower != 0 && f.cls&(clsDet|clsPronoun|clsNumber) == 0 && mt.t1 > mt.t0 &&
		strings.HasSuffix(m.text[m.toks[mt.t1-1].start:m.toks[mt.t1-1].end], "s") &&
		strings.HasSuffix(m.text[m.toks[c.head].start:m.toks[c.head].end], "s") {
		return false // a bare plural before a third-person verb is a compound: "news reports"
	}
	if mt.speakerLike() {
		return true
	}
	if mt.common && m.toks[c.head].cls&clsVerb != 0 {
		return true
	}
	return false
}

// docBefore looks left of a speaker phrase, within the clause, for the document noun
// a "show" cue needs when the phrase itself has none: "Surveys of caucus-goers taken
// as they entered caucus sites showed". It returns where the document's noun phrase
// starts, or -1 when the phrase has a document already or none is near.
func (m *mentionCtx) docBefore(mt mention, t0 int) int {
	for k := mt.t0; k < mt.t1; k++ {
		if m.toks[k].cls&clsDoc != 0 {
			return -1
		}
	}
	for k := mt.t0 - 1; k >= t0 && k >= mt.t0-maxSourceTokens; k-- {
		t := m.toks[k]
		if t.kind != tWord || inQuote(t) || t.cls&clsClause != 0 && t.flags&fLower != 0 {
			return -1
		}
		if t.cls&clsDoc != 0 {
			if a := m.phraseStart(k, t0); a <= k {
				return a
			}
			return k
		}
	}
	return -1
}

// finite says whether the cue verb at i can stand before its subject in inverted
// order ("said the minister", "says Smith"): a past form or a third-person -s form.
func (m *mentionCtx) finite(i int) bool {
	w := m.text[m.toks[i].start:m.toks[i].end]
	return isParticiple(w) || strings.HasSuffix(w, "s") || w == "wrote" || w == "thought"
}

// invertedSay says whether a bare "say" cue is inverted before its speaker
// ("The plan will fail, say economists"): a word, not a comma, follows it
// ("say, a dozen" is "for example").
func (m *mentionCtx) invertedSay(c cue) bool {
	return c.c0 == c.head && m.is(c.head, "say") && c.c1 < len(m.toks) && m.toks[c.c1].kind == tWord
}

// isTell says whether token i is a form of "tell", whose object is the listener:
// "“…,” told reporters" never names the speaker after the verb.
func (m *mentionCtx) isTell(i int) bool {
	return m.isAny(i, "told", "tells", "tell", "telling")
}

// subject sets r's speaker to the subject phrase opening sentence s (before token
// end), when it reads as a speaker.
func (m *mentionCtx) subject(r *relation, s sentence, end int) bool {
	sa, sb := m.sourceAfter(m.skipIntro(s, end), end)
	if sa >= sb {
		return false
	}
	r.src = m.analyze(sa, sb)
	return (r.src.speakerLike() || r.src.common) && r.src.pron != pronounRelative
}

// minClauseWords is the length from which the words before "X said" are read as its
// content rather than as an opening phrase ("Lashing out, Trump said …").
const minClauseWords = 6

// linkContent chooses, for a cue whose speaker phrase ends right before it and
// starts after token pre, whether the content follows the cue ("X said that …"),
// precedes it ("…, X said"), or surrounds it ("The plan, X argued, is …").
func (m *mentionCtx) linkContent(r *relation, s sentence, start, pre, limit int) bool {
	c := r.cue
	toks := m.toks
	k := m.contentAfterStart(c, limit)
	after := m.wordsIn(k, limit)
	if r.src.pron == pronounRelative {
		return after > 0 && m.setContent(r, k, limit) // ", who said …"
	}
	before := 0
	if pre >= start && isSeparator(toks[pre]) {
		before = m.wordsIn(start, pre)
	}
	if before == 0 {
		return after > 0 && m.setContent(r, k, limit)
	}
	quotedBefore := toks[pre].kind == tCloseQ || pre-1 >= start && toks[pre-1].kind == tCloseQ
	introduced := after > 0 && k < limit && (m.is(k, "that") || toks[k].kind == tOpenQ || toks[k-1].kind == tColon)
	switch {
	case quotedBefore:
	case introduced:
		return m.setContent(r, k, limit)
	case toks[pre].kind == tComma && after >= 2 && (m.isIntro(start, pre) ||
		toks[start].kind == tWord && toks[start].cls&(clsPrep|clsTime|clsClause) != 0 && toks[start].cls&clsDet == 0):
		// "In a session financed by …, a senior diplomat outlined …"
		return m.setContent(r, k, limit)
	case toks[pre].kind == tComma && c.c1 < limit && toks[c.c1].kind == tComma && after >= 2:
		return m.setContent(r, start, limit) // "The plan, he argued, is …"
	case before < minClauseWords && after >= 3 && !m.hasQuote(start, pre):
		return m.setContent(r, k, limit)
	}
	if !m.setContentBefore(r, s.t0, pre) {
		return false
	}
	m.quoteTail(r, c.c1, limit)
	return true
}

// quoteTail records the second half of a split quotation ("“A,” he said, “B.”") that
// starts after a comma at or after token k, as a continuation of r's content.
func (m *mentionCtx) quoteTail(r *relation, k, limit int) {
	for q := k; q < limit && q-k <= maxAdverbialTokens; q++ {
		t := m.toks[q]
		if t.kind == tOpenQ {
			if q > k && m.toks[q-1].kind == tComma {
				var tail relation
				if m.setContent(&tail, q, limit) {
					r.tail, r.tailKind = tail.content, tail.kind
				}
			}
			return
		}
		if t.kind != tWord && t.kind != tComma {
			return
		}
	}
}

// hasQuote says whether tokens [a,b) include a quotation mark.
func (m *mentionCtx) hasQuote(a, b int) bool {
	for k := a; k < b; k++ {
		if m.toks[k].kind == tOpenQ || m.toks[k].kind == tCloseQ {
			return true
		}
	}
	return false
}

// according links "according to X" before or after its content.
func (m *mentionCtx) according(r *relation, s sentence, start int, cues []cue, ci int) bool {
	c := r.cue
	// Anything up to the next punctuation names the source: "according to early
	// results of exit polls conducted for the AP".
	sa, sb := c.c1, c.c1
	for sb < s.t1 && sb-sa < maxAppositiveTokens && m.toks[sb].kind == tWord && !inQuote(m.toks[sb]) {
		sb++
	}
	if sa >= sb {
		return false
	}
	r.src = m.analyze(sa, sb)
	p := c.c0 - 1
	if p >= s.t0 && isSeparator(m.toks[p]) && m.wordsIn(s.t0, p) >= 2 {
		return m.setContentBefore(r, s.t0, p)
	}
	k := sb
	if k < s.t1 && m.toks[k].kind == tComma {
		k++
	}
	return m.setContent(r, k, m.contentLimit(s, cues, ci, k))
}

// poll links "in <a poll>" (the cue's head is the token after the poll noun): the
// poll is the source, the clause before it the content ("Clinton held a 24-point
// lead among black voters in a CNN national poll"), or the clause after it when the
// phrase opens the sentence or stands before its verb.
func (m *mentionCtx) poll(r *relation, s sentence, start int) bool {
	c := r.cue
	r.src = m.analyze(c.c1, c.head)
	a := max(start, s.t0)
	for k := c.c0 - 1; k > a; k-- {
		if t := m.toks[k]; t.kind == tSemi || t.kind == tColon || t.kind == tDash {
			a = k + 1
			break
		}
	}
	if m.wordsIn(a, c.c0) >= 3 {
		return m.setContent(r, a, c.c0)
	}
	return m.setContent(r, c.head, s.t1)
}

// passive links a participle with a "by" agent: "…, a point highlighted by X"
// (content is the clause before the comma), "This approach was underscored by X"
// and "The remarks, reported by TASS, …" (content is the subject noun phrase), or
// "He was told by aides that …" (content after the agent). The agent is the speaker.
func (m *mentionCtx) passive(r *relation, s sentence, start int) bool {
	c := r.cue
	sa, sb := m.agentPhrase(c.agent+1, s.t1)
	if sa >= sb {
		return false
	}
	src := m.analyze(sa, sb)
	if !src.speakerLike() && !src.common {
		return false
	}
	lo := max(start, s.t0)
	if m.bePassive(c) {
		r.src = src
		if sb < s.t1 && (m.is(sb, "that") || m.toks[sb].kind == tColon) {
			return m.setContent(r, sb, s.t1)
		}
		p := c.c0 - 1
		if p >= lo && m.toks[p].kind == tWord && !inQuote(m.toks[p]) {
			if a := m.phraseStart(p, lo); a <= p {
				return m.setContent(r, a, c.c0)
			}
		}
		return m.setContent(r, lo, c.c0) // “American Skin,” was written by …
	}
	for j := c.c0 - 1; j >= start && j >= c.c0-4; j-- {
		if m.toks[j].kind == tComma || m.toks[j].kind == tOpenParen {
			r.src = src
			if m.wordsIn(start, j) < 3 {
				// "The remarks, reported by TASS, signaled …": a subject noun phrase.
				if j-1 < lo || m.toks[j-1].kind != tWord || m.phraseStart(j-1, lo) != lo || lo != s.t0 {
					return false
				}
				return m.setContent(r, lo, j)
			}
			return m.setContentBefore(r, start, j)
		}
		if m.toks[j].kind != tWord {
			return false
		}
	}
	return false
}

// agentPhrase finds the speaker phrase after a passive's "by", which may open with
// an adjective or noun modifier ("by local residents", "by union leaders").
func (m *mentionCtx) agentPhrase(k, t1 int) (int, int) {
	sa, sb := m.sourceAfter(k, t1)
	if sa < sb || k+1 >= t1 {
		return sa, sb
	}
	if t := m.toks[k]; t.kind == tWord && t.flags&fLower != 0 && !inQuote(t) &&
		t.cls&(clsVerb|clsAux|clsClause|clsConj|clsPrep|clsTime|clsAbstract) == 0 {
		if sa, sb = m.sourceAfter(k+1, t1); sa < sb {
			return k, sb
		}
	}
	return 0, 0
}

// bePassive says whether a passive cue has a form of "be" among its auxiliaries
// ("was underscored", "has been criticized"): its subject is what was said.
func (m *mentionCtx) bePassive(c cue) bool {
	for k := c.c0; k < c.head; k++ {
		switch string(m.lowBytes(m.toks[k])) {
		case "was", "were", "is", "are", "be", "been", "being", "'s":
			return true
		}
	}
	return false
}

// maxLimitCues bounds how many later cues of a sentence contentLimit inspects.
const maxLimitCues = 4

// contentLimit is the token where the content after cue ci, starting after token
// from, must stop: the sentence end, or the start of a coordinated second
// attribution ("…, while Y said …").
func (m *mentionCtx) contentLimit(s sentence, cues []cue, ci, from int) int {
	toks := m.toks
	for ni, n := range cues[ci+1:] {
		if ni >= maxLimitCues {
			break
		}
		p := n.c0 - 1
		if p <= from {
			continue
		}
		if toks[p].kind == tComma || toks[p].kind == tSemi || toks[p].kind == tDash {
			return p
		}
		a, b := m.sourceBefore(n.c0, from)
		if a < b && !m.analyze(a, b).speakerLike() {
			continue
		}
		if a >= b {
			if n.kind == cueAccording && toks[p].kind == tComma {
				return p
			}
			continue
		}
		q := a - 1
		if q > from && (toks[q].kind == tComma || toks[q].kind == tSemi ||
			toks[q].cls&(clsConj) != 0 || m.isAny(q, "with", "while", "as")) {
			return q
		}
	}
	return s.t1
}

// contentAfterStart skips what stands between a cue and its content: the listener
// of "told", adverbials ("on Tuesday,", "in a statement"), a comma or colon, and a
// short object before a colon ("outlined a road map: …").
func (m *mentionCtx) contentAfterStart(c cue, limit int) int {
	toks := m.toks
	k := c.c1
	if k >= limit {
		return k
	}
	if toks[c.head].cls&clsTell != 0 {
		if q := m.findAhead(k, limit, 8, "that"); q >= 0 {
			return q
		}
		for n := 0; k < limit && n < 4 && toks[k].kind == tWord && !inQuote(toks[k]) &&
			(toks[k].flags&fCap != 0 || toks[k].cls&(clsPronoun|clsGroup) != 0 || n == 0 && toks[k].cls&clsDet != 0); n++ {
			// a determiner only opens the listener ("told the committee"); after it
			// one starts the content ("told reporters the trail would …")
			k++
		}
	}
	if k < limit && toks[k].kind == tWord && toks[k].cls&(clsPrep|clsTime) != 0 && !m.is(k, "that") {
		for q := k + 1; q < limit && q-k <= maxAdverbialTokens; q++ {
			t := toks[q]
			if t.kind == tComma {
				k = q
				break
			}
			if m.is(q, "that") || t.kind == tOpenQ {
				k = q
				break
			}
			if t.kind != tWord {
				break
			}
		}
	}
	if k < limit && (toks[k].kind == tComma || toks[k].kind == tColon) {
		k++
	}
	for q := k; q < limit && q-k <= 8; q++ {
		t := toks[q]
		if t.kind == tColon && !inQuote(t) {
			return q + 1
		}
		if t.kind == tStop || t.kind == tOpenQ || m.is(q, "that") {
			break
		}
	}
	return k
}

// findAhead returns the index of word w within n tokens after k (stopping at
// sentence punctuation and quotes), or -1.
func (m *mentionCtx) findAhead(k, limit, n int, w string) int {
	for q := k; q < limit && q-k < n; q++ {
		t := m.toks[q]
		if t.kind == tStop || t.kind == tOpenQ || t.kind == tColon || inQuote(t) {
			return -1
		}
		if m.is(q, w) {
			return q
		}
	}
	return -1
}

// setContent sets r.content to tokens [a,b) less trailing punctuation outside
// quotes and dangling conjunctions; false when nothing is left.
func (m *mentionCtx) setContent(r *relation, a, b int) bool {
	toks := m.toks
	for b > a {
		t := toks[b-1]
		if t.kind == tCloseQ || t.kind == tCloseParen || t.kind == tWord && !m.dangling(b-1) {
			break
		}
		if t.kind == tStop && inQuote(t) && b-1 > a {
			break
		}
		b--
	}
	for a < b && (toks[a].kind == tComma || toks[a].kind == tColon || toks[a].kind == tDash || toks[a].kind == tCloseQ) {
		a++
	}
	if a >= b || m.wordsIn(a, b) == 0 {
		return false
	}
	r.content = Span{int(toks[a].start), int(toks[b-1].end)}
	r.kind = m.quoteKind(a, b)
	return true
}

// quoteKind classifies tokens [a,b) by their quotation marks: all words inside
// quotation (direct), some (mixed) or none (indirect). It runs in constant time on
// the block's prefix counts.
func (m *mentionCtx) quoteKind(a, b int) claim.AttributionKind {
	marks := m.qmarks[b] - m.qmarks[a]
	quotedWords := m.qwords[b] - m.qwords[a]
	switch {
	case marks == 0 && quotedWords == 0:
		return claim.AttributionIndirect
	case int(quotedWords) == m.wordsIn(a, b):
		return claim.AttributionDirect
	}
	return claim.AttributionMixed
}

// dangling says whether word i, left at the end of a content span cut before a
// second attribution, belongs to that attribution ("…, and", "…, with").
func (m *mentionCtx) dangling(i int) bool {
	return m.toks[i].cls&clsConj != 0 || m.isAny(i, "with", "while", "as")
}

// setContentBefore sets the content to the clause before separator token sep.
func (m *mentionCtx) setContentBefore(r *relation, start, sep int) bool {
	end := sep
	if m.toks[sep].kind == tCloseQ {
		end = sep + 1
	}
	return m.setContent(r, start, end)
}
