package scoring

import (
	"math"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// scratch holds the per-call buffers of one scoring call; pooled so scoring a
// sentence allocates only the cues it returns.
type scratch struct {
	toks  []token
	cands []candidate
	ev    []Evidence
	words []string
}

// Hedge scores how tentatively sentence is asserted and returns the cues that
// produced the score, with spans into sentence.
func (s *Scorer) Hedge(sentence string) claim.Hedging {
	sc := s.getScratch()
	defer s.putScratch(sc)
	sc.toks = tokenize(sentence, sc.toks)
	sc.cands = s.finder.find(sc.toks, sc.cands[:0])
	sc.ev = sc.ev[:0]
	var cues []claim.HedgeCue
	for _, c := range sc.cands {
		if cue, ok := s.evidence(sc, sentence, c, 0); ok {
			cues = append(cues, cue)
		}
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
		if c.p.class == ClassBooster && s.negated(sc.toks, c.i) {
			return cue, false // "not confirmed", "never proved": no longer a boost
		}
		sc.ev = append(sc.ev, Evidence{Class: c.p.class, Strength: math.Abs(c.p.prior)})
		cue.Weight = c.p.prior
		return cue, true
	}
	z := s.cueLogit(sc, c)
	sc.ev = append(sc.ev, Evidence{Class: c.p.class, Logit: z})
	p := sigmoid(clip(z, -30, 30))
	if p < s.hedge.cueThreshold {
		return cue, false
	}
	cue.Weight = p
	return cue, true
}

// cueLogit is the learned cue model's log-odds that candidate c is a hedge cue.
func (s *Scorer) cueLogit(sc *scratch, c candidate) float64 {
	var feats [maxCueFeats]cueFeat // on the stack: no write barriers, no allocation
	z := s.hedge.cueBias
	n := s.finder.features(sc.toks, c, &feats)
	for k := 0; k < n; k++ {
		z += s.hedge.weights[feats[k].hash(c.p)]
	}
	return z
}

// negations adds a negator to the evidence when tokens [i, j) hold one.
func (s *Scorer) negations(sc *scratch, i, j int) {
	for _, t := range sc.toks[i:j] {
		if t.Neg {
			sc.ev = append(sc.ev, Evidence{Class: ClassNegator, Strength: 1})
			return
		}
	}
}

// negated reports whether a negator stands in the two tokens before i (after find).
func (s *Scorer) negated(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if toks[k].Neg {
			return true
		}
	}
	return false
}

// finish maps the collected evidence to the score through the sentence layer.
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
	return claim.Hedging{Score: score, Uncertain: score >= s.hedge.threshold, Cues: cues}
}

// HedgeThreshold is the default threshold: a score at or above it is uncertain.
func (s *Scorer) HedgeThreshold() float64 { return s.hedge.threshold }
