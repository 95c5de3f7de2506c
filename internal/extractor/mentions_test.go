package extractor

import (
	"context"
	"strings"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// oneSentence tokenizes text as one block and returns the mention context and its
// first sentence.
func oneSentence(t *testing.T, e *Extractor, text string) (*mentionCtx, sentence) {
	t.Helper()
	sg := segmenter{lx: e.lx}
	bt := sg.tokenize(context.Background(), text, Span{0, len(text)})
	ss := sg.sentences(text, bt, 0, nil)
	if len(ss) == 0 {
		t.Fatalf("no sentence in %q", text)
	}
	m := &mentionCtx{lx: e.lx, text: text}
	m.setBlock(sg.toks, sg.keys)
	return m, ss[0]
}

// TestFindCues covers reporting verbs in any tense and voice, multi-word cues, and
// the reporting words that are not cues where they stand.
func TestFindCues(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		text string
		want []string // cue texts in order
	}{
		{"Lavrov said the talks failed.", []string{"said"}},
		{"Lavrov has emphasized that talks failed.", []string{"has emphasized"}},
		{"Lavrov has also said that talks failed.", []string{"has also said"}},
		{"Ryabkov made clear that no line exists.", []string{"made clear"}},
		{"According to officials, the line is open.", []string{"According to"}},
		{"The line is open, according to officials.", []string{"according to"}},
		{"It was a point highlighted by Lavrov in an interview.", []string{"highlighted"}},
		{"Rubio outlined a road map: both sides need envoys.", []string{"outlined"}},
		{"Nordhaus said: “No economy has succeeded.”", []string{"said:"}},
		{"She warned of a crisis.", []string{"warned of"}},
		{"Kasich: “We are going all the way.”", []string{":"}},
		{"He said, adding that it was over.", []string{"said", "adding"}},
		// Not cues: nouns, infinitives, names, quoted words, modifiers.
		{"The claims were false.", nil},
		{"He went home to say goodbye.", nil},
		{"The United States agreed.", []string{"agreed"}},
		{"“I said no,” he wrote.", []string{"wrote"}},
		{"Sexton, a creative writing professor, spoke.", nil},
		{"Lavrov's remarks were long.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			m, s := oneSentence(t, e, tc.text)
			var got []string
			for _, c := range m.findCues(s, nil) {
				got = append(got, tc.text[m.toks[c.c0].start:m.toks[c.c1-1].end])
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("cues = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestAnalyzeMention covers speaker phrases: titles and roles, appositives,
// organizations, groups, anonymous sources, pronouns and descriptions.
func TestAnalyzeMention(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		phrase string
		kind   claim.SpeakerKind
		name   string
		title  string
		org    string
		desc   bool
	}{
		{"Russian Foreign Minister Sergei Lavrov", claim.SpeakerPerson, "Sergei Lavrov", "Foreign Minister", "Russia", false},
		{"The deputy foreign minister, Sergei Ryabkov,", claim.SpeakerPerson, "Sergei Ryabkov", "deputy foreign minister", "", false},
		{"Mr. Rubio, the Florida senator,", claim.SpeakerPerson, "Rubio", "Mr.", "", false},
		{"US Secretary of State Anthony Blinken", claim.SpeakerPerson, "Anthony Blinken", "Secretary of State", "United States", false},
		{"Jim McDermott (D-Wash.)", claim.SpeakerPerson, "Jim McDermott", "", "", false},
		{"the Pentagon", claim.SpeakerOrganization, "the Pentagon", "", "the Pentagon", false},
		{"TASS", claim.SpeakerOrganization, "TASS", "", "", false},
		{"The New York Post", claim.SpeakerOrganization, "The New York Post", "", "", false},
		{"Russian officials", claim.SpeakerGroup, "Russian officials", "", "Russia", false},
		{"analysts", claim.SpeakerGroup, "analysts", "", "", false},
		{"Officials in Washington and allied capitals", claim.SpeakerGroup, "Officials", "", "", false},
		{"a senior Pentagon spokesperson", claim.SpeakerAnonymous, "senior Pentagon spokesperson", "senior Pentagon spokesperson", "the Pentagon", false},
		{"an official familiar with the talks", claim.SpeakerAnonymous, "official", "official", "", false},
		{"the minister", claim.SpeakerUnspecified, "minister", "minister", "", true},
		{"One in three", claim.SpeakerGroup, "One", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.phrase, func(t *testing.T) {
			m, s := oneSentence(t, e, tc.phrase)
			end := s.t1
			mt := m.analyze(s.t0, end)
			if mt.kind != tc.kind || mt.name != tc.name || mt.title != tc.title || mt.org != tc.org || mt.desc != tc.desc {
				t.Errorf("got kind=%d name=%q title=%q org=%q desc=%v, want kind=%d name=%q title=%q org=%q desc=%v",
					mt.kind, mt.name, mt.title, mt.org, mt.desc, tc.kind, tc.name, tc.title, tc.org, tc.desc)
			}
		})
	}
	for _, p := range []string{"he", "she", "they", "who"} {
		m, s := oneSentence(t, e, p)
		if mt := m.analyze(s.t0, s.t1); mt.pron == pronounNone {
			t.Errorf("%q: not read as a pronoun", p)
		}
	}
}
