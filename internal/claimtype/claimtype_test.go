package claimtype

import (
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// TestClassify types sentences written for this test, one or more per type,
// including the traps: a bare noun phrase with a relative clause, a heading, a
// modal in a subordinate clause, "May" the month, infinitival content after an
// event cue and after a plan cue.
func TestClassify(t *testing.T) {
	ty, err := New()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, cue string
		want      claim.Type
	}{
		{"The harbour bridge closed to traffic on Monday", "", claim.TypeEvent},
		{"the two mayors met in Lyon last week", "said", claim.TypeEvent},
		{"The council has approved the budget", "", claim.TypeEvent},
		{"to reopen the northern crossing", "have agreed", claim.TypeEvent},
		{"to reopen the northern crossing", "promised", claim.TypePrediction},
		{"there is no direct rail link between the two towns", "said", claim.TypeFact},
		{"that trade between the cities has been scarce for a decade", "noted", claim.TypeFact},
		{"no formal talks exist because the positions remain far apart", "", claim.TypeFact},
		{"The ferry will resume service in spring", "", claim.TypePrediction},
		{"the new line is expected to carry ten thousand people a day", "said", claim.TypePrediction},
		{"In May the union signed the deal", "", claim.TypeEvent},
		{"The city officials drafted a plan that might take years", "", claim.TypeEvent},
		{"keeping the ferry running is essential for the island", "said", claim.TypeOpinion},
		{"a negotiated settlement remains preferable to a strike", "", claim.TypeOpinion},
		{"both unions should return to the table", "urged", claim.TypeRecommendation},
		{"the city would need to hire two hundred drivers", "", claim.TypeRecommendation},
		{"The mayor's remarks fit into a long pattern of caution", "", claim.TypeMeta},
		{"The exchange underscored the gap between the two sides", "", claim.TypeMeta},
		{"the stability of the timetable as a selling point", "welcomed", claim.TypeNotProposition},
		{"the importance of fixing the signals that delay trains", "stressing", claim.TypeNotProposition},
		{"Key goals of the new timetable include", "", claim.TypeNotProposition},
		{"Practical Steps for Safer Streets and Better Bus Services To make sure that the plan works", "", claim.TypeNotProposition},
		{"Russian Foreign Minister Sergei Lavrov met his counterpart", "", claim.TypeEvent},
		{"The remarks", "reported", claim.TypeNotProposition},
		{"", "", claim.TypeNotProposition},
		{"the port authority maintains open berths for fishing boats", "said", claim.TypeFact},
		{"The port authority maintains open berths for fishing boats", "", claim.TypeFact},
	}
	for _, tt := range tests {
		if got := ty.Classify(tt.text, tt.cue); got != tt.want {
			t.Errorf("Classify(%q, %q) = %v, want %v", tt.text, tt.cue, got, tt.want)
		}
	}
}

// TestClassifyHostile never panics and types junk as no proposition.
func TestClassifyHostile(t *testing.T) {
	ty, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"\xff\xfe", "“”", "....", "a", "日本語のテキストです"} {
		if got := ty.Classify(s, ""); got.Proposition() {
			t.Errorf("Classify(%q) = %v, want a non-proposition", s, got)
		}
	}
}

// BenchmarkClassify types a claim of news length: the cost typing adds to each
// extracted claim.
//
//	go test -run '^$' -bench Classify -cpu 1 ./internal/claimtype/
func BenchmarkClassify(b *testing.B) {
	ty, err := New()
	if err != nil {
		b.Fatal(err)
	}
	text := "that formal contact between the two harbour authorities has been scarce for nearly two years, with only occasional exchanges through private channels among senior officials"
	b.ReportAllocs()
	for b.Loop() {
		ty.Classify(text, "noted")
	}
}
