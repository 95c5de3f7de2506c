package apiconv

import (
	"strings"
	"testing"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/offsets"
	"github.com/claimsvc/claimsvc/internal/pipeline"
	"github.com/claimsvc/claimsvc/internal/scoring"
)

// The conversion casts the pipeline's enums to the API's by number, so the two
// must agree value for value. This test breaks when either side is reordered.
func TestEnumsAgree(t *testing.T) {
	tests := []struct {
		name  string
		plain int
		api   string
	}{
		{"person", int(claim.SpeakerPerson), claimsv1.SpeakerKind_SPEAKER_KIND_PERSON.String()},
		{"organization", int(claim.SpeakerOrganization), claimsv1.SpeakerKind_SPEAKER_KIND_ORGANIZATION.String()},
		{"group", int(claim.SpeakerGroup), claimsv1.SpeakerKind_SPEAKER_KIND_GROUP.String()},
		{"anonymous", int(claim.SpeakerAnonymous), claimsv1.SpeakerKind_SPEAKER_KIND_ANONYMOUS.String()},
		{"article", int(claim.SpeakerArticle), claimsv1.SpeakerKind_SPEAKER_KIND_ARTICLE.String()},
	}
	for _, tt := range tests {
		if got := claimsv1.SpeakerKind(tt.plain).String(); got != tt.api {
			t.Errorf("speaker kind %s: plain %d maps to %s, want %s", tt.name, tt.plain, got, tt.api)
		}
	}
	pairs := []struct {
		plain int
		api   string
		of    func(int) string
	}{
		{int(claim.ResolutionExplicit), "SPEAKER_RESOLUTION_EXPLICIT", resolutionName},
		{int(claim.ResolutionPronoun), "SPEAKER_RESOLUTION_PRONOUN", resolutionName},
		{int(claim.ResolutionDescription), "SPEAKER_RESOLUTION_DESCRIPTION", resolutionName},
		{int(claim.ResolutionSurname), "SPEAKER_RESOLUTION_SURNAME", resolutionName},
		{int(claim.ResolutionContinuation), "SPEAKER_RESOLUTION_CONTINUATION", resolutionName},
		{int(claim.ResolutionNone), "SPEAKER_RESOLUTION_NONE", resolutionName},
		{int(claim.AttributionDirect), "ATTRIBUTION_KIND_DIRECT_QUOTE", attributionName},
		{int(claim.AttributionIndirect), "ATTRIBUTION_KIND_INDIRECT", attributionName},
		{int(claim.AttributionMixed), "ATTRIBUTION_KIND_MIXED", attributionName},
		{int(claim.AttributionAccordingTo), "ATTRIBUTION_KIND_ACCORDING_TO", attributionName},
		{int(claim.AttributionUnattributed), "ATTRIBUTION_KIND_UNATTRIBUTED", attributionName},
		{int(claim.RelationContradiction), "RELATION_CONTRADICTION", relationName},
		{int(claim.RelationDispute), "RELATION_DISPUTE", relationName},
		{int(claim.RelationUpdate), "RELATION_UPDATE", relationName},
		{int(claim.ReasonNegation), "REASON_NEGATION", reasonName},
		{int(claim.ReasonAntonym), "REASON_ANTONYM", reasonName},
		{int(claim.ReasonNumericMismatch), "REASON_NUMERIC_MISMATCH", reasonName},
		{int(claim.ReasonDateMismatch), "REASON_DATE_MISMATCH", reasonName},
		{int(claim.ReasonQuantity), "REASON_QUANTITY", reasonName},
		{int(claim.ReasonOpposingStance), "REASON_OPPOSING_STANCE", reasonName},
		{int(claim.ReasonChangeOfState), "REASON_CHANGE_OF_STATE", reasonName},
		{int(claim.RelationAgrees), "RELATION_AGREES", relationName},
		{int(claim.ReasonSameStance), "REASON_SAME_STANCE", reasonName},
		{int(claim.TypeEvent), "CLAIM_TYPE_EVENT", typeName},
		{int(claim.TypeFact), "CLAIM_TYPE_FACT", typeName},
		{int(claim.TypePrediction), "CLAIM_TYPE_PREDICTION", typeName},
		{int(claim.TypeOpinion), "CLAIM_TYPE_OPINION", typeName},
		{int(claim.TypeRecommendation), "CLAIM_TYPE_RECOMMENDATION", typeName},
		{int(claim.TypeMeta), "CLAIM_TYPE_META", typeName},
		{int(claim.TypeNotProposition), "CLAIM_TYPE_NOT_PROPOSITION", typeName},
		{int(claim.StanceAsserts), "STANCE_ASSERTS", stanceName},
		{int(claim.StanceDenies), "STANCE_DENIES", stanceName},
		{int(claim.StanceReportsChange), "STANCE_REPORTS_CHANGE", stanceName},
	}
	for _, p := range pairs {
		if got := p.of(p.plain); got != p.api {
			t.Errorf("plain %d maps to %s, want %s", p.plain, got, p.api)
		}
	}
}

func resolutionName(n int) string  { return claimsv1.SpeakerResolution(n).String() }
func attributionName(n int) string { return claimsv1.AttributionKind(n).String() }
func relationName(n int) string    { return claimsv1.Relation(n).String() }
func reasonName(n int) string      { return claimsv1.Reason(n).String() }
func typeName(n int) string        { return claimsv1.ClaimType(n).String() }
func stanceName(n int) string      { return claimsv1.Stance(n).String() }

func TestResultToProtoEncodings(t *testing.T) {
	text := "😀 “No line,” he said."
	start := strings.Index(text, "No line")
	c := claim.Claim{
		ID: "a#1", Text: "No line", Span: claim.Span{Start: start, End: start + len("No line")},
		Attribution: claim.Attribution{Cue: "said", CueSpan: claim.Span{Start: strings.Index(text, "said"), End: strings.Index(text, "said") + 4}},
		Hedging:     claim.Hedging{Cues: []claim.HedgeCue{{Text: "x", Kind: "speculative_verb"}, {Text: "y", Kind: "learned"}}},
	}
	tests := []struct {
		unit      offsets.Unit
		wantStart int32
	}{
		{offsets.UTF8, int32(start)}, // 4-byte emoji, space, 3-byte quote
		{offsets.UTF16, 4},           // surrogate pair, space, quote
		{offsets.UTF32, 3},           // emoji, space, quote
	}
	for _, tt := range tests {
		got := ResultToProto(pipeline.Result{ArticleID: "a", Claims: []claim.Claim{c}}, offsets.NewConverter(text, tt.unit)).GetClaims()[0]
		if got.GetSpan().GetStart() != tt.wantStart || got.GetSpan().GetEnd()-got.GetSpan().GetStart() != 7 {
			t.Errorf("unit %d: span %v, want start %d length 7", tt.unit, got.GetSpan(), tt.wantStart)
		}
		if got.GetSpeaker().GetMentionSpan() != nil {
			t.Errorf("an absent mention must stay unset, got %v", got.GetSpeaker().GetMentionSpan())
		}
		if got.GetAttribution().GetCueSpan() == nil {
			t.Error("a present cue span was dropped")
		}
		kinds := got.GetHedging().GetCues()
		if kinds[0].GetKind() != claimsv1.HedgeCueKind_HEDGE_CUE_KIND_SPECULATIVE_VERB || kinds[1].GetKind() != claimsv1.HedgeCueKind_HEDGE_CUE_KIND_OTHER {
			t.Errorf("hedge cue kinds = %v, %v", kinds[0].GetKind(), kinds[1].GetKind())
		}
	}
}

// TestHedgeCueKindsNamed: every cue class the scorer reports has its own API
// kind, so OTHER means only a corpus-learned form; a weak cue stays marked and
// a cue without a place has no span.
func TestHedgeCueKindsNamed(t *testing.T) {
	classes := []string{scoring.ClassModal, scoring.ClassSpeculativeVerb, scoring.ClassAdverb, scoring.ClassConditional,
		scoring.ClassInvestigation, scoring.ClassWeakAttribution, scoring.ClassBooster, scoring.ClassNegatedHedge,
		scoring.ClassLimitation, scoring.ClassApproximator}
	for _, cls := range classes {
		if k := hedgeCueKind(cls); k == claimsv1.HedgeCueKind_HEDGE_CUE_KIND_OTHER || k == claimsv1.HedgeCueKind_HEDGE_CUE_KIND_UNSPECIFIED {
			t.Errorf("class %q maps to %v", cls, k)
		}
	}
	c := claim.Claim{ID: "a#1", Text: "t", Span: claim.Span{Start: 0, End: 1}, Hedging: claim.Hedging{Cues: []claim.HedgeCue{
		{Text: "could", Span: claim.Span{Start: 0, End: 1}, Kind: scoring.ClassModal, Weight: 0.4, Weak: true},
		{Text: "claimed", Kind: scoring.ClassWeakAttribution, Weight: 0.7},
	}}}
	got := ResultToProto(pipeline.Result{ArticleID: "a", Claims: []claim.Claim{c}}, offsets.NewConverter("t", offsets.UTF8)).GetClaims()[0].GetHedging().GetCues()
	if !got[0].GetWeak() || got[1].GetWeak() {
		t.Errorf("weak flags %v %v, want true false", got[0].GetWeak(), got[1].GetWeak())
	}
	if got[0].GetSpan() == nil || got[1].GetSpan() != nil {
		t.Errorf("spans %v %v, want the first set and the placeless one unset", got[0].GetSpan(), got[1].GetSpan())
	}
}
