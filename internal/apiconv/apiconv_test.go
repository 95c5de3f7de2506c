package apiconv

import (
	"fmt"
	"testing"
	"time"
	"unicode/utf16"

	"google.golang.org/protobuf/types/known/timestamppb"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/offsets"
	"github.com/claimsvc/claimsvc/internal/pipeline"
)

func TestEncodingUnit(t *testing.T) {
	tests := []struct {
		in       claimsv1.EncodingType
		unit     offsets.Unit
		reported claimsv1.EncodingType
	}{
		{claimsv1.EncodingType_ENCODING_TYPE_UNSPECIFIED, offsets.UTF8, claimsv1.EncodingType_ENCODING_TYPE_UTF8},
		{claimsv1.EncodingType_ENCODING_TYPE_UTF8, offsets.UTF8, claimsv1.EncodingType_ENCODING_TYPE_UTF8},
		{claimsv1.EncodingType_ENCODING_TYPE_UTF16, offsets.UTF16, claimsv1.EncodingType_ENCODING_TYPE_UTF16},
		{claimsv1.EncodingType_ENCODING_TYPE_UTF32, offsets.UTF32, claimsv1.EncodingType_ENCODING_TYPE_UTF32},
		{claimsv1.EncodingType(99), offsets.UTF8, claimsv1.EncodingType_ENCODING_TYPE_UTF8},
	}
	for _, tt := range tests {
		unit, rep := EncodingUnit(tt.in)
		if unit != tt.unit || rep != tt.reported {
			t.Errorf("EncodingUnit(%v) = %v, %v; want %v, %v", tt.in, unit, rep, tt.unit, tt.reported)
		}
	}
}

func TestArticleFromProto(t *testing.T) {
	when := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	got := ArticleFromProto(&claimsv1.Article{Id: "a", Text: "t", Title: "h", Url: "u", LanguageCode: "en", PublishTime: timestamppb.New(when)})
	want := claim.Article{ID: "a", Text: "t", Title: "h", URL: "u", Language: "en", Published: when}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got := ArticleFromProto(&claimsv1.Article{Text: "t"}); !got.Published.IsZero() {
		t.Errorf("no publish_time gave %v, want the zero time", got.Published)
	}
}

// TestResultToProto checks the conversions a client relies on: spans in the
// asked unit, absent spans left unset (not [0,0)), unknown cue classes kept as
// OTHER, and empty lists rather than nil.
func TestResultToProto(t *testing.T) {
	text := "Él dijo: «ok». The 🍵 minister said it is closed."
	start := len("Él dijo: «ok». The 🍵 minister said ")
	end := len(text) - 1
	r := pipeline.Result{ArticleID: "x", Claims: []claim.Claim{{
		ID: "x#1", Text: text[start:end], Span: claim.Span{Start: start, End: end}, Sentence: claim.Span{Start: 0, End: len(text)},
		Speaker:     claim.Speaker{Kind: claim.SpeakerArticle, Resolution: claim.ResolutionNone},
		Attribution: claim.Attribution{Kind: claim.AttributionUnattributed},
		Hedging:     claim.Hedging{Score: 0.25, Cues: []claim.HedgeCue{{Text: "it", Span: claim.Span{Start: start, End: start + 2}, Kind: "something_new", Weight: 0.1}}},
		CheckWorthinessReasons: []claim.ScoreReason{
			{Feature: "words", Text: "closed", Span: claim.Span{Start: end - 6, End: end}, Contribution: 0.4},
			{Feature: "length_up_to_6", Contribution: -0.6},
		},
	}}}
	got := ResultToProto(r, offsets.NewConverter(text, offsets.UTF16))
	c := got.GetClaims()[0]
	runesBefore := len([]rune(text[:start])) + 1 // the teacup is two UTF-16 units
	if c.GetSpan().GetStart() != int32(runesBefore) {
		t.Errorf("UTF-16 start = %d, want %d", c.GetSpan().GetStart(), runesBefore)
	}
	if c.GetSpeaker().GetMentionSpan() != nil || c.GetAttribution().GetCueSpan() != nil {
		t.Error("absent spans should be unset")
	}
	if c.GetSpeaker().GetSourceSpan() != nil {
		t.Error("an absent source span should be unset")
	}
	if k := c.GetHedging().GetCues()[0].GetKind(); k != claimsv1.HedgeCueKind_HEDGE_CUE_KIND_OTHER {
		t.Errorf("unknown cue class became %v, want OTHER", k)
	}
	rs := c.GetCheckWorthinessReasons()
	if len(rs) != 2 || rs[0].GetFeature() != "words" || rs[0].GetContribution() != 0.4 {
		t.Fatalf("reasons = %v, want the two given", rs)
	}
	if u16 := []rune(text[:end-6]); rs[0].GetStart() != int32(len(u16)+1) || rs[0].GetEnd()-rs[0].GetStart() != 6 {
		t.Errorf("reason offsets [%d,%d), want the UTF-16 place of %q", rs[0].GetStart(), rs[0].GetEnd(), "closed")
	}
	if rs[1].GetStart() != 0 || rs[1].GetEnd() != 0 || rs[1].GetText() != "" {
		t.Errorf("a whole-claim reason has text %q at [%d,%d), want none", rs[1].GetText(), rs[1].GetStart(), rs[1].GetEnd())
	}
	if got.GetLinks() == nil || LinksToProto(nil, offsets.UTF8) == nil {
		t.Error("links should be an empty list, not nil")
	}
}

// TestSourceSpanToProto checks that the whole source phrase reaches the API in
// the asked unit, beside the mention.
func TestSourceSpanToProto(t *testing.T) {
	text := "Sen. Jöne Doe, R-Neb., said the tariff would hurt farmers."
	mention := claim.Span{Start: 0, End: len("Sen. Jöne Doe")}
	source := claim.Span{Start: 0, End: len("Sen. Jöne Doe, R-Neb.,")}
	r := pipeline.Result{ArticleID: "x", Claims: []claim.Claim{{
		ID: "x#1", Text: "the tariff would hurt farmers", Span: claim.Span{Start: 28, End: 57}, Sentence: claim.Span{Start: 0, End: len(text)},
		Speaker: claim.Speaker{Mention: text[mention.Start:mention.End], MentionSpan: mention, SourceSpan: source, Name: "Jöne Doe",
			Kind: claim.SpeakerPerson, Resolution: claim.ResolutionExplicit},
		Attribution: claim.Attribution{Cue: "said", CueSpan: claim.Span{Start: 23, End: 27}, Kind: claim.AttributionIndirect},
	}}}
	sp := ResultToProto(r, offsets.NewConverter(text, offsets.UTF16)).GetClaims()[0].GetSpeaker()
	if got, want := sp.GetSourceSpan().GetEnd(), int32(len([]rune("Sen. Jöne Doe, R-Neb.,"))); got != want {
		t.Errorf("source span end = %d UTF-16 units, want %d", got, want)
	}
	if got, want := sp.GetMentionSpan().GetEnd(), int32(len([]rune("Sen. Jöne Doe"))); got != want {
		t.Errorf("mention span end = %d, want %d", got, want)
	}
}

// TestLinkedClaimEvidenceUnits converts a link's evidence spans into UTF-16 over
// the linked claim's own text: a client slicing that text with them gets the words.
func TestLinkedClaimEvidenceUnits(t *testing.T) {
	text := "The ☕ café has no direct line to the harbour"
	start := len("The ☕ café has ")
	lc := claim.LinkedClaim{Text: text, Evidence: []claim.Span{{Start: start, End: start + 2}}, Stance: claim.StanceDenies}
	got := LinkedClaimToProto(lc, "a#1", offsets.UTF16)
	if got.GetClaimId() != "a#1" || got.GetStance() != claimsv1.Stance_STANCE_DENIES || len(got.GetEvidenceSpans()) != 1 {
		t.Fatalf("linked claim %+v", got)
	}
	sp := got.GetEvidenceSpans()[0]
	u := utf16.Encode([]rune(text))
	if w := string(utf16.Decode(u[sp.GetStart():sp.GetEnd()])); w != "no" || sp.GetText() != "no" {
		t.Errorf("UTF-16 span [%d,%d) slices %q (text %q), want \"no\"", sp.GetStart(), sp.GetEnd(), w, sp.GetText())
	}
	bad := LinkedClaimToProto(claim.LinkedClaim{Text: "short", Evidence: []claim.Span{{Start: 3, End: 99}}}, "x#1", offsets.UTF8)
	if len(bad.GetEvidenceSpans()) != 0 {
		t.Error("a span outside the claim's text must be dropped, not sent")
	}
}

// TestClaimListsStandAlone: every claim's cue and reason lists are its own —
// the right entries in the right claim, empty cue lists empty but not nil, no
// reasons nil — and an append to one claim's list (a caller editing a
// response) leaves the next claim's alone, although all lists of a result share
// their backing blocks.
func TestClaimListsStandAlone(t *testing.T) {
	text := "Prices may rise. Nobody knows. Taxes will probably fall."
	mk := func(id string, from, to int, cues []claim.HedgeCue, reasons []claim.ScoreReason) claim.Claim {
		return claim.Claim{ID: id, Text: text[from:to], Span: claim.Span{Start: from, End: to}, Sentence: claim.Span{Start: from, End: to},
			Hedging: claim.Hedging{Cues: cues}, CheckWorthinessReasons: reasons}
	}
	r := pipeline.Result{ArticleID: "x", Claims: []claim.Claim{
		mk("x#1", 0, 15, []claim.HedgeCue{{Text: "may", Span: claim.Span{Start: 7, End: 10}, Kind: "modal"}},
			[]claim.ScoreReason{{Feature: "words", Text: "rise", Span: claim.Span{Start: 11, End: 15}}, {Feature: "length_up_to_6"}}),
		mk("x#2", 17, 29, nil, nil),
		mk("x#3", 31, 55, []claim.HedgeCue{{Text: "will", Span: claim.Span{Start: 37, End: 41}, Kind: "modal"}, {Text: "probably", Span: claim.Span{Start: 42, End: 50}, Kind: "adverb"}},
			[]claim.ScoreReason{{Feature: "words", Text: "Taxes", Span: claim.Span{Start: 31, End: 36}}}),
	}}
	got := ResultToProto(r, offsets.NewConverter(text, offsets.UTF8)).GetClaims()
	cues := func(c *claimsv1.Claim) (out []string) {
		for _, h := range c.GetHedging().GetCues() {
			out = append(out, h.GetText())
		}
		return out
	}
	if fmt.Sprint(cues(got[0]), cues(got[1]), cues(got[2])) != "[may] [] [will probably]" {
		t.Errorf("cues %v %v %v", cues(got[0]), cues(got[1]), cues(got[2]))
	}
	if got[1].GetHedging().Cues == nil || len(got[1].GetHedging().Cues) != 0 {
		t.Errorf("a claim without cues has %#v, want an empty list", got[1].GetHedging().Cues)
	}
	if got[1].CheckWorthinessReasons != nil {
		t.Errorf("a claim without reasons has %v, want nil", got[1].CheckWorthinessReasons)
	}
	if n := len(got[0].GetCheckWorthinessReasons()); n != 2 || got[2].GetCheckWorthinessReasons()[0].GetText() != "Taxes" {
		t.Fatalf("reasons %v / %v", got[0].GetCheckWorthinessReasons(), got[2].GetCheckWorthinessReasons())
	}
	got[0].Hedging.Cues = append(got[0].Hedging.Cues, &claimsv1.HedgeCue{Text: "appended"})
	got[0].CheckWorthinessReasons = append(got[0].CheckWorthinessReasons, &claimsv1.ScoreReason{Text: "appended"})
	if cues(got[2])[0] != "will" || got[2].GetCheckWorthinessReasons()[0].GetText() != "Taxes" {
		t.Errorf("an append to the first claim's lists changed the third's: %v %v", cues(got[2]), got[2].GetCheckWorthinessReasons())
	}
}
