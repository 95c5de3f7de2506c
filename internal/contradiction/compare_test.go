package contradiction

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/claimsvc/claimsvc/internal/claim"
)

func TestCompare(t *testing.T) {
	c := newClassifier(t)
	day := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		a, b     Statement
		linked   bool
		relation claim.Relation
		reason   claim.Reason
		cue      string // a word the explanation must name
	}{
		{"negation", Statement{Text: "The border crossing is open."}, Statement{Text: "The border crossing is not open."},
			true, claim.RelationContradiction, claim.ReasonNegation, "not"},
		{"contraction", Statement{Text: "The minister attended the summit."}, Statement{Text: "The minister didn't attend the summit."},
			true, claim.RelationContradiction, claim.ReasonNegation, "not"},
		{"antonym", Statement{Text: "The border crossing is open."}, Statement{Text: "The border crossing is closed."},
			true, claim.RelationContradiction, claim.ReasonAntonym, "closed"},
		{"numbers of the same thing", Statement{Text: "Three soldiers were killed in the attack."}, Statement{Text: "Five soldiers were killed in the attack."},
			true, claim.RelationContradiction, claim.ReasonNumericMismatch, "5"},
		{"stance", Statement{Text: "The ministry confirmed the report about the deal."}, Statement{Text: "The ministry denied the report about the deal."},
			true, claim.RelationContradiction, claim.ReasonOpposingStance, "denied"},
		{"negative quantifier", Statement{Text: "Contact between the United States and Russia has been frequent."}, Statement{Text: "Contact between Washington and Moscow has been rare."},
			true, claim.RelationContradiction, claim.ReasonQuantity, "rare"},
		{"different speakers: dispute", Statement{Text: "The border crossing is open.", Speaker: "Olaf Scholz"}, Statement{Text: "The border crossing is not open.", Speaker: "Sergei Lavrov"},
			true, claim.RelationDispute, claim.ReasonNegation, "Lavrov"},
		{"change of state: update", Statement{Text: "There is no line of communication between Washington and Moscow."}, Statement{Text: "Washington and Moscow agreed to reopen the line of communication."},
			true, claim.RelationUpdate, claim.ReasonChangeOfState, "reopen"},
		{"explicit earlier time: update", Statement{Text: "The border crossing was previously closed."}, Statement{Text: "The border crossing is open."},
			true, claim.RelationUpdate, claim.ReasonAntonym, "previously"},
		{"published a month apart: update", Statement{Text: "The border crossing is open.", Published: day}, Statement{Text: "The border crossing is not open.", Published: day.AddDate(0, 1, 0)},
			true, claim.RelationUpdate, claim.ReasonNegation, "days"},
		{"restatement", Statement{Text: "There is no formal line of communication."}, Statement{Text: "No formal line of communication exists."},
			false, 0, 0, ""},
		{"same polarity", Statement{Text: "The border crossing is open."}, Statement{Text: "The border crossing is open to trucks."},
			false, 0, 0, ""},
		{"negation about something else", Statement{Text: "Parliament approved the budget on Tuesday."}, Statement{Text: "The weather was not good in Paris."},
			false, 0, 0, ""},
		{"not only is not a negation", Statement{Text: "The strike hit the port."}, Statement{Text: "The strike hit not only the port but the airport."},
			false, 0, 0, ""},
		{"heavily hedged side", Statement{Text: "The border crossing is open."}, Statement{Text: "The border crossing is not open.", Hedging: 0.9},
			false, 0, 0, ""},
		{"empty", Statement{}, Statement{Text: "The border crossing is open."}, false, 0, 0, ""},
		{"short flat denial of a long account", Statement{Text: "The FBI told us they found traces of explosives at the crash sites near the airport."}, Statement{Text: "The FBI never found explosives."},
			true, claim.RelationContradiction, claim.ReasonNegation, "never"},
		{"a negation and the number it governs agree", Statement{Text: "Thatcher became the second woman to lead a major party."}, Statement{Text: "Thatcher was not the first woman to lead a major party."},
			false, 0, 0, ""},
		{"number words written apart are one number", Statement{Text: "The grant has helped twenty-five students so far."}, Statement{Text: "So far, twenty five students have been helped by the grant."},
			false, 0, 0, ""},
		{"clock times under a bound do not clash", Statement{Text: "The agencies started a teleconference before 9:30."}, Statement{Text: "The agencies had started a teleconference before 10:00."},
			false, 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := c.Compare(tt.a, tt.b)
			if v.Score < 0 || v.Score > 1 {
				t.Fatalf("score %v outside [0,1]", v.Score)
			}
			if v.Contradiction != tt.linked {
				t.Fatalf("linked = %v (score %.3f, %q), want %v", v.Contradiction, v.Score, v.Explanation, tt.linked)
			}
			if !tt.linked {
				if v.Relation != claim.RelationUnspecified {
					t.Errorf("unlinked pair has relation %v", v.Relation)
				}
				return
			}
			if v.Relation != tt.relation || v.Reason != tt.reason {
				t.Errorf("relation %v reason %v, want %v %v (%q)", v.Relation, v.Reason, tt.relation, tt.reason, v.Explanation)
			}
			if !strings.Contains(v.Explanation, tt.cue) {
				t.Errorf("explanation %q does not name %q", v.Explanation, tt.cue)
			}
			// symmetric up to wording: the verdict does not depend on the order
			if w := c.Compare(tt.b, tt.a); w.Contradiction != v.Contradiction || w.Reason != v.Reason {
				t.Errorf("reversed pair: linked %v reason %v, want %v %v", w.Contradiction, w.Reason, v.Contradiction, v.Reason)
			}
		})
	}
}

func TestHedgingLowersScore(t *testing.T) {
	c := newClassifier(t)
	a := Statement{Text: "The border crossing is open."}
	b := Statement{Text: "The border crossing is not open."}
	prev := 2.0
	for _, h := range []float64{0, 0.3, 0.6, 1} {
		b.Hedging = h
		s := c.Compare(a, b).Score
		if s >= prev {
			t.Fatalf("hedging %v: score %v did not fall below %v", h, s, prev)
		}
		prev = s
	}
}

func TestCompareHostileText(t *testing.T) {
	c := newClassifier(t)
	huge := strings.Repeat("no line exists between Moscow and Washington, ", 100000)
	for _, text := range []string{"", "\xff\xfe\xfd", "\x00\x01 not \x02", "«Не» — это не так", "\"unbalanced 'quotes", huge, strings.Repeat("(", 10000)} {
		start := time.Now()
		v := c.Compare(Statement{Text: text}, Statement{Text: "A line exists between Moscow and Washington."})
		if v.Score < 0 || v.Score > 1 {
			t.Errorf("%.20q: score %v", text, v.Score)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%.20q: took %v", text, d)
		}
	}
}

func TestConcurrentCompare(t *testing.T) {
	c := newClassifier(t)
	done := make(chan Verdict)
	for range 8 {
		go func() {
			done <- c.Compare(Statement{Text: "The port is open."}, Statement{Text: "The port is not open."})
		}()
	}
	first := <-done
	for range 7 {
		if v := <-done; !reflect.DeepEqual(v, first) {
			t.Fatalf("concurrent verdicts differ: %+v vs %+v", v, first)
		}
	}
}
