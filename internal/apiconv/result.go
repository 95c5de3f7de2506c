package apiconv

import (
	"google.golang.org/protobuf/types/known/timestamppb"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/offsets"
	"github.com/claimsvc/claimsvc/internal/pipeline"
)

// ResultToProto converts one article's result, spans in the converter's unit
// (build it over the article's original text).
func ResultToProto(r pipeline.Result, conv *offsets.Converter) *claimsv1.ArticleResult {
	out := &claimsv1.ArticleResult{
		ArticleId: r.ArticleID,
		Claims:    make([]*claimsv1.Claim, len(r.Claims)),
		Links:     LinksToProto(r.Links, conv.Unit()),
		Groups:    GroupsToProto(pipeline.Groups([]pipeline.Result{r}, r.Links)),
	}
	ms := make([]claimMessages, len(r.Claims))
	blocks := newListBlocks(r.Claims)
	for i := range r.Claims {
		out.Claims[i] = ms[i].fill(&r.Claims[i], conv, &blocks)
	}
	return out
}

// ArticleResultToProto converts one article's result with spans in unit: spans
// into the text they point into (a web page's extracted text, returned as
// document_text, or the text as sent), html_span into sent, the page. Every edge
// (unary, batch, stream, claimbatch) uses it, so they answer alike.
func ArticleResultToProto(r pipeline.Result, sent string, unit offsets.Unit) *claimsv1.ArticleResult {
	out := ResultToProto(r, offsets.NewConverter(r.SpanText(sent), unit))
	if d := r.Document; d != nil {
		out.DocumentText = d.Text
		out.Metadata = DocumentToProto(d)
		out.EmptyReason = d.EmptyReason
		page := offsets.NewConverter(sent, unit)
		for i := range r.Claims {
			out.Claims[i].HtmlSpan = optionalSpan(r.Claims[i].HTMLSpan, page)
		}
	}
	return out
}

// DocumentToProto converts a web page's metadata.
func DocumentToProto(d *claim.Document) *claimsv1.DocumentMetadata {
	md := &claimsv1.DocumentMetadata{
		Title:        d.Title,
		Author:       d.Author,
		SiteName:     d.SiteName,
		CanonicalUrl: d.URL,
		LanguageCode: d.Language,
	}
	if !d.Published.IsZero() {
		md.PublishTime = timestamppb.New(d.Published)
	}
	return md
}

// claimMessages holds every message one claim converts to, so that they are
// one allocation (a result's claims are one slice of them): a server call
// converts some 35 claims, and message by message that was most of the call's
// allocations. The messages are never copied, only pointed to.
type claimMessages struct {
	claim                claimsv1.Claim
	span, sentence       claimsv1.Span
	speaker              claimsv1.Speaker
	mention, source, cue claimsv1.Span
	attribution          claimsv1.Attribution
	hedging              claimsv1.Hedging
}

// claimToProto converts one claim on its own (a stored claim).
func claimToProto(c *claim.Claim, conv *offsets.Converter) *claimsv1.Claim {
	blocks := newListBlocks([]claim.Claim{*c})
	return new(claimMessages).fill(c, conv, &blocks)
}

// fill converts c into m's messages, its lists carved from blocks, and
// returns the claim message.
func (m *claimMessages) fill(c *claim.Claim, conv *offsets.Converter, blocks *listBlocks) *claimsv1.Claim {
	m.span.Start, m.span.End = spanOffsets(c.Span, conv)
	m.sentence.Start, m.sentence.End = spanOffsets(c.Sentence, conv)
	m.speaker = claimsv1.Speaker{
		Mention:       c.Speaker.Mention,
		MentionSpan:   optionalSpanIn(&m.mention, c.Speaker.MentionSpan, conv),
		SourceSpan:    optionalSpanIn(&m.source, c.Speaker.SourceSpan, conv),
		CanonicalName: c.Speaker.Name,
		Title:         c.Speaker.Title,
		Organization:  c.Speaker.Organization,
		Kind:          claimsv1.SpeakerKind(c.Speaker.Kind),
		Resolution:    claimsv1.SpeakerResolution(c.Speaker.Resolution),
	}
	m.attribution = claimsv1.Attribution{
		Cue:     c.Attribution.Cue,
		CueSpan: optionalSpanIn(&m.cue, c.Attribution.CueSpan, conv),
		Kind:    claimsv1.AttributionKind(c.Attribution.Kind),
	}
	m.hedging = claimsv1.Hedging{
		Score:     float32(c.Hedging.Score),
		Uncertain: c.Hedging.Uncertain,
		Cues:      blocks.cueList(c.Hedging.Cues, conv),
	}
	m.claim = claimsv1.Claim{
		Id:                     c.ID,
		Text:                   c.Text,
		Span:                   &m.span,
		SentenceSpan:           &m.sentence,
		Speaker:                &m.speaker,
		Attribution:            &m.attribution,
		Hedging:                &m.hedging,
		CheckWorthiness:        float32(c.CheckWorthiness),
		CheckWorthy:            c.CheckWorthy,
		ClaimType:              claimsv1.ClaimType(c.Type),
		CheckWorthinessReasons: blocks.reasonList(c.CheckWorthinessReasons, conv),
	}
	return &m.claim
}

// listBlocks holds the hedge-cue and score-reason messages of a whole result,
// so that they are four allocations per article rather than four per claim (a
// seed article's 20 claims carry some 100 reasons and 30 cues; claim by claim,
// these lists were most of what was left of a call's allocations). Each claim
// takes its share with the capacity cut to its length, so an append to one
// claim's list reallocates instead of writing into the next claim's.
type listBlocks struct {
	cuePtrs    []*claimsv1.HedgeCue
	cues       []cueMessages
	reasonPtrs []*claimsv1.ScoreReason
	reasons    []claimsv1.ScoreReason
}

// cueMessages are one hedge cue's messages.
type cueMessages struct {
	cue  claimsv1.HedgeCue
	span claimsv1.Span
}

// newListBlocks sizes the blocks for the lists of cs.
func newListBlocks(cs []claim.Claim) listBlocks {
	var nCues, nReasons int
	for i := range cs {
		nCues += len(cs[i].Hedging.Cues)
		nReasons += len(cs[i].CheckWorthinessReasons)
	}
	return listBlocks{
		cuePtrs:    make([]*claimsv1.HedgeCue, nCues),
		cues:       make([]cueMessages, nCues),
		reasonPtrs: make([]*claimsv1.ScoreReason, nReasons),
		reasons:    make([]claimsv1.ScoreReason, nReasons),
	}
}

// take splits the first n elements off a block, capacity n.
func take[T any](block *[]T, n int) []T {
	s := (*block)[:n:n]
	*block = (*block)[n:]
	return s
}

// cueList converts hedge cues; never nil (an empty list, as before).
func (b *listBlocks) cueList(hs []claim.HedgeCue, conv *offsets.Converter) []*claimsv1.HedgeCue {
	out, ms := take(&b.cuePtrs, len(hs)), take(&b.cues, len(hs))
	for i, h := range hs {
		m := &ms[i]
		m.cue = claimsv1.HedgeCue{
			Text:   h.Text,
			Span:   optionalSpanIn(&m.span, h.Span, conv),
			Kind:   hedgeCueKind(h.Kind),
			Weight: float32(h.Weight),
			Weak:   h.Weak,
		}
		out[i] = &m.cue
	}
	return out
}

// reasonList converts score reasons, their offsets in the converter's unit
// (UTF-8 with a nil converter, as spanToProto; both 0 for a reason without
// text or place); nil when there are none.
func (b *listBlocks) reasonList(rs []claim.ScoreReason, conv *offsets.Converter) []*claimsv1.ScoreReason {
	if len(rs) == 0 {
		return nil
	}
	out, ms := take(&b.reasonPtrs, len(rs)), take(&b.reasons, len(rs))
	for i, r := range rs {
		m := &ms[i]
		m.Feature, m.Text, m.Contribution = r.Feature, r.Text, r.Contribution
		if !r.Span.Empty() {
			m.Start, m.End = spanOffsets(r.Span, conv)
		}
		out[i] = m
	}
	return out
}

// spanToProto converts a span; a nil conv keeps UTF-8 byte offsets (stored
// claims, whose text the store does not keep).
func spanToProto(s claim.Span, conv *offsets.Converter) *claimsv1.Span {
	start, end := spanOffsets(s, conv)
	return &claimsv1.Span{Start: start, End: end}
}

// spanOffsets are a span's offsets as spanToProto writes them.
func spanOffsets(s claim.Span, conv *offsets.Converter) (start, end int32) {
	if conv == nil {
		return int32(s.Start), int32(s.End)
	}
	return int32(conv.Convert(s.Start)), int32(conv.Convert(s.End))
}

// optionalSpanIn is optionalSpan writing into dst (a message allocated with
// others) instead of a new one.
func optionalSpanIn(dst *claimsv1.Span, s claim.Span, conv *offsets.Converter) *claimsv1.Span {
	if s.Empty() {
		return nil
	}
	dst.Start, dst.End = spanOffsets(s, conv)
	return dst
}

// optionalSpan leaves an absent span unset rather than sending [0,0).
func optionalSpan(s claim.Span, conv *offsets.Converter) *claimsv1.Span {
	if s.Empty() {
		return nil
	}
	return spanToProto(s, conv)
}

// LinksToProto converts links, their claims' evidence spans in unit (offsets into
// each linked claim's text); it never returns nil, so an article without links
// still shows an empty list.
func LinksToProto(ls []claim.Link, unit offsets.Unit) []*claimsv1.ContradictionLink {
	out := make([]*claimsv1.ContradictionLink, len(ls))
	for i, l := range ls {
		out[i] = &claimsv1.ContradictionLink{
			ClaimId:      l.A,
			OtherClaimId: l.B,
			Score:        float32(l.Score),
			Relation:     claimsv1.Relation(l.Relation),
			Reason:       claimsv1.Reason(l.Reason),
			Explanation:  l.Explanation,
			First:        LinkedClaimToProto(l.ClaimA, l.A, unit),
			Second:       LinkedClaimToProto(l.ClaimB, l.B, unit),
		}
	}
	return out
}

// LinkedClaimToProto converts one end of a link (id names it when lc has no ID),
// evidence spans in unit over the claim's own text.
func LinkedClaimToProto(lc claim.LinkedClaim, id string, unit offsets.Unit) *claimsv1.LinkedClaim {
	if lc.ID == "" {
		lc.ID = id
	}
	out := &claimsv1.LinkedClaim{
		ClaimId:    lc.ID,
		ArticleId:  lc.ArticleID,
		Text:       lc.Text,
		Speaker:    lc.Speaker,
		ArticleUrl: lc.URL,
		Dates:      lc.Dates,
		ClaimType:  claimsv1.ClaimType(lc.Type),
		Stance:     claimsv1.Stance(lc.Stance),
	}
	if !lc.Published.IsZero() {
		out.PublishTime = timestamppb.New(lc.Published)
	}
	if len(lc.Evidence) > 0 {
		conv := offsets.NewConverter(lc.Text, unit)
		for _, s := range lc.Evidence {
			if s.Start < 0 || s.End > len(lc.Text) || s.Start >= s.End {
				continue
			}
			out.EvidenceSpans = append(out.EvidenceSpans, &claimsv1.EvidenceSpan{
				Start: int32(conv.Convert(s.Start)), End: int32(conv.Convert(s.End)), Text: lc.Text[s.Start:s.End],
			})
		}
	}
	return out
}

// GroupsToProto converts proposition groups; never nil.
func GroupsToProto(gs []claim.Group) []*claimsv1.ClaimGroup {
	out := make([]*claimsv1.ClaimGroup, len(gs))
	for i, g := range gs {
		pg := &claimsv1.ClaimGroup{Label: g.Label, Members: make([]*claimsv1.GroupMember, len(g.Members))}
		for k, m := range g.Members {
			pg.Members[k] = &claimsv1.GroupMember{ClaimId: m.ClaimID, ArticleId: m.ArticleID, Text: m.Text, Speaker: m.Speaker, Stance: claimsv1.Stance(m.Stance)}
			switch m.Stance {
			case claim.StanceAsserts:
				pg.Asserting++
			case claim.StanceDenies:
				pg.Denying++
			case claim.StanceReportsChange:
				pg.ReportingChange++
			}
		}
		out[i] = pg
	}
	return out
}

// hedgeCueKind maps the scorer's cue classes to the API's enum; a class the API
// does not name is reported as OTHER rather than dropped.
func hedgeCueKind(k string) claimsv1.HedgeCueKind {
	switch k {
	case "modal":
		return claimsv1.HedgeCueKind_HEDGE_CUE_KIND_MODAL
	case "speculative_verb":
		return claimsv1.HedgeCueKind_HEDGE_CUE_KIND_SPECULATIVE_VERB
	case "adverb", "adjective":
		return claimsv1.HedgeCueKind_HEDGE_CUE_KIND_ADVERB
	case "conditional":
		return claimsv1.HedgeCueKind_HEDGE_CUE_KIND_CONDITIONAL
	case "weak_attribution":
		return claimsv1.HedgeCueKind_HEDGE_CUE_KIND_WEAK_ATTRIBUTION
	case "booster":
		return claimsv1.HedgeCueKind_HEDGE_CUE_KIND_BOOSTER
	case "negated_hedge":
		return claimsv1.HedgeCueKind_HEDGE_CUE_KIND_NEGATED_HEDGE
	case "approximator":
		return claimsv1.HedgeCueKind_HEDGE_CUE_KIND_APPROXIMATOR
	case "limitation":
		return claimsv1.HedgeCueKind_HEDGE_CUE_KIND_LIMITATION
	case "investigation":
		return claimsv1.HedgeCueKind_HEDGE_CUE_KIND_INVESTIGATION
	}
	return claimsv1.HedgeCueKind_HEDGE_CUE_KIND_OTHER
}
