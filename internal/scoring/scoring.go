// Package scoring gives every claim a hedging score (how tentatively it is
// asserted, with the cue words that say so) and a check-worthiness score (how
// likely it is a factual statement worth checking), both in [0,1] with default
// thresholds chosen on dev data, so a journalist can read why and a batch job
// can threshold.
//
// Both scorers are small learned linear models over hand-curated lexicons,
// embedded in the binary (data/): the product needs no model download and no
// data folder. The weights are produced from the training splits of the
// shared evaluation data by `go run ./cmd/claimtrain hedging|checkworthy`;
// data/README.md records how.
package scoring

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/claimtype"
	"github.com/claimsvc/claimsvc/internal/tokens"
)

//go:embed data/hedge-lexicon.tsv
var hedgeLexiconTSV string

//go:embed data/hedge-context.tsv
var hedgeContextTSV string

//go:embed data/hedge-model.tsv
var hedgeModelTSV string

//go:embed data/checkworthy-lexicon.tsv
var checkLexiconTSV string

//go:embed data/checkworthy-model.tsv
var checkModelTSV string

// Scorer scores hedging and check-worthiness. Build it once with New; it is
// read-only afterwards and safe for concurrent use.
type Scorer struct {
	lex    lexicon
	finder *cueFinder
	hedge  hedgeModel
	check  checkModel
	typer  *claimtype.Typer // claim types for bare sentences and untyped claims
	pool   sync.Pool        // *scratch
}

// New parses the embedded lexicons and weights into a ready Scorer.
func New() (*Scorer, error) {
	lex, err := parseLexicon(hedgeLexiconTSV, hedgeContextTSV)
	if err != nil {
		return nil, fmt.Errorf("scoring: %w", err)
	}
	hm, err := parseHedgeModel(hedgeModelTSV)
	if err != nil {
		return nil, fmt.Errorf("scoring: %w", err)
	}
	cm, err := parseCheckModel(checkModelTSV, checkLexiconTSV)
	if err != nil {
		return nil, fmt.Errorf("scoring: %w", err)
	}
	ty, err := claimtype.New()
	if err != nil {
		return nil, fmt.Errorf("scoring: %w", err)
	}
	s := &Scorer{lex: lex, finder: newCueFinder(lex, hm.learned, cm.classes, ty.WordMasks()), hedge: hm, check: cm, typer: ty}
	s.pool.New = func() any { return new(scratch) }
	return s, nil
}

func (s *Scorer) getScratch() *scratch   { return s.pool.Get().(*scratch) }
func (s *Scorer) putScratch(sc *scratch) { s.pool.Put(sc) }

// Score fills c.Hedging, c.CheckWorthiness, c.CheckWorthy and
// c.CheckWorthinessReasons for a claim found in text. Hedging weighs the
// claim's content, its sentence and its attribution cue (see hedgeClaim);
// check-worthiness is that of the content, scored on the sentence's tokens
// inside c.Span (the same as CheckWorthiness(c.Text) unless the span cuts a
// word), its reasons' spans pointing into text. With unusable spans both fall
// back to c.Text, and the reasons carry no spans.
func (s *Scorer) Score(text string, c *claim.Claim) { s.score(text, c, false) }

// TypeAndScore sets c.Type to the claim's type (claimtype.Classify of its text
// and attribution cue, whatever it was) and scores it as Score does. It types
// the claim from the sentence tokens scoring reads anyway, so the content is
// not scanned a second time: one tokenisation serves both stages.
func (s *Scorer) TypeAndScore(text string, c *claim.Claim) { s.score(text, c, true) }

// score is Score, and TypeAndScore when retype.
func (s *Scorer) score(text string, c *claim.Claim, retype bool) {
	sc := s.getScratch()
	defer s.putScratch(sc)
	s.scoreOn(sc, text, c, retype)
}

// scoreOn is score on the scratch given.
func (s *Scorer) scoreOn(sc *scratch, text string, c *claim.Claim, retype bool) {
	h, i, j, base, ok := s.hedgeClaim(sc, text, c)
	c.Hedging = h
	typ := c.Type
	if retype || typ == claim.TypeUnspecified {
		typ = s.classify(sc, text, c, i, j, base, ok)
		if retype {
			c.Type = typ
		}
	}
	if ok {
		c.CheckWorthiness, c.CheckWorthy, c.CheckWorthinessReasons = s.checkTokens(sc, text[base:], sc.toks[i:j], sc.info[i:j], typ, base, true)
		return
	}
	s.textTokens(sc, c.Text)
	c.CheckWorthiness, c.CheckWorthy, c.CheckWorthinessReasons = s.checkTokens(sc, c.Text, sc.toks, sc.info, typ, 0, true)
	for k := range c.CheckWorthinessReasons {
		c.CheckWorthinessReasons[k].Span = claim.Span{}
	}
}

// classify types c (claimtype), reading its words off the sentence tokens
// hedgeClaim left in sc when they are exactly the tokens of c.Text: the text is
// the content span's and no token straddles the span's edges (tokens.WithinAt).
func (s *Scorer) classify(sc *scratch, text string, c *claim.Claim, i, j, base int, ok bool) claim.Type {
	if ok && len(sc.toks) < maxTokens && text[c.Span.Start:c.Span.End] == c.Text {
		// hedgeClaim found i and j as WithinAt takes them
		if tokens.WithinAt(sc.toks, i, j, c.Span.Start-base, c.Span.End-base) {
			return s.typer.ClassifyTokensWith(&sc.typing, c.Text, sc.toks[i:j], sc.types[i:j], c.Span.Start-base, c.Attribution.Cue)
		}
	}
	return s.typer.Classify(c.Text, c.Attribution.Cue)
}
