package extractor

import (
	"sort"
	"strings"

	"github.com/claimsvc/claimsvc/internal/learn"
)

// Stage 4c: decisions. The rules of attribute.go propose relations with high
// recall; the learned attribution model (model.go) then decides, for each:
//
//  1. whether it is an attribution at all (the cue classifier: "is charged
//     with", "is expected", a request "asked to" are dropped);
//  2. where its speaker phrase starts and ends, among candidates around the
//     rules' phrase (appositives, party–state tags, closing commas);
//  3. where its content starts and ends, among candidates at clause and
//     punctuation boundaries around the rules' content.
//
// Takes: a sentence, its cues and the rules' relations. Returns: the relations
// kept, with srcSpan and content set from the chosen candidates; every span is
// a whole-token byte range of the text, so it slices the input exactly.

// maxCandidateReach bounds how far a candidate boundary may move from the
// rules' boundary, in tokens, so the work per relation stays constant.
const maxCandidateReach = 32

// maxCandidates bounds the candidates of one decision.
const maxCandidates = 48

// decider holds the scratch buffers of the decisions in one Extract call.
type decider struct {
	feats featBuf
	cands [][2]int
}

// decide applies model md to the relations of sentence s and returns the ones
// kept (filtered in place).
func (d *decider) decide(md *attrModel, m *mentionCtx, s sentence, cues []cue, rels []relation) []relation {
	out := rels[:0]
	for _, r := range rels {
		if judged(r.cue) {
			d.feats.scoreFrom(md.keep, md.keepBias) // keepScore, summed as the features come
			m.cueFeatures(s, &r, &d.feats)
			z := d.feats.sum
			d.feats.scoreFrom(nil, 0)
			if learn.Sigmoid(z) < md.keepThreshold {
				continue
			}
		}
		ca, cb := m.tokRange(r.content, s.t0, s.t1)
		if r.src.t0 < r.src.t1 {
			d.cands = m.srcCandidates(s, &r, ca, cb, d.cands[:0])
			if best := d.choose(md.src, m, s, &r, r.src.t0, r.src.t1, cues); best[0] < best[1] {
				r.srcSpan = m.tokSpan(best[0], best[1])
			}
		}
		if r.tail.Empty() && ca < cb {
			sa, sb := r.src.t0, r.src.t1
			d.cands = m.contentCandidates(s, &r, ca, cb, sa, sb, cues, d.cands[:0])
			if best := d.choose(md.content, m, s, &r, ca, cb, cues); best[0] < best[1] {
				r.content = m.tokSpan(best[0], best[1])
				r.kind = m.quoteKind(best[0], best[1])
			}
		}
		out = append(out, r)
	}
	return out
}

// judged says whether the cue classifier decides on a cue: verb cues, where
// the rules over-fire ("is charged with", "asked to"); "according to", passive
// "by X" and colon constructions are precise as the rules find them.
func judged(c cue) bool { return c.kind == cueVerb }

// choose scores d.cands with ranking weights w and returns the best (the
// rules' own range [a,b) on ties, as it comes first).
func (d *decider) choose(w []float32, m *mentionCtx, s sentence, r *relation, a, b int, cues []cue) [2]int {
	best, bestS := [2]int{}, 0.0
	d.feats.scoreFrom(w, 0)
	for k, c := range d.cands {
		d.feats.sum = 0 // the sum of w over the candidate's features
		m.spanFeatures(s, r, c[0], c[1], a, b, cues, &d.feats)
		if sc := d.feats.sum; k == 0 || sc > bestS {
			best, bestS = c, sc
		}
	}
	d.feats.scoreFrom(nil, 0)
	return best
}

// tokSpan is the byte range of tokens [a,b).
func (m *mentionCtx) tokSpan(a, b int) Span {
	return Span{int(m.toks[a].start), int(m.toks[b-1].end)}
}

// overlaps says whether token ranges [a,b) and [c,d) share a token.
func overlaps(a, b, c, d int) bool { return a < d && c < b }

// boundary says whether a span may end before token e of [lo,hi): at the
// sentence's end, next to a mark, or before a coordinator or clause opener.
func (m *mentionCtx) boundary(e, lo, hi int) bool {
	if e >= hi || e <= lo {
		return e == hi
	}
	p, n := m.toks[e-1], m.toks[e]
	return p.kind != tWord || n.kind != tWord || n.cls&(clsConj|clsClause) != 0
}

// contentAfterCue is the content the rules would read after r's cue, up to
// the next cue's reach, as tokens [x,y); x >= y when there is none.
func (m *mentionCtx) contentAfterCue(s sentence, r *relation, cues []cue, sa, sb int) (int, int) {
	ci := sort.Search(len(cues), func(i int) bool { return cues[i].c0 >= r.cue.c0 })
	if ci >= len(cues) || cues[ci].c0 != r.cue.c0 {
		return 0, 0
	}
	limit := m.contentLimit(s, cues, ci, r.cue.c1)
	k := m.contentAfterStart(r.cue, limit)
	if sb > k && sa < limit {
		k = sb // an inverted speaker after the cue: the content starts after it
	}
	var tmp relation
	if k >= limit || m.wordsIn(k, limit) < 2 || !m.setContent(&tmp, k, limit) {
		return 0, 0
	}
	return m.tokRange(tmp.content, s.t0, s.t1)
}

// clauseCut says whether content may end before token y (inside the rules'
// content, which ends at cb): before a semicolon, dash, parenthesis or colon,
// a coordinator or clause opener, or a comma that introduces one, a relative
// clause, an -ing clause or another cue.
func (m *mentionCtx) clauseCut(y, cb int, cues []cue) bool {
	t := m.toks[y]
	switch t.kind {
	case tSemi, tDash, tOpenParen, tColon:
		return true
	case tWord:
		return t.cls&(clsConj|clsClause) != 0
	case tComma:
	default:
		return false
	}
	n := y + 1
	if n >= cb {
		return true
	}
	if otherCueIn(cues, n, n+2, -1) {
		return true
	}
	nt := m.toks[n]
	if nt.kind != tWord {
		return nt.kind == tOpenQ
	}
	w := m.text[nt.start:nt.end]
	return nt.cls&(clsConj|clsClause) != 0 || m.isAny(n, "which", "who", "whose") ||
		len(w) > 4 && w[len(w)-3:] == "ing"
}

// skippable says whether tokens [a,b) are only marks, clause openers or
// sentence openers ("that", ",", "But"): what a content start may move over.
func (m *mentionCtx) skippable(a, b int) bool {
	for k := a; k < b; k++ {
		if t := m.toks[k]; t.kind == tWord && t.cls&(clsClause|clsIntro|clsConj) == 0 {
			return false
		}
	}
	return true
}

// srcCandidates appends the candidate ranges for r's speaker phrase: the rules'
// phrase first, then other starts near it and ends at boundaries up to the cue
// or the content, never overlapping either.
func (m *mentionCtx) srcCandidates(s sentence, r *relation, ca, cb int, dst [][2]int) [][2]int {
	a, b, c := r.src.t0, r.src.t1, r.cue
	limit := s.t1
	if b <= c.c0 {
		limit = c.c0
	}
	if ca >= b && ca < limit {
		limit = ca
	}
	ok := func(x, y int) bool {
		return x >= s.t0 && x < y && y <= limit && !overlaps(x, y, c.c0, c.c1) && !overlaps(x, y, ca, cb)
	}
	dst = append(dst, [2]int{a, b})
	// every boundary end with the rules' start, then other starts with the
	// rules' end or one token either side
	relative := false
	for y := max(a+1, b-2); y <= min(limit, b+maxCandidateReach) && len(dst) < maxCandidates; y++ {
		if y > b {
			// an extension may hold an appositive or a relative clause, never the
			// verb of a clause ("The remarks, reported by TASS, signaled …")
			t := m.toks[y-1]
			w := m.text[t.start:t.end]
			if m.isAny(y-1, "who", "which", "whose", "that") {
				relative = true
			}
			if !relative && t.kind == tWord && t.flags&fLower != 0 && (t.cls&(clsVerb|clsAux) != 0 || strings.HasSuffix(w, "ed")) {
				break
			}
		}
		if y != b && ok(a, y) && m.boundary(y, s.t0, s.t1) {
			dst = append(dst, [2]int{a, y})
		}
	}
	for x := a - 1; x <= a+3 && x < b; x++ {
		for y := b - 1; y <= b+1 && x != a && len(dst) < maxCandidates; y++ {
			if ok(x, y) {
				dst = append(dst, [2]int{x, y})
			}
		}
	}
	// starts further left, after a separator: the name before an appositive the
	// rules took ("Scott Pruitt, the attorney general of Oklahoma,")
	for x := a - 2; x >= max(s.t0, a-maxSourceReachLeft) && len(dst) < maxCandidates; x-- {
		if x > s.t0 && !isSeparator(m.toks[x-1]) {
			continue
		}
		for _, y := range [2]int{b, b + 1} {
			if ok(x, y) {
				dst = append(dst, [2]int{x, y})
			}
		}
	}
	return dst
}

// maxSourceReachLeft bounds how far left of the rules' phrase a speaker phrase
// may start.
const maxSourceReachLeft = 12

// contentCandidates appends the candidate ranges for r's content: the rules'
// content first, then starts near it and ends at boundaries around its end,
// never overlapping the cue or the speaker phrase [sa,sb).
func (m *mentionCtx) contentCandidates(s sentence, r *relation, ca, cb, sa, sb int, cues []cue, dst [][2]int) [][2]int {
	c := r.cue
	ok := func(x, y int) bool {
		return x >= s.t0 && x < y && y <= s.t1 && !overlaps(x, y, c.c0, c.c1) && !overlaps(x, y, sa, sb) &&
			m.wordsIn(x, y) > 0
	}
	dst = append(dst, [2]int{ca, cb})
	for y := max(ca+1, cb-maxCandidateReach); y <= min(s.t1, cb+maxCandidateReach) && len(dst) < maxCandidates; y++ {
		if y == cb || y != cb+1 && y != cb-1 && !m.boundary(y, s.t0, s.t1) || !ok(ca, y) {
			continue
		}
		if y < cb-1 && !m.clauseCut(y, cb, cues) {
			continue // content is cut short only where a clause ends, never inside a phrase ("that broad, meaningful …")
		}
		dst = append(dst, [2]int{ca, y})
	}
	if cb <= c.c0 && len(dst) < maxCandidates {
		// The rules read the words before the cue as its content ("Speaking at a
		// rally in Ohio, Trump said he …"); the words after it are the other reading.
		if x, y := m.contentAfterCue(s, r, cues, sa, sb); x < y {
			dst = append(dst, [2]int{x, y})
		}
	}
	n := len(dst)
	for x := ca - 1; x <= ca+3 && x < cb; x++ {
		if x == ca || x < s.t0 || !m.skippable(min(x, ca), max(x, ca)) {
			continue // a start moves only over marks and clause words ("that"), never over content words
		}
		for k := 0; k < n && len(dst) < maxCandidates; k++ {
			if y := dst[k][1]; (y >= cb-1 && y <= cb+1 || k == 0) && ok(x, y) {
				dst = append(dst, [2]int{x, y})
			}
		}
	}
	return dst
}
