package extractor

import (
	"cmp"
	"slices"
	"strings"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// Stage 5: claims. Relations become claim.Claims with resolved speakers; a quotation
// with no cue of its own that follows a quoted claim continues that speaker's claim;
// every other body sentence of some length is the article's own assertion.

// minArticleClaimWords is the shortest body sentence reported as the article's own
// assertion; shorter ones are captions, datelines and fragments.
const minArticleClaimWords = 4

// claimBuilder accumulates the claims of one article.
type claimBuilder struct {
	text      string
	rs        resolver
	out       []claim.Claim
	lastQuote int // index in out of the latest quoted claim a quotation may continue; -1
	lastPara  int // paragraph of that claim
	speakers  []claim.Speaker
}

func newClaimBuilder(text string) claimBuilder {
	return claimBuilder{text: text, rs: newResolver(), lastQuote: -1}
}

// sentence turns the relations of one sentence into claims, or the sentence itself
// into a continuation or an article-voice claim when it has none.
func (b *claimBuilder) sentence(m *mentionCtx, s sentence, blk block, rels []relation) {
	sspan := claim.Span{Start: int(m.toks[s.t0].start), End: int(m.toks[s.t1-1].end)}
	// The subject phrase, read once for its two uses (nothing below changes m).
	sa, se := m.sourceAfter(m.skipIntro(s, s.t1), s.t1)
	if b.abstractSubject(m, sa, se) {
		b.rs.forgetThing() // "The conversation underscored …, and it highlighted …"
	}
	if len(rels) > 0 {
		b.speakers = b.speakers[:0]
		emitted := len(b.out)
		for _, r := range rels {
			var sp claim.Speaker
			switch {
			case r.srcFrom >= 0 && len(b.speakers) == 0:
				continue // the relation whose speaker this one reuses was dropped
			case r.srcFrom >= 0 && r.srcFrom < len(b.speakers)+len(rels):
				sp = b.speakers[len(b.speakers)-1]
			case r.src.t0 < r.src.t1:
				sp = b.rs.speaker(r.src, b.text, m.span(r.src))
				if r.srcSpan != (Span{}) && r.srcSpan != m.span(r.src) {
					sp.SourceSpan = claim.Span{Start: r.srcSpan.Start, End: r.srcSpan.End}
				}
				if sp.Kind == claim.SpeakerUnspecified && r.src.pron == pronounThing {
					continue // "it" with no organization before it: a thing, not a speaker
				}
			default:
				continue
			}
			b.speakers = append(b.speakers, sp)
			cs := Span{int(m.toks[r.cue.c0].start), int(m.toks[r.cue.c1-1].end)}
			kind := r.kind
			if r.cue.kind == cueAccording {
				kind = claim.AttributionAccordingTo
			}
			b.out = append(b.out, claim.Claim{
				Text:     b.text[r.content.Start:r.content.End],
				Span:     claim.Span{Start: r.content.Start, End: r.content.End},
				Sentence: sspan,
				Speaker:  sp,
				Attribution: claim.Attribution{
					Cue:     b.text[cs.Start:cs.End],
					CueSpan: claim.Span{Start: cs.Start, End: cs.End},
					Kind:    kind,
				},
			})
			if r.kind != claim.AttributionIndirect || endsWithColon(m, s) {
				b.lastQuote, b.lastPara = len(b.out)-1, blk.para
			}
			if !r.tail.Empty() {
				b.lastQuote = len(b.out) - 1
				b.continuation(r.tail, r.tailKind, sspan, blk)
			}
		}
		if len(b.out) > emitted {
			return
		}
	}
	first := m.toks[s.t0]
	if (first.kind == tOpenQ || first.flags&(fInQ|fInOpenQ) != 0) && b.lastQuote >= 0 && blk.para-b.lastPara <= 1 {
		var r relation
		if m.setContent(&r, s.t0, s.t1) {
			b.continuation(r.content, r.kind, sspan, blk)
			return
		}
	}
	if first.kind != tOpenQ {
		b.lastQuote = -1
	}
	b.noteSubject(m, sa, se)
	if blk.kind != blockBody || m.wordsIn(s.t0, s.t1) < minArticleClaimWords {
		return
	}
	var r relation
	if !m.setContent(&r, s.t0, s.t1) {
		return
	}
	b.out = append(b.out, claim.Claim{
		Text:        b.text[r.content.Start:r.content.End],
		Span:        claim.Span{Start: r.content.Start, End: r.content.End},
		Sentence:    sspan,
		Speaker:     claim.Speaker{Kind: claim.SpeakerArticle, Resolution: claim.ResolutionNone},
		Attribution: claim.Attribution{Kind: claim.AttributionUnattributed},
	})
}

// continuation appends a quotation with no cue of its own as a claim of the speaker
// of the latest quoted claim.
func (b *claimBuilder) continuation(content Span, kind claim.AttributionKind, sentence claim.Span, blk block) {
	sp := b.out[b.lastQuote].Speaker
	sp.Resolution = claim.ResolutionContinuation
	text := b.text[content.Start:content.End]
	b.out = append(b.out, claim.Claim{
		Text:        text,
		Span:        claim.Span{Start: content.Start, End: content.End},
		Sentence:    sentence,
		Speaker:     sp,
		Attribution: claim.Attribution{Kind: kind},
	})
	b.lastPara = blk.para
}

// noteSubject remembers a person named as the subject [a,e) of a sentence without
// a cue ("Earlier, US Secretary of State Anthony Blinken spoke …"), for later
// pronouns.
func (b *claimBuilder) noteSubject(m *mentionCtx, a, e int) {
	if a >= e {
		return
	}
	if mt := m.analyze(a, e); mt.kind == claim.SpeakerPerson && (mt.title != "" || strings.Contains(mt.name, " ")) {
		b.rs.note(mt)
	}
}

// abstractSubject says whether a sentence's subject [a,e) is a noun phrase headed
// by an abstract noun ("The conversation underscored …"), which a later "it"
// refers to.
func (b *claimBuilder) abstractSubject(m *mentionCtx, a, e int) bool {
	return a < e && m.toks[e-1].cls&clsAbstract != 0
}

// endsWithColon says whether a sentence ends in a colon (a quotation follows).
func endsWithColon(m *mentionCtx, s sentence) bool { return m.toks[s.t1-1].kind == tColon }

// sortClaims orders claims by span start, keeping text order among equal starts
// (a stable sort: the same order sort.SliceStable gave, without its allocations).
// Claims already in order, as most articles' come, are left as they are, which
// is what the sort would do after comparing copies of them.
func sortClaims(cs []claim.Claim) {
	for i := 1; i < len(cs); i++ {
		if cs[i].Span.Start < cs[i-1].Span.Start {
			slices.SortStableFunc(cs, func(a, b claim.Claim) int { return cmp.Compare(a.Span.Start, b.Span.Start) })
			return
		}
	}
}
