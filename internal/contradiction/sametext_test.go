package contradiction

import (
	"testing"
	"time"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/dataset"
)

// TestSameTextNeverLinks checks what sameText relies on: compare links no two
// statements of the same text, whatever speakers, times, types, hedging and
// articles they come with. The texts carry every kind of cue (negation,
// quantifiers, antonyms, numbers, dates, stance verbs, changes of state, aligned
// actors), from the compare tests, the seed articles and synthetic claims.
func TestSameTextNeverLinks(t *testing.T) {
	c := newClassifier(t)
	texts := []string{
		"", "The border crossing is open.", "The border crossing is not open.", "The border crossing is closed.",
		"Three soldiers were killed in the attack.", "The ministry confirmed the report about the deal.",
		"The ministry denied the report about the deal.", "Contact between Washington and Moscow has been rare.",
		"There is no line of communication between Washington and Moscow.",
		"Washington and Moscow agreed to reopen the line of communication.",
		"The border crossing was previously closed.", "No formal line of communication exists.",
		"The FBI never found explosives.", "Thatcher was not the first woman to lead a major party.",
		"So far, twenty five students have been helped by the grant.", "The agencies started a teleconference before 9:30.",
		"Russia and the United States did not resume talks in May 2024, confirmed Lavrov, but denied the rest.",
		"Moscow says contact with Washington is limited to practical matters, not dialogue.",
		"No, I painted it on Tuesday.",
	}
	for _, cl := range syntheticClaims(200) {
		texts = append(texts, cl.Text)
	}
	if seeds, err := seedTexts(); err == nil {
		texts = append(texts, seeds...)
	}
	t.Logf("%d texts", len(texts))
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	sides := []Statement{
		{},
		{Speaker: "Sergei Lavrov", Hedging: 0.4, Published: day, Type: claim.TypeFact, Article: "x"},
		{Speaker: "Marco Rubio", Published: day.AddDate(0, 2, 0), Type: claim.TypeOpinion, Article: "y"},
		{Type: claim.TypeEvent, Article: "x", Hedging: 1},
		{Speaker: "Sergei Lavrov", Type: claim.TypePrediction, Article: "z", Published: day},
		{Type: claim.TypeRecommendation},
	}
	for _, text := range texts {
		aa, ab := c.lx.analyze(text), c.lx.analyze(text)
		for _, sa := range sides {
			for _, sb := range sides {
				sa.Text, sb.Text = text, text
				if v := c.compare(&sa, aa, &sb, ab); v.Linked() {
					t.Fatalf("%q with itself (%+v, %+v): linked %v %v", text, sa, sb, v.Relation, v.Reason)
				}
			}
		}
	}
}

// seedTexts is the sentences of the seed articles (an error without them).
func seedTexts() ([]string, error) {
	var out []string
	seeds, err := dataset.ReadSeeds()
	if err != nil {
		return nil, err
	}
	for _, sd := range seeds {
		out = append(out, sentences(sd.Text)...)
	}
	return out, nil
}
