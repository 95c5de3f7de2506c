package attreval

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestScoreMatching checks coverage thresholds, one-to-one matching, speaker and cue
// agreement and exact-span F1 on hand-made relations.
func TestScoreMatching(t *testing.T) {
	gold := []Relation{
		{Source: []Span{{0, 6}}, Cue: []Span{{7, 11}}, Content: []Span{{12, 112}}},                     // 100 bytes
		{Source: []Span{{200, 205}}, Cue: []Span{{206, 210}}, Content: []Span{{300, 350}, {360, 410}}}, // 100 bytes, split
		{Source: nil, Cue: []Span{{500, 505}}, Content: []Span{{510, 520}}},
	}
	pred := []Relation{
		{Source: []Span{{0, 6}}, Cue: []Span{{7, 11}}, Content: []Span{{12, 112}}},         // exact match of gold 0
		{Source: []Span{{0, 3}}, Cue: []Span{{7, 11}}, Content: []Span{{12, 50}}},          // 38% of gold 0: a duplicate
		{Source: []Span{{190, 199}}, Cue: []Span{{206, 210}}, Content: []Span{{300, 350}}}, // 50% of gold 1, wrong speaker
		{Source: nil, Cue: []Span{{600, 605}}, Content: []Span{{700, 720}}},                // matches nothing
	}
	m := Score([]Article{{Gold: gold, Pred: pred}}, nil)
	// At 0.3: gold 0 ↔ pred 0 and gold 1 ↔ pred 2; pred 1 is a duplicate and cannot
	// take gold 0 again.
	if !near(m.QuoteP03, 2.0/4) || !near(m.QuoteR03, 2.0/3) {
		t.Errorf("P/R@0.3 = %.3f/%.3f, want 0.5/0.667", m.QuoteP03, m.QuoteR03)
	}
	// At 0.8 only the exact match survives.
	if !near(m.QuoteP08, 1.0/4) || !near(m.QuoteR08, 1.0/3) {
		t.Errorf("P/R@0.8 = %.3f/%.3f, want 0.25/0.333", m.QuoteP08, m.QuoteR08)
	}
	// Speaker: only pair (0,0) overlaps its gold source.
	if wantF := 2 * (1.0 / 4) * (1.0 / 3) / (1.0/4 + 1.0/3); !near(m.SpeakerF1, wantF) {
		t.Errorf("speaker F1 = %.3f, want %.3f", m.SpeakerF1, wantF)
	}
	if !near(m.SpeakerAcc, 0.5) || !near(m.CueAcc, 1) {
		t.Errorf("speaker/cue acc = %.3f/%.3f, want 0.5/1", m.SpeakerAcc, m.CueAcc)
	}
	// Exact cue F1: gold cues {7-11, 206-210, 500-505}, predicted {7-11, 7-11, 206-210, 600-605}.
	if wantF := 2 * (2.0 / 4) * (2.0 / 3) / (2.0/4 + 2.0/3); !near(m.CueF1, wantF) {
		t.Errorf("cue exact F1 = %.3f, want %.3f", m.CueF1, wantF)
	}
	// Exact content F1: only the first, a discontinuous gold never equals one span.
	if wantF := 2 * (1.0 / 4) * (1.0 / 3) / (1.0/4 + 1.0/3); !near(m.ContentF1, wantF) {
		t.Errorf("content exact F1 = %.3f, want %.3f", m.ContentF1, wantF)
	}
}

// TestScoreNoContentGold checks that gold relations without content do not count
// against content recall but do count for cue exactness.
func TestScoreNoContentGold(t *testing.T) {
	gold := []Relation{{Source: []Span{{0, 2}}, Cue: []Span{{3, 5}}}}
	pred := []Relation{{Source: []Span{{0, 2}}, Cue: []Span{{3, 5}}, Content: []Span{{6, 9}}}}
	m := Score([]Article{{Gold: gold, Pred: pred}}, nil)
	if m.QuoteR03 != 0 || m.CueF1 != 1 {
		t.Errorf("got recall %.2f cue F1 %.2f, want 0 and 1", m.QuoteR03, m.CueF1)
	}
}

func TestIsSpeech(t *testing.T) {
	v := SpeechVerbs{"said": true, "says": true}
	for cue, want := range map[string]bool{
		"said": true, "has said": true, "said:": true, "said in a statement": true, "According to": true,
		":": true, "believes": false, "is expected": false, "": false,
	} {
		if got := v.IsSpeech(Relation{CueText: cue}); got != want {
			t.Errorf("IsSpeech(%q) = %v, want %v", cue, got, want)
		}
	}
}

func TestLoadSpeechVerbs(t *testing.T) {
	p := filepath.Join(t.TempDir(), "verbs.txt")
	if err := os.WriteFile(p, []byte("# header\nsaid\n\nSays\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	v, err := LoadSpeechVerbs(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(v) != 2 || !v["said"] || !v["says"] {
		t.Errorf("got %v", v)
	}
}

// TestFromClaims checks that the article's own claims are dropped and continued
// quotations join the claim they continue.
func TestFromClaims(t *testing.T) {
	cs := []claim.Claim{
		{Span: claim.Span{Start: 0, End: 10}, Speaker: claim.Speaker{Kind: claim.SpeakerArticle}, Attribution: claim.Attribution{Kind: claim.AttributionUnattributed}},
		{Span: claim.Span{Start: 20, End: 30}, Speaker: claim.Speaker{MentionSpan: claim.Span{Start: 31, End: 35}, Kind: claim.SpeakerPerson},
			Attribution: claim.Attribution{Cue: "said", CueSpan: claim.Span{Start: 36, End: 40}, Kind: claim.AttributionDirect}},
		{Span: claim.Span{Start: 42, End: 60}, Speaker: claim.Speaker{Kind: claim.SpeakerPerson, Resolution: claim.ResolutionContinuation},
			Attribution: claim.Attribution{Kind: claim.AttributionDirect}},
		{Span: claim.Span{Start: 70, End: 80}, Speaker: claim.Speaker{Kind: claim.SpeakerGroup},
			Attribution: claim.Attribution{Cue: "according to", CueSpan: claim.Span{Start: 82, End: 94}, Kind: claim.AttributionAccordingTo}},
	}
	rs := FromClaims(cs)
	if len(rs) != 2 {
		t.Fatalf("got %d relations, want 2: %+v", len(rs), rs)
	}
	if len(rs[0].Content) != 2 || rs[0].Content[1] != (Span{42, 60}) || rs[0].Source[0] != (Span{31, 35}) {
		t.Errorf("first relation = %+v", rs[0])
	}
	if rs[1].Source != nil || rs[1].CueText != "according to" {
		t.Errorf("second relation = %+v", rs[1])
	}
}

func TestQuoteType(t *testing.T) {
	text := `He said "it is over." Then he said it was "mostly" over. And plain words.`
	for _, tc := range []struct {
		span Span
		want string
	}{
		{Span{8, 21}, "direct"},
		{Span{35, 56}, "mixed"},
		{Span{57, 73}, "indirect"},
	} {
		if got := QuoteType(text, []Span{tc.span}); got != tc.want {
			t.Errorf("QuoteType(%q) = %s, want %s", text[tc.span[0]:tc.span[1]], got, tc.want)
		}
	}
}

// TestExactPRAndAttributedPrecision checks the exact-span precision and recall,
// attributed-claim precision and the per-quote-type split.
func TestExactPRAndAttributedPrecision(t *testing.T) {
	gold := []Relation{
		{Source: []Span{{0, 6}}, Cue: []Span{{7, 11}}, Content: []Span{{12, 40}}, QuoteType: "direct"},
		{Source: []Span{{50, 55}}, Cue: []Span{{56, 60}}, Content: []Span{{61, 90}}, QuoteType: "indirect"},
	}
	pred := []Relation{
		{Source: []Span{{0, 6}}, Cue: []Span{{7, 11}}, Content: []Span{{12, 40}}, QuoteType: "direct"},      // all exact
		{Source: []Span{{44, 48}}, Cue: []Span{{56, 60}}, Content: []Span{{61, 80}}, QuoteType: "indirect"}, // right words, wrong speaker
		{Source: []Span{{100, 104}}, Cue: []Span{{105, 109}}, Content: []Span{{110, 130}}, QuoteType: "indirect"},
	}
	arts := []Article{{Gold: gold, Pred: pred}}
	m := Score(arts, nil)
	for _, tc := range []struct {
		name      string
		got, want float64
	}{
		{"source P", m.SourceP, 1.0 / 3}, {"source R", m.SourceR, 1.0 / 2},
		{"cue P", m.CueP, 2.0 / 3}, {"cue R", m.CueR, 1},
		{"content P", m.ContentP, 1.0 / 3}, {"content R", m.ContentR, 1.0 / 2},
		{"attributed-claim P", m.AttributedP, 1.0 / 3},
	} {
		if !near(tc.got, tc.want) {
			t.Errorf("%s = %.3f, want %.3f", tc.name, tc.got, tc.want)
		}
	}
	by := ScoreByQuoteType(arts, nil)
	if d := by["direct"]; d.Gold != 1 || d.Predicted != 1 || !near(d.ContentF1, 1) {
		t.Errorf("direct: %+v", d)
	}
	if ind := by["indirect"]; ind.Gold != 1 || ind.Predicted != 2 || !near(ind.QuoteR03, 1) || !near(ind.AttributedP, 0) {
		t.Errorf("indirect: %+v", ind)
	}
	if mx := by["mixed"]; mx.Gold != 0 || mx.Predicted != 0 {
		t.Errorf("mixed: %+v", mx)
	}
}
