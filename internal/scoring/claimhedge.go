package scoring

import (
	"math"
	"unicode/utf8"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// hedgeClaim scores the claim, not its whole sentence. Cues inside the claim's
// content count in full: they are the speaker's own hedges ("the talks may
// resume"). Outside the content only the reporter's qualifiers of the report
// itself count ("reportedly", "allegedly", boosters such as "clearly"): a modal,
// a speculative verb or a conditional there belongs to another clause or to
// another speaker's words ("'Talks may resume,' he said, but she insisted they
// were over" — "may" does not hedge her claim). The attribution
// cue weighs by its meaning: "claimed", "alleged", "suggested" weaken at least by
// their lexicon prior; "made clear", "confirmed", "asserted" strengthen. Cue spans
// point into text.
//
// It leaves the sentence's tokens in sc.toks and returns the range [i, j) of
// those inside the content and the sentence's start in text (the tokens'
// offsets are relative to it), so Score can reuse them; ok is false when the
// claim's spans are unusable and the hedging was scored on c.Text instead.
func (s *Scorer) hedgeClaim(sc *scratch, text string, c *claim.Claim) (h claim.Hedging, i, j, base int, ok bool) {
	content, ok := validSpan(text, c.Span)
	if !ok {
		h := s.Hedge(c.Text)
		for i := range h.Cues { // the spans would point into c.Text, not the article
			h.Cues[i].Span = claim.Span{}
		}
		return h, 0, 0, 0, false
	}
	ctx := content
	if sent, ok := validSpan(text, c.Sentence); ok && sent.Start <= content.Start && content.End <= sent.End {
		ctx = sent
	}
	cueSpan, cueOK := validSpan(text, c.Attribution.CueSpan)
	sentence := text[ctx.Start:ctx.End]

	s.sentenceTokens(sc, sentence)
	sc.ev, sc.weak = sc.ev[:0], sc.weak[:0]
	cues := sc.cues[:0]
	cueSeen := false
	for _, cand := range sc.cands {
		start, end := ctx.Start+sc.toks[cand.i].Start, ctx.Start+sc.toks[cand.j-1].End
		floor := cand.p.distFloor
		switch {
		case start >= content.Start && end <= content.End:
		case cueOK && start < cueSpan.End && cueSpan.Start < end:
			cueSeen = true
			floor = cand.p.attrFloor
		case framingCue(cand.p.class):
		default:
			continue
		}
		cue, ok := s.evidenceFloor(sc, sentence, cand, ctx.Start, floor)
		cues = sc.keep(cues, cue, ok)
	}
	i = firstFrom(sc.toks, content.Start-ctx.Start)
	j = i + firstEndingAfter(sc.toks[i:], content.End-ctx.Start)
	if sc.negs {
		s.negations(sc, i, j) // a negator inside the content
	}
	if !cueSeen && c.Attribution.Cue != "" {
		if cue, ok, found := s.attributionText(sc, c.Attribution.Cue); found {
			cues = sc.keep(cues, cue, ok)
		}
	}
	return s.finish(sc, cues), i, j, ctx.Start, true
}

// firstFrom is the index of the first token starting at or after offset
// (len(toks) when none does); the tokens are in text order, so it halves.
func firstFrom(toks []token, offset int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if toks[m].Start >= offset {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// firstEndingAfter is the index of the first token ending after offset
// (len(toks) when none does); the tokens are in text order, so their ends
// ascend and it halves.
func firstEndingAfter(toks []token, offset int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if toks[m].End > offset {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// framingCue reports whether a cue of this class outside the content still
// qualifies the claim.
func framingCue(class string) bool {
	switch class {
	case ClassAdverb, ClassWeakAttribution, ClassBooster, ClassNegatedHedge:
		return true
	}
	return false
}

// attributionFloor is the least logit a hedge word gets when it is the claim's
// own reporting cue: "claimed", "suggested" and "believes" always distance the
// reporter from the content, whatever the corpus-trained context model says.
func attributionFloor(p *phrase) float64 {
	if p.prior <= 0 || isFixed(p.class) {
		return math.Inf(-1)
	}
	return math.Log(p.prior / (1 - math.Min(p.prior, 0.99)))
}

// distancingFloor is the least logit of a word a news reader always takes as the
// writer keeping distance — "reportedly", "allegedly", "so-called", "purported",
// "claimed": lexicon adverbs and weak attributions with a prior of at least 0.6.
// The Szeged annotators rarely marked some of them ("so-called", "claimed"), so
// the corpus-trained cue model alone under-weighs them; sentence-level Hedge,
// which is graded against that corpus, does not apply this floor.
func distancingFloor(p *phrase) float64 {
	if (p.class == ClassAdverb || p.class == ClassWeakAttribution) && p.prior >= 0.6 {
		return attributionFloor(p)
	}
	return math.Inf(-1)
}

// evidenceFloor is evidence with the candidate's logit raised to at least floor.
func (s *Scorer) evidenceFloor(sc *scratch, text string, c candidate, offset int, floor float64) (claim.HedgeCue, bool) {
	if math.IsInf(floor, -1) {
		return s.evidence(sc, text, c, offset)
	}
	n := len(sc.ev)
	cue, ok := s.evidence(sc, text, c, offset)
	if len(sc.ev) > n && !isFixed(sc.ev[n].Class) && sc.ev[n].Logit < floor {
		sc.ev[n].Logit = floor
		cue.Weight = sigmoid(floor)
		ok = sigmoid(floor) >= s.hedge.cueThreshold
	}
	return cue, ok
}

// attributionText adds the evidence of an attribution cue known only by its
// text (no usable span): the lexicon entry for the whole cue, if any. It returns
// the cue to report (with an empty span: its place is unknown), whether it
// counts, and whether the lexicon knew it.
func (s *Scorer) attributionText(sc *scratch, text string) (cue claim.HedgeCue, ok, found bool) {
	sc.cueToks = sc.tokenize(text, sc.cueToks)
	buf := sc.buf[:0]
	for k, t := range sc.cueToks {
		if k > 0 {
			buf = append(buf, ' ')
		}
		buf = append(buf, t.Lower...)
	}
	sc.buf = buf
	e, found := s.lex.entries[string(buf)] // the words joined by single spaces
	if !found && len(sc.cueToks) > 0 {
		e, found = s.lex.entries[sc.cueToks[len(sc.cueToks)-1].Lower] // "has claimed", "had suggested"
	}
	cue = claim.HedgeCue{Text: text, Kind: e.class, Weight: e.prior}
	switch {
	case !found:
		return cue, false, false
	case isFixed(e.class):
		sc.ev = append(sc.ev, Evidence{Class: e.class, Strength: math.Abs(e.prior)})
		return cue, true, true
	case e.prior > 0:
		z := attributionFloor(&phrase{class: e.class, prior: e.prior})
		sc.ev = append(sc.ev, Evidence{Class: e.class, Logit: z})
		cue.Weight = sigmoid(z)
		return cue, cue.Weight >= s.hedge.cueThreshold, true
	}
	return cue, false, false
}

// validSpan reports whether sp slices text on UTF-8 boundaries, returning it.
func validSpan(text string, sp claim.Span) (claim.Span, bool) {
	if sp.Start < 0 || sp.End > len(text) || sp.Empty() {
		return sp, false
	}
	if sp.Start < len(text) && !utf8.RuneStart(text[sp.Start]) || sp.End < len(text) && !utf8.RuneStart(text[sp.End]) {
		return sp, false
	}
	return sp, true
}
