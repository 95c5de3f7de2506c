package extractor

import (
	"context"
	"strings"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// wantSpeaker is an expected attributed claim; empty fields are not checked.
type wantSpeaker struct {
	text    string // claim text, exactly
	mention string
	name    string
	title   string
	kind    claim.SpeakerKind
	cue     string
}

// TestExtractSpeakers covers who is (and who is not) a speaker: passives with and
// without an agent, appositive nouns, subordinators, relative pronouns, places,
// abstract nouns, documents and titles in names. Each case lists the attributed
// claims it must produce in order (unattributed claims are skipped), mentions no
// claim may have, and text that must stay the article's own assertion.
func TestExtractSpeakers(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		name       string
		text       string
		want       []wantSpeaker
		notMention []string // no claim may have one of these speaker mentions
		article    string   // an article-voice claim must contain this, when set
	}{
		{name: "appositive noun with a bare participle is not a speaker",
			text:       "The city's official stance on the bridge centers on keeping the ferry running, a position reiterated during a recent council briefing.",
			notMention: []string{"a position"},
			article:    "The city's official stance on the bridge centers on keeping the ferry running"},
		{name: "appositive noun with an agent: the agent speaks",
			text: "The council has shown little interest in a new ferry contract, a point highlighted by Transport Minister Ana Ruiz in an interview.",
			want: []wantSpeaker{{text: "The council has shown little interest in a new ferry contract", mention: "Transport Minister Ana Ruiz",
				name: "Ana Ruiz", title: "Transport Minister", kind: claim.SpeakerPerson, cue: "highlighted"}}},
		{name: "a view shared by many, in parentheses",
			text: "The toll should be scrapped (a view echoed by local residents).",
			want: []wantSpeaker{{text: "The toll should be scrapped", mention: "local residents", kind: claim.SpeakerGroup, cue: "echoed"}}},
		{name: "be-passive with agent, then a relative clause of the agent",
			text: "This plan was underscored by a senior council spokesperson, who stressed that the budget is balanced.",
			want: []wantSpeaker{
				{text: "This plan", mention: "a senior council spokesperson", name: "senior council spokesperson", kind: claim.SpeakerAnonymous, cue: "was underscored"},
				{text: "that the budget is balanced", mention: "who", name: "senior council spokesperson", kind: claim.SpeakerAnonymous, cue: "stressed"}},
			notMention: []string{"This plan"}},
		{name: "be-passive: the subject is never the speaker",
			text:       "The schedule was criticized by union leaders at the meeting.",
			want:       []wantSpeaker{{text: "The schedule", mention: "union leaders", kind: claim.SpeakerGroup, cue: "was criticized"}},
			notMention: []string{"The schedule"}},
		{name: "participle with a gap before its agent",
			text:       "The figures, reported on Monday by Reuters, showed a sharp drop in traffic.",
			want:       []wantSpeaker{{text: "The figures", mention: "Reuters", kind: claim.SpeakerOrganization, cue: "reported"}},
			notMention: []string{"Monday"}},
		{name: "subordinator opening the sentence is not a speaker",
			text:       "While a formal vote remained uncertain, the proposal signaled a shift and pointed to smaller talks.",
			notMention: []string{"While"}},
		{name: "subordinator before the real subject",
			text: "Councillor Ines Varga spoke on Monday. Though she called the delay outrageous and called for a refund, she stayed calm.",
			want: []wantSpeaker{
				{mention: "she", name: "Ines Varga", title: "Councillor", kind: claim.SpeakerPerson, cue: "called"},
				{mention: "she", name: "Ines Varga", kind: claim.SpeakerPerson, cue: "called for"}},
			notMention: []string{"Though"}},
		{name: "gerund subject is not a name",
			text:       "Building confidence will likely require patience on both sides.",
			notMention: []string{"Building"}},
		{name: "restrictive relative without a speaker antecedent",
			text:       "The city remains open to hearing from anyone who genuinely seeks a fair deal on tolls.",
			notMention: []string{"who"}},
		{name: "restrictive relative resolves to its antecedent",
			text: "The firm hired an architect who said he was owed money.",
			want: []wantSpeaker{{text: "he was owed money", mention: "who", name: "architect", kind: claim.SpeakerAnonymous, cue: "said"}}},
		{name: "adjectival -ing after and is not a cue",
			text:       "The ambassador has been approached on urgent and pressing issues.",
			notMention: []string{"The ambassador"}},
		{name: "street name is a place; the owners speak",
			text:       "Shop owners on Quay Street said the closure cost them a third of their trade.",
			want:       []wantSpeaker{{text: "the closure cost them a third of their trade", mention: "Shop owners on Quay Street", kind: claim.SpeakerGroup, cue: "said"}},
			notMention: []string{"Quay Street"}},
		{name: "abstract subjects and a following it are not speakers",
			text:       "The conversation underscored that talks still matter, and it highlighted a preference for small steps.",
			notMention: []string{"The conversation", "it"},
			article:    "The conversation underscored that talks still matter"},
		{name: "abstract noun before a cue verb",
			text:       "The decision signaled that the city is short of money, and the emphasis remains on repairs that can be adjusted or clarified without delay.",
			notMention: []string{"The decision", "the emphasis remains", "The decision signaled"}},
		{name: "parenthetical participle between subject and cue",
			text: "An engineer who worked on the inspection, speaking on condition of anonymity, said the survey found damage to the main span.",
			want: []wantSpeaker{
				{text: "the survey found damage to the main span", mention: "An engineer", kind: claim.SpeakerAnonymous, cue: "said"}},
			notMention: []string{"the survey"}},
		{name: "a document is a source of its own, not a person",
			text: "The survey found damage to the main span.",
			want: []wantSpeaker{{text: "damage to the main span", mention: "The survey", kind: claim.SpeakerOrganization, cue: "found"}}},
		{name: "capitalised title words before a title stay in the title",
			text: "Transport Commissioner Dana Whitfield said on Monday that the bridge will reopen in May. “The repairs are on schedule,” she told reporters.",
			want: []wantSpeaker{
				{text: "that the bridge will reopen in May", mention: "Transport Commissioner Dana Whitfield", name: "Dana Whitfield", title: "Transport Commissioner", kind: claim.SpeakerPerson, cue: "said"},
				{mention: "she", name: "Dana Whitfield", title: "Transport Commissioner", kind: claim.SpeakerPerson, cue: "told"}}},
		{name: "council titles",
			text: "Councillor Ines Varga said the ferry will run all summer.",
			want: []wantSpeaker{{mention: "Councillor Ines Varga", name: "Ines Varga", title: "Councillor", kind: claim.SpeakerPerson, cue: "said"}}},
		{name: "a name suffix is not a name after a title",
			text: "Martin Luther King Jr. said the march would go ahead.",
			want: []wantSpeaker{{name: "Martin Luther King Jr.", kind: claim.SpeakerPerson, cue: "said"}}},
		{name: "it after an organization resolves to it",
			text:       "The union said it has warned the city about the cables.",
			want:       []wantSpeaker{{mention: "The union", kind: claim.SpeakerOrganization, cue: "said"}},
			notMention: []string{"Quay Street"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cs, err := e.Extract(context.Background(), tc.text)
			if err != nil {
				t.Fatal(err)
			}
			var got []claim.Claim
			for _, c := range cs {
				for _, nm := range tc.notMention {
					if c.Speaker.Mention == nm {
						t.Errorf("claim %q has non-speaker %q (cue %q)", c.Text, nm, c.Attribution.Cue)
					}
				}
				if c.Attribution.Kind != claim.AttributionUnattributed && c.Speaker.Resolution != claim.ResolutionContinuation {
					got = append(got, c)
				}
			}
			if tc.article != "" && !hasArticleClaim(cs, tc.article) {
				t.Errorf("no article-voice claim containing %q; got %s", tc.article, describeClaims(cs))
			}
			if len(got) < len(tc.want) {
				t.Fatalf("got %d attributed claims, want at least %d: %s", len(got), len(tc.want), describeClaims(cs))
			}
			for i, w := range tc.want {
				g := got[i]
				check := func(field, got, want string) {
					if want != "" && got != want {
						t.Errorf("claim %d %s = %q, want %q (%s)", i, field, got, want, describeClaims(cs))
					}
				}
				check("text", g.Text, w.text)
				check("mention", g.Speaker.Mention, w.mention)
				check("name", g.Speaker.Name, w.name)
				check("title", g.Speaker.Title, w.title)
				check("cue", g.Attribution.Cue, w.cue)
				if w.kind != claim.SpeakerUnspecified && g.Speaker.Kind != w.kind {
					t.Errorf("claim %d speaker kind = %v, want %v (%s)", i, g.Speaker.Kind, w.kind, describeClaims(cs))
				}
			}
		})
	}
}

// hasArticleClaim says whether some article-voice claim contains sub.
func hasArticleClaim(cs []claim.Claim, sub string) bool {
	for _, c := range cs {
		if c.Speaker.Kind == claim.SpeakerArticle && strings.Contains(c.Text, sub) {
			return true
		}
	}
	return false
}

// describeClaims renders claims for failure messages.
func describeClaims(cs []claim.Claim) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString("\n  [" + c.Speaker.Mention + " → " + c.Speaker.Name + " / " + c.Attribution.Cue + "] " + c.Text)
	}
	return b.String()
}
