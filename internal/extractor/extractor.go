// Package extractor turns article text, web cruft included, into claims: what was
// asserted, by whom (the speaker mention next to the cue and the canonical speaker it
// resolves to) and how (the cue and whether the words are quoted). Sentences the
// article asserts in its own voice are claims too, with the article as speaker.
//
// It is pure Go. Rules (word lists embedded under lexicons/, hand scanners) propose
// relations with high recall; a learned attribution model (models/attribution.tsv,
// trained on PolNeAR train by go run ./cmd/claimtrain attribution) then decides which
// verb cues are attributions and where each speaker phrase and content start and end.
// One word list is learned too: lexicons/cue-precision.tsv counts how often each cue
// word was right on PolNeAR train (go run ./cmd/claimtrain cues). The pipeline reads
// top-down, one stage per file, plain types between them:
//
//	clean.go     site furniture and layout → body, headline and list blocks
//	segment.go   blocks → tokens, paired quotation marks, sentences
//	cues.go      sentences → attribution cues
//	mentions.go  cue → speaker phrase around it, read as a mention
//	attribute.go cue + sentence → the rules' relation: speaker phrase and content span
//	features.go  relation, candidate spans → hashed sparse features
//	decide.go    relations → relations the model keeps, with its speaker and content spans (weights: model.go)
//	resolve.go   speaker phrase → canonical speaker (pronouns, surnames, "the minister")
//	claims.go    relations → claim.Claim, continued quotations, the article's own voice
//
// train.go fits the model from the same stages (the trainer sees the rules' relations).
// Every span is a byte range into the original text; cleaning never rewrites it.
package extractor

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// ErrTooLarge is returned for text of 2 GiB or more, beyond the 32-bit offsets the
// token arrays use.
var ErrTooLarge = errors.New("extractor: text too large")

// ctxCheckTokens is how many tokens are processed between context checks: often
// enough that a call past its deadline stops within a millisecond or so even in
// one endless line, rarely enough to cost nothing.
const ctxCheckTokens = 2048

// Extractor finds claims in article text. It holds read-only lexicons and a pool
// of per-call scratch buffers, so one Extractor serves any number of concurrent
// Extract calls.
type Extractor struct {
	lx    *lexicon
	model *attrModel // nil: the rules' relations as they are
	// observe, when set (only by the trainer), sees every sentence's rule
	// relations before the model's decisions.
	observe func(m *mentionCtx, s sentence, cues []cue, rels []relation)
	// scratch pools the per-call buffers of Extract (*scratch; see scratch.go).
	scratch sync.Pool
}

// New parses the embedded lexicons once and returns a ready Extractor.
func New() (*Extractor, error) { return NewWithOptions(Options{}) }

// Options change which words the extractor treats as cues. The product uses the zero
// value through New; the cue trainer (cmd/claimtrain cues) uses them to measure how
// precise candidate cue words are.
type Options struct {
	// ExtraCueVerbs are words to treat as reporting verbs on top of the lexicons.
	ExtraCueVerbs []string
	// NoLearnedCues ignores the learned cue-precision table, so every hand-listed
	// verb is used.
	NoLearnedCues bool
	// NoModel skips the learned attribution model (decide.go): the rules'
	// relations are reported as they are. The trainer uses it to see them.
	NoModel bool
	// Model, when set, is used instead of the embedded attribution model
	// (the trainer evaluates a model it has just fitted).
	Model *AttributionModel

	candidates []string // the trainer's candidate cue words, before a model exists
	judged     bool     // a cue classifier judges the verb cues (see loadLexicon)
}

// NewWithOptions is New with cue options; see Options.
func NewWithOptions(o Options) (*Extractor, error) {
	e := &Extractor{}
	var err error
	switch {
	case o.NoModel:
	case o.Model != nil:
		e.model = o.Model.m
	default:
		if e.model, err = embeddedAttrModel(); err != nil {
			return nil, err
		}
	}
	cands := o.candidates
	if e.model != nil {
		o.judged = true
		cands = e.model.cueWords
	}
	if len(cands) > 0 {
		// The model judges a wider set of candidate cues than the rules trust.
		o.NoLearnedCues = true
		o.ExtraCueVerbs = append(append([]string(nil), o.ExtraCueVerbs...), cands...)
	}
	if e.lx, err = loadLexicon(o); err != nil {
		return nil, err
	}
	return e, nil
}

// Extract returns the claims of text in text order, with Text, Span, Sentence,
// Speaker and Attribution filled; ID, Hedging and CheckWorthiness are left for later
// stages. Each claim's Text equals text[Span.Start:Span.End]. The context is checked
// every few thousand tokens, inside long lines too; its error is returned wrapped. Invalid UTF-8 never panics
// (bad bytes are skipped like spaces), though callers should reject it earlier.
// The returned slice is the caller's own: the call's scratch buffers, reused by
// later calls, are never part of it (scratch.go).
func (e *Extractor) Extract(ctx context.Context, text string) ([]claim.Claim, error) {
	if len(text) >= math.MaxInt32 {
		return nil, ErrTooLarge
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("extractor: %w", err)
	}
	sc := e.getScratch(text)
	defer e.putScratch(sc)
	blocks, err := e.clean(ctx, text, sc.blocks[:0])
	sc.blocks = blocks
	if err != nil {
		return nil, fmt.Errorf("extractor: %w", err)
	}
	sg, m, cb, d := &sc.sg, &sc.m, &sc.cb, &sc.d
	sents, cues, rels := sc.sents[:0], sc.cues[:0], sc.rels[:0]
	// The buffers keep what they grew (this runs before putScratch).
	defer func() { sc.sents, sc.cues, sc.rels = sents, cues, rels }()
	sinceCheck := ctxCheckTokens // check before the first block
	for bi, blk := range blocks {
		sg.toks, sg.keys, sg.quotes = sg.toks[:0], sg.keys[:0], sg.quotes[:0]
		bt := sg.tokenize(ctx, text, blk.span)
		if sg.err != nil {
			return nil, fmt.Errorf("extractor: %w", sg.err)
		}
		sents = sg.sentences(text, bt, bi, sents[:0])
		m.setBlock(sg.toks, sg.keys)
		for _, s := range sents {
			if sinceCheck += s.t1 - s.t0 + 1; sinceCheck >= ctxCheckTokens {
				sinceCheck = 0
				if err := ctx.Err(); err != nil {
					return nil, fmt.Errorf("extractor: %w", err)
				}
			}
			if s.t0 >= s.t1 {
				continue
			}
			cues = cues[:0]
			if blk.kind != blockList {
				cues = m.findCues(s, cues)
			}
			rels = m.attribute(s, cues, blk.para, rels[:0])
			rels = boundRelations(rels, int(sg.toks[s.t1-1].end-sg.toks[s.t0].start))
			if e.observe != nil {
				e.observe(m, s, cues, rels)
			}
			if e.model != nil {
				rels = d.decide(e.model, m, s, cues, rels)
				rels = boundRelations(rels, int(sg.toks[s.t1-1].end-sg.toks[s.t0].start)) // spans may have grown
			}
			cb.sentence(m, s, blk, rels)
		}
	}
	return cb.claims(), nil
}
