package extractor

import (
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// TestResolver checks resolution on mentions in text order: a full name is
// remembered; surnames, pronouns and descriptions find it; "they" finds the latest
// group; an unknown description stays as written.
func TestResolver(t *testing.T) {
	rs := newResolver()
	text := "0123456789"
	sp := Span{0, 1}
	steps := []struct {
		mt       mention
		wantName string
		wantHow  claim.Resolution
		wantKind claim.SpeakerKind
	}{
		{mention{kind: claim.SpeakerPerson, name: "Sergei Lavrov", surname: "lavrov", title: "Foreign Minister", org: "Russia"},
			"Sergei Lavrov", claim.ResolutionExplicit, claim.SpeakerPerson},
		{mention{kind: claim.SpeakerGroup, name: "Russian officials"}, "Russian officials", claim.ResolutionExplicit, claim.SpeakerGroup},
		{mention{kind: claim.SpeakerPerson, name: "Lavrov", surname: "lavrov"}, "Sergei Lavrov", claim.ResolutionSurname, claim.SpeakerPerson},
		{mention{pron: pronounPerson}, "Sergei Lavrov", claim.ResolutionPronoun, claim.SpeakerPerson},
		{mention{pron: pronounPlural}, "Russian officials", claim.ResolutionPronoun, claim.SpeakerGroup},
		{mention{desc: true, head: "minister", name: "the minister"}, "Sergei Lavrov", claim.ResolutionDescription, claim.SpeakerPerson},
		{mention{desc: true, head: "ambassador", name: "the ambassador"}, "the ambassador", claim.ResolutionExplicit, claim.SpeakerAnonymous},
		{mention{kind: claim.SpeakerPerson, name: "Anthony Blinken", surname: "blinken"}, "Anthony Blinken", claim.ResolutionExplicit, claim.SpeakerPerson},
		{mention{pron: pronounPerson}, "Anthony Blinken", claim.ResolutionPronoun, claim.SpeakerPerson},
	}
	for i, st := range steps {
		got := rs.speaker(st.mt, text, sp)
		if got.Name != st.wantName || got.Resolution != st.wantHow || got.Kind != st.wantKind {
			t.Errorf("step %d: got name=%q how=%d kind=%d, want %q %d %d", i, got.Name, got.Resolution, got.Kind, st.wantName, st.wantHow, st.wantKind)
		}
	}
	// The surname's entity kept the title and organization of the full mention.
	if got := rs.speaker(mention{kind: claim.SpeakerPerson, name: "Lavrov", surname: "lavrov"}, text, sp); got.Title != "Foreign Minister" || got.Organization != "Russia" {
		t.Errorf("surname lost title/organization: %+v", got)
	}
}

// TestResolverUnresolvedPronoun checks that a pronoun with nothing before it keeps
// the mention as its name instead of inventing a speaker.
func TestResolverUnresolvedPronoun(t *testing.T) {
	rs := newResolver()
	got := rs.speaker(mention{pron: pronounPerson}, "He said so.", Span{0, 2})
	if got.Name != "He" || got.Resolution != claim.ResolutionPronoun || got.Kind != claim.SpeakerPerson {
		t.Errorf("got %+v", got)
	}
}
