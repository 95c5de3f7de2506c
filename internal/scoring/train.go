package scoring

import (
	"fmt"
	"math"
	"strings"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/claimtype"
)

// This file exposes the scorers' feature extraction to cmd/claimtrain, so the
// trainer and the product compute features with the same code and can never drift.

// Candidate is one cue candidate of a sentence as the trainer sees it.
type Candidate struct {
	Span  claim.Span // into the sentence
	Form  string     // lowercase tokens joined by spaces
	Class string
	// Strength is the fixed strength (> 0) of a booster, negated hedge,
	// limitation, approximator or negator (0 for a negated booster); they are
	// not learned.
	Strength float64
	// Features are the context features of a hedge candidate, nil for a
	// fixed-strength cue.
	Features []string
}

// CueFinder finds cue candidates for training.
type CueFinder struct {
	s *Scorer
}

// NewCueFinder builds a finder from the embedded lexicon and the given learned
// forms (form -> class), as New will once the forms are in the model file.
func NewCueFinder(learned map[string]string) (*CueFinder, error) {
	lex, err := parseLexicon(hedgeLexiconTSV, hedgeContextTSV)
	if err != nil {
		return nil, fmt.Errorf("scoring: %w", err)
	}
	return &CueFinder{s: &Scorer{lex: lex, finder: newCueFinder(lex, learned, nil, nil)}}, nil
}

// LexiconClass is the hand lexicon's class for a form, or "".
func (cf *CueFinder) LexiconClass(form string) string { return cf.s.lex.entries[form].class }

// Candidates lists the cue candidates of sentence with their features.
func (cf *CueFinder) Candidates(sentence string) []Candidate {
	toks := tokenize(sentence, nil)
	cands := cf.s.finder.find(toks, nil)
	out := make([]Candidate, 0, len(cands))
	var buf [maxCueFeats]cueFeat
	for _, c := range cands {
		tc := Candidate{
			Span:  claim.Span{Start: toks[c.i].Start, End: toks[c.j-1].End},
			Form:  c.p.form,
			Class: c.p.class,
		}
		if isFixed(c.p.class) {
			if !(c.p.class == ClassBooster && negatedBefore(toks, c.i)) {
				tc.Strength = math.Abs(c.p.prior)
			}
		} else {
			n := cf.s.finder.features(toks, c, &buf)
			for _, f := range buf[:n] {
				tc.Features = append(tc.Features, f.name(c.p))
			}
		}
		out = append(out, tc)
	}
	for _, t := range toks {
		if t.Neg {
			out = append(out, Candidate{Span: claim.Span{Start: t.Start, End: t.End}, Form: t.Lower, Class: ClassNegator, Strength: 1})
			break
		}
	}
	return out
}

// CueForm is the form of a cue text as the finder matches it: its tokens,
// lowercased, joined by single spaces ("And/Or" -> "and / or").
func CueForm(text string) string {
	toks := tokenize(text, nil)
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Lower
	}
	return strings.Join(words, " ")
}

// CheckFeaturizer computes check-worthiness features for training.
type CheckFeaturizer struct {
	classes map[string]uint32
	typer   *claimtype.Typer
}

// NewCheckFeaturizer parses the embedded check-worthiness lexicon.
func NewCheckFeaturizer() (*CheckFeaturizer, error) {
	classes, err := parseCheckLexicon(checkLexiconTSV)
	if err != nil {
		return nil, fmt.Errorf("scoring: %w", err)
	}
	ty, err := claimtype.New()
	if err != nil {
		return nil, fmt.Errorf("scoring: %w", err)
	}
	return &CheckFeaturizer{classes: classes, typer: ty}, nil
}

// Features returns the feature indices of sentence (below CheckDim, with
// repeats), exactly as CheckWorthiness sums them (the sentence typed as a
// claim without attribution cue).
func (cf *CheckFeaturizer) Features(sentence string) []uint32 {
	var out []uint32
	typ := cf.typer.Classify(sentence, "")
	checkFeatures(sentence, tokenize(sentence, nil), typ, cf.classes, func(f uint32, _, _ int) { out = append(out, f) })
	return out
}
