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
	for i := range r.Claims {
		out.Claims[i] = claimToProto(&r.Claims[i], conv)
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

func claimToProto(c *claim.Claim, conv *offsets.Converter) *claimsv1.Claim {
	cues := make([]*claimsv1.HedgeCue, len(c.Hedging.Cues))
	for i, h := range c.Hedging.Cues {
		cues[i] = &claimsv1.HedgeCue{
			Text:   h.Text,
			Span:   optionalSpan(h.Span, conv),
			Kind:   hedgeCueKind(h.Kind),
			Weight: float32(h.Weight),
			Weak:   h.Weak,
		}
	}
	return &claimsv1.Claim{
		Id:           c.ID,
		Text:         c.Text,
		Span:         spanToProto(c.Span, conv),
		SentenceSpan: spanToProto(c.Sentence, conv),
		Speaker: &claimsv1.Speaker{
			Mention:       c.Speaker.Mention,
			MentionSpan:   optionalSpan(c.Speaker.MentionSpan, conv),
			SourceSpan:    optionalSpan(c.Speaker.SourceSpan, conv),
			CanonicalName: c.Speaker.Name,
			Title:         c.Speaker.Title,
			Organization:  c.Speaker.Organization,
			Kind:          claimsv1.SpeakerKind(c.Speaker.Kind),
			Resolution:    claimsv1.SpeakerResolution(c.Speaker.Resolution),
		},
		Attribution: &claimsv1.Attribution{
			Cue:     c.Attribution.Cue,
			CueSpan: optionalSpan(c.Attribution.CueSpan, conv),
			Kind:    claimsv1.AttributionKind(c.Attribution.Kind),
		},
		Hedging: &claimsv1.Hedging{
			Score:     float32(c.Hedging.Score),
			Uncertain: c.Hedging.Uncertain,
			Cues:      cues,
		},
		CheckWorthiness:        float32(c.CheckWorthiness),
		CheckWorthy:            c.CheckWorthy,
		ClaimType:              claimsv1.ClaimType(c.Type),
		CheckWorthinessReasons: reasonsToProto(c.CheckWorthinessReasons, conv),
	}
}

// reasonsToProto converts score reasons, their offsets in the converter's unit
// (UTF-8 with a nil converter, as spanToProto; both 0 for a reason without
// text or place).
func reasonsToProto(rs []claim.ScoreReason, conv *offsets.Converter) []*claimsv1.ScoreReason {
	if len(rs) == 0 {
		return nil
	}
	out := make([]*claimsv1.ScoreReason, len(rs))
	for i, r := range rs {
		out[i] = &claimsv1.ScoreReason{Feature: r.Feature, Text: r.Text, Contribution: r.Contribution}
		if !r.Span.Empty() {
			sp := spanToProto(r.Span, conv)
			out[i].Start, out[i].End = sp.GetStart(), sp.GetEnd()
		}
	}
	return out
}

// spanToProto converts a span; a nil conv keeps UTF-8 byte offsets (stored
// claims, whose text the store does not keep).
func spanToProto(s claim.Span, conv *offsets.Converter) *claimsv1.Span {
	if conv == nil {
		return &claimsv1.Span{Start: int32(s.Start), End: int32(s.End)}
	}
	return &claimsv1.Span{Start: int32(conv.Convert(s.Start)), End: int32(conv.Convert(s.End))}
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
