package scoring

import (
	"math"
	"sort"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/claimtype"
	"github.com/claimsvc/claimsvc/internal/tokens"
)

// scratch holds the per-call buffers of one scoring call; pooled so scoring a
// sentence allocates only the cues it returns.
type scratch struct {
	lower tokens.Lowerer // lowered capitalised words of toks and cueToks
	toks  []token
	info  []tokInfo // word-table entries of toks
	types []uint32  // claimtype word masks of toks (wordSlot.typ)
	// sent is the sentence whose tokens, word-table entries and cue
	// candidates toks, info and cands hold (sentenceTokens), "" when they hold
	// something else: claims of one sentence, scored one after another on
	// the same scratch, read it once.
	sent string
	// cueToks and buf tokenise and join an attribution cue known only by text.
	cueToks []token
	buf     []byte
	cands   []candidate
	negs    bool // whether toks hold a negator (sentenceTokens)
	ev      []Evidence
	// cues are the reported cues while they are collected (finish copies them out).
	cues []claim.HedgeCue
	// weak are the hedge candidates whose cue probability fell below the cue
	// threshold: not reported unless they are all that makes a claim uncertain.
	weak []claim.HedgeCue
	// blocks hands out the reasons and cues the results keep.
	blocks blocks
	// typing holds the claim typer's buffers (classify): pooled with the
	// rest, a claim's typing takes none from the typer's own pool.
	typing claimtype.Buffers
	// sum is checkTokens' check-worthiness sum: kept here, it is not a local
	// of several hundred bytes that Go zeroes for every claim (sum resets
	// only what it reads).
	sum checkSum
}

// Hedge scores how tentatively sentence is asserted and returns the cues that
// produced the score, with spans into sentence.
func (s *Scorer) Hedge(sentence string) claim.Hedging {
	sc := s.getScratch()
	defer s.putScratch(sc)
	s.sentenceTokens(sc, sentence)
	sc.ev, sc.weak = sc.ev[:0], sc.weak[:0]
	cues := sc.cues[:0]
	for _, c := range sc.cands {
		cue, ok := s.evidence(sc, sentence, c, 0)
		cues = sc.keep(cues, cue, ok)
	}
	s.negations(sc, 0, len(sc.toks))
	return s.finish(sc, cues)
}

// evidence weighs candidate c of the tokens in sc and adds it to sc.ev: a booster
// or limitation cue with its fixed strength, a hedge candidate with its cue-model
// logit. It returns the cue to report, with its span shifted by offset, when the
// candidate counts as a cue.
func (s *Scorer) evidence(sc *scratch, text string, c candidate, offset int) (claim.HedgeCue, bool) {
	start, end := sc.toks[c.i].Start, sc.toks[c.j-1].End
	cue := claim.HedgeCue{Text: text[start:end], Span: claim.Span{Start: start + offset, End: end + offset}, Kind: c.p.class}
	if isFixed(c.p.class) {
		if c.p.class == ClassBooster && negatedBefore(sc.toks, c.i) {
			return cue, false // "not confirmed", "never proved": no longer a boost
		}
		sc.ev = append(sc.ev, Evidence{Class: c.p.class, Strength: math.Abs(c.p.prior)})
		cue.Weight = c.p.prior
		return cue, true
	}
	z := s.cueLogit(sc, c)
	sc.ev = append(sc.ev, Evidence{Class: c.p.class, Logit: z})
	p := sigmoid(clip(z, -30, 30))
	cue.Weight = p
	return cue, p >= s.hedge.cueThreshold
}

// minWeakCue is the least probability a weak candidate needs to be named as a
// reason: below it a word did not make anything uncertain.
const minWeakCue = 0.1

// keep appends cue to cues when it counts (ok), and remembers a hedge candidate
// below the cue threshold as weak evidence that finish may still have to name.
func (sc *scratch) keep(cues []claim.HedgeCue, cue claim.HedgeCue, ok bool) []claim.HedgeCue {
	switch {
	case ok:
		return append(cues, cue)
	case cue.Weight >= minWeakCue:
		cue.Weak = true
		sc.weak = append(sc.weak, cue)
	}
	return cues
}

// cueLogit is the learned cue model's log-odds that candidate c is a hedge cue.
func (s *Scorer) cueLogit(sc *scratch, c candidate) float64 {
	var hashes [maxCueFeats]uint64 // on the stack: no allocation
	z := s.hedge.cueBias
	n := featureHashes(sc.toks, c, &hashes)
	for k := range n {
		z += s.hedge.table.get(hashes[k])
	}
	return z
}

// negations adds a negator to the evidence when tokens [i, j) hold one.
func (s *Scorer) negations(sc *scratch, i, j int) {
	for k := i; k < j; k++ {
		if sc.toks[k].Neg {
			sc.ev = append(sc.ev, Evidence{Class: ClassNegator, Strength: 1})
			return
		}
	}
}

// finish maps the collected evidence to the score through the sentence layer;
// cues (collected in sc.cues) are copied into the result.
//
// An uncertain verdict always names what made it so, and only a hedge makes it:
//   - the score must reach the threshold and the evidence must hold a hedge
//     candidate (a modal, speculative verb, adverb, conditional, weak
//     attribution) of probability at least minWeakCue (HasHedgeEvidence).
//     Approximators and limitations ("about thirty minutes", "further research")
//     grade the score but never make a claim uncertain alone; such a score is
//     held just under the threshold.
//   - the layer also weighs hedge candidates below the cue threshold (several
//     weak modals add up), so when no reported cue hedges, those weak candidates
//     are reported too, with their probability as weight.
func (s *Scorer) finish(sc *scratch, cues []claim.HedgeCue) claim.Hedging {
	x := layerFeatures(sc.ev, s.hedge.cueThreshold)
	var z float64
	for k, w := range s.hedge.layer {
		z += w * x[k]
	}
	score := sigmoid(clip(z, -30, 30))
	if math.IsNaN(score) {
		score = 0
	}
	uncertain := score >= s.hedge.threshold
	if uncertain && !HasHedgeEvidence(sc.ev) {
		uncertain, score = false, math.Nextafter(s.hedge.threshold, 0)
	}
	sc.cues = cues // the scratch's buffer: the result gets its own copy
	switch {
	case uncertain && !hedges(cues) && len(sc.weak) > 0:
		cues = mergeByStart(cues, sc.weak)
	default:
		cues = sc.blocks.copyCues(cues) // nil for none
	}
	return claim.Hedging{Score: score, Uncertain: uncertain, Cues: cues}
}

// HasHedgeEvidence reports whether the evidence holds a hedge candidate (not a
// booster, approximator, limitation or negator) of probability at least
// minWeakCue: what an uncertain verdict needs. The trainer calls it to choose
// the threshold on the verdicts the scorer will give.
func HasHedgeEvidence(ev []Evidence) bool {
	for _, e := range ev {
		if Speculative(e.Class) && sigmoid(clip(e.Logit, -30, 30)) >= minWeakCue {
			return true
		}
	}
	return false
}

// hedges reports whether any reported cue is a hedge (a speculative cue with a
// positive weight).
func hedges(cues []claim.HedgeCue) bool {
	for _, c := range cues {
		if c.Weight > 0 && Speculative(c.Kind) {
			return true
		}
	}
	return false
}

// mergeByStart appends more to cues keeping the result in text order.
func mergeByStart(cues, more []claim.HedgeCue) []claim.HedgeCue {
	if len(more) == 0 {
		return cues
	}
	out := make([]claim.HedgeCue, 0, len(cues)+len(more))
	out = append(append(out, cues...), more...)
	sort.SliceStable(out, func(a, b int) bool { return out[a].Span.Start < out[b].Span.Start })
	return out
}

// CueThreshold is the cue probability at or above which a hedge candidate is a
// cue in the Szeged sense; reported cues below it are weak candidates named
// only because together they made a claim uncertain.
func (s *Scorer) CueThreshold() float64 { return s.hedge.cueThreshold }

// HedgeThreshold is the default threshold: a score at or above it is uncertain.
func (s *Scorer) HedgeThreshold() float64 { return s.hedge.threshold }
