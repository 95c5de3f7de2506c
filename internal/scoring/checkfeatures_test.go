package scoring

import (
	"strings"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// firedFeatures lists the genre-general features checkFeatures fires on sentence.
func firedFeatures(t *testing.T, sentence string) map[string]bool {
	t.Helper()
	classes, err := parseCheckLexicon(checkLexiconTSV)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	checkFeatures(sentence, tokenize(sentence, nil), claim.TypeUnspecified, classes, func(f uint32, _, _ int) {
		if !IsLexicalCheckFeature(int(f)) {
			out[CheckFeatureNames[int(f)-CheckBuckets]] = true
		}
	})
	return out
}

func TestCheckFeatures(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string // features that must fire
		not      []string // features that must not
	}{
		{"Exports rose 12 percent in March.", []string{"number", "percent", "change_verb", "date", "quantity", "past_tense"}, []string{"question", "first_person"}},
		{"The port authority spent $40 million on cranes in 2021.", []string{"money", "year", "number", "numbers_2_or_more", "past_tense"}, nil},
		{"Unemployment is higher than it was a decade ago.", []string{"comparative", "date"}, []string{"number"}},
		{"The strike led to the longest shutdown on record.", []string{"causal", "superlative"}, nil},
		{"Officials from NATO met the Finnish delegation in Brussels.", []string{"named_entity", "named_entities_2_or_more", "acronym"}, nil},
		{"Three ministers have resigned since the vote.", []string{"number", "quantity", "perfect_tense", "change_verb", "date"}, nil},
		{"I think we should do better.", []string{"opinion", "first_person", "first_person_opinion", "future"}, []string{"named_entity"}},
		{"Well, thank you all for coming.", []string{"discourse_opening"}, nil},
		{"Are you going to answer the question?", []string{"question", "second_person"}, nil},
		{"The ferry did not sail.", []string{"negation", "length_up_to_6"}, []string{"named_entity"}},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			got := firedFeatures(t, tt.sentence)
			for _, f := range tt.want {
				if !got[f] {
					t.Errorf("feature %q did not fire (fired: %v)", f, got)
				}
			}
			for _, f := range tt.not {
				if got[f] {
					t.Errorf("feature %q fired", f)
				}
			}
		})
	}
}

func TestCheckWorthinessReasons(t *testing.T) {
	s := newScorer(t)
	tests := []struct {
		sentence string
		worthy   bool
		feature  string // a feature that must be among the reasons ("" for any)
		gate     string // the gate that must come first, if any
	}{
		{"The regional airline cut 1,200 jobs in 2020.", true, "number", ""},
		{"Ticket prices rose 30 percent after the merger.", true, "percent", ""},
		{"I really hope you all enjoy the evening.", false, "", ""},
		{"What will you do about the bridge?", false, "question", ""},
		{"The new figures", false, "", gateFragment},
		{"Budget Cuts Hit Rural Hospitals Across Three States", false, "", gateHeading},
		{"Among the measures announced by the ministry in 2023 were:", false, "", gateListIntr},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			p, worthy, reasons := s.CheckWorthinessReasons(tt.sentence)
			if worthy != tt.worthy {
				t.Errorf("worthy = %v (%.3f, reasons %+v), want %v", worthy, p, reasons, tt.worthy)
			}
			if p2, w2 := s.CheckWorthiness(tt.sentence); p2 != p || w2 != worthy {
				t.Errorf("CheckWorthiness = %.4f %v, CheckWorthinessReasons = %.4f %v", p2, w2, p, worthy)
			}
			if len(reasons) == 0 || len(reasons) > maxReasons {
				t.Fatalf("%d reasons, want 1..%d", len(reasons), maxReasons)
			}
			if tt.gate != "" {
				if reasons[0].Feature != tt.gate || reasons[0].Contribution >= 0 || worthy {
					t.Errorf("reasons %+v, want gate %q first with a negative contribution", reasons, tt.gate)
				}
			} else if toward := reasons[0].Contribution > 0; toward != worthy {
				t.Errorf("first reason %+v does not point toward the verdict (worthy %v)", reasons[0], worthy)
			}
			found := tt.feature == ""
			for _, r := range reasons {
				found = found || r.Feature == tt.feature
				if !r.Span.Empty() && tt.sentence[r.Span.Start:r.Span.End] != r.Text {
					t.Errorf("reason %+v does not slice the sentence to its text", r)
				}
			}
			if !found {
				t.Errorf("reasons %+v lack %q", reasons, tt.feature)
			}
		})
	}
}

// TestScoreReasonsPointIntoArticle: a claim's reasons locate their words in the
// article, not in the claim's sentence.
func TestScoreReasonsPointIntoArticle(t *testing.T) {
	s := newScorer(t)
	text := "Storms closed the harbour. The mayor said the city spent $12 million on flood walls in 2019."
	c := mkClaim(t, text, "the city spent $12 million on flood walls in 2019", "said", 0)
	c.Sentence = claim.Span{Start: strings.Index(text, "The mayor"), End: len(text)}
	s.Score(text, &c)
	if !c.CheckWorthy || len(c.CheckWorthinessReasons) == 0 {
		t.Fatalf("claim: %.3f %v reasons %+v, want check-worthy with reasons", c.CheckWorthiness, c.CheckWorthy, c.CheckWorthinessReasons)
	}
	spans := 0
	for _, r := range c.CheckWorthinessReasons {
		if r.Span.Empty() {
			continue
		}
		spans++
		if text[r.Span.Start:r.Span.End] != r.Text || r.Span.Start < c.Span.Start || r.Span.End > c.Span.End {
			t.Errorf("reason %+v is not its text inside the claim's span %v", r, c.Span)
		}
	}
	if spans == 0 {
		t.Errorf("no reason has a span: %+v", c.CheckWorthinessReasons)
	}
}

// TestListIntroductionClaim: a claim whose content ends at a colon that ends
// its line introduces the list below it.
func TestListIntroductionClaim(t *testing.T) {
	s := newScorer(t)
	text := "Among the measures announced by the ministry in 2023 were:\n- a tax on imported steel\n- a ban on exports"
	c := mkClaim(t, text, "Among the measures announced by the ministry in 2023 were", "", 0)
	c.Sentence = claim.Span{Start: 0, End: strings.Index(text, "\n")}
	s.Score(text, &c)
	if c.CheckWorthy || len(c.CheckWorthinessReasons) == 0 || c.CheckWorthinessReasons[0].Feature != gateListIntr {
		t.Errorf("list introduction: %.3f %v reasons %+v, want held under the threshold by %q", c.CheckWorthiness, c.CheckWorthy, c.CheckWorthinessReasons, gateListIntr)
	}
	stated := "Among the measures announced by the ministry in 2023 was a tax on imported steel."
	c = mkClaim(t, stated, "Among the measures announced by the ministry in 2023 was a tax on imported steel", "", 0)
	s.Score(stated, &c)
	for _, r := range c.CheckWorthinessReasons {
		if r.Feature == gateListIntr {
			t.Errorf("a stated sentence was gated as a list introduction: %+v", c.CheckWorthinessReasons)
		}
	}
}
