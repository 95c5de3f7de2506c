package scoring

import (
	"strings"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

func TestCheckWorthiness(t *testing.T) {
	s := newScorer(t)
	tests := []struct {
		sentence string
		worthy   bool
	}{
		{"The unemployment rate fell to 3.5 percent in 2019.", true},
		{"Under his plan, taxes went up by $2,000 a year for middle-class families.", true},
		{"We have lost 700,000 manufacturing jobs since he took office.", true},
		{"Thank you very much, it's great to be here tonight.", false},
		{"I think we need to come together as a country.", false},
		{"What are you going to do about it?", false},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			p, worthy := s.CheckWorthiness(tt.sentence)
			if worthy != tt.worthy {
				t.Errorf("CheckWorthiness = %.3f (%v), want %v", p, worthy, tt.worthy)
			}
		})
	}
}

func TestCheckWorthinessRanks(t *testing.T) {
	s := newScorer(t)
	fact, _ := s.CheckWorthiness("Crime went up 20 percent in the city last year.")
	opinion, _ := s.CheckWorthiness("I believe in this country and its people.")
	if !(fact > opinion) {
		t.Errorf("a numeric factual claim (%.3f) should outrank an opinion (%.3f)", fact, opinion)
	}
}

func TestCheckWorthinessHostileInput(t *testing.T) {
	s := newScorer(t)
	for _, in := range []string{"", "\xff\xfe", "\x00", strings.Repeat("1 ", 100000), "???", "Путин заявил"} {
		p, ok := s.CheckWorthiness(in)
		if p != p || p < 0 || p > 1 {
			t.Errorf("%.20q: score %v outside [0,1]", in, p)
		}
		if p2, ok2 := s.CheckWorthiness(in); p2 != p || ok2 != ok {
			t.Errorf("%.20q: non-deterministic", in)
		}
	}
}

func TestScoreFillsCheckWorthiness(t *testing.T) {
	s := newScorer(t)
	text := "The senator said unemployment fell to 3.5 percent in 2019."
	c := mkClaim(t, text, "unemployment fell to 3.5 percent in 2019", "said", 0)
	s.Score(text, &c)
	want, wantOK := s.CheckWorthiness(c.Text)
	if c.CheckWorthiness != want || c.CheckWorthy != wantOK || !c.CheckWorthy {
		t.Errorf("claim check-worthiness %.3f %v, want %.3f %v (worthy)", c.CheckWorthiness, c.CheckWorthy, want, wantOK)
	}
	_ = claim.Claim{}
}
