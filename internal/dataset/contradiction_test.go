package dataset

import (
	"strings"
	"testing"
)

func TestNLIPairLabels(t *testing.T) {
	in := `{"id":"1","premise":"A man sleeps.","hypothesis":"A man is awake.","label":"contradiction"}
{"id":"2","premise":"p","hypothesis":"h","label":"neutral"}
{"id":"3","premise":"p","hypothesis":"h","label":"non_entailment"}
`
	got, err := DecodeJSONL[NLIPair](strings.NewReader(in), "x.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		i                int
		contra, threeWay bool
		premise, hypo    string
	}{
		{0, true, true, "A man sleeps.", "A man is awake."},
		{1, false, true, "p", "h"},
		{2, false, false, "p", "h"},
	}
	for _, tt := range tests {
		p := got[tt.i]
		if p.Contradiction() != tt.contra || p.ThreeWay() != tt.threeWay || p.Premise != tt.premise || p.Hypothesis != tt.hypo {
			t.Errorf("record %d = %+v: contradiction %v three-way %v, want %v %v", tt.i, p, p.Contradiction(), p.ThreeWay(), tt.contra, tt.threeWay)
		}
	}
}
