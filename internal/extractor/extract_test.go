package extractor

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// wantClaim is an expected claim; empty fields are not checked.
type wantClaim struct {
	text       string
	mention    string
	name       string
	cue        string
	kind       claim.AttributionKind
	resolution claim.Resolution
}

// TestExtractAttribution runs the whole pipeline on the hard cases of attribution:
// word order, quotation styles, continuations, passives, participles, resolution.
func TestExtractAttribution(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		name string
		text string
		want []wantClaim // the attributed claims, in order
	}{
		{"inverted order", "“We will not negotiate,” said the minister.",
			[]wantClaim{{text: "“We will not negotiate,”", mention: "the minister", cue: "said", kind: claim.AttributionDirect}}},
		{"indirect with that", "Lavrov said that the talks had failed.",
			[]wantClaim{{text: "that the talks had failed", mention: "Lavrov", name: "Lavrov", cue: "said", kind: claim.AttributionIndirect, resolution: claim.ResolutionExplicit}}},
		{"mixed quotation", `Clinton said the plan was "dangerously wrong."`,
			[]wantClaim{{text: `the plan was "dangerously wrong."`, cue: "said", kind: claim.AttributionMixed}}},
		{"quotation continued in the next sentence", "“The talks are over,” Lavrov said. “We will not return. Nobody asked us.”",
			[]wantClaim{
				{text: "“The talks are over,”", mention: "Lavrov", cue: "said", kind: claim.AttributionDirect},
				{text: "“We will not return. Nobody asked us.”", name: "Lavrov", cue: "", kind: claim.AttributionDirect, resolution: claim.ResolutionContinuation}}},
		{"split quotation", "“That, unfortunately,” he said, “is part of the reality.”",
			[]wantClaim{
				{text: "“That, unfortunately,”", mention: "he", cue: "said"},
				{text: "“is part of the reality.”", resolution: claim.ResolutionContinuation}}},
		{"quotation continued across paragraphs", "Rubio said the talks would take months: “There is no channel.”\n\n“We need envoys first.”",
			[]wantClaim{
				{text: "“There is no channel.”", mention: "Rubio", cue: "said"},
				{text: "“We need envoys first.”", name: "Rubio", resolution: claim.ResolutionContinuation}}},
		{"according to, before", "According to Russian officials, the line remains open.",
			[]wantClaim{{text: "the line remains open", mention: "Russian officials", cue: "According to", kind: claim.AttributionAccordingTo}}},
		{"according to, after", "The line remains open, according to Russian officials.",
			[]wantClaim{{text: "The line remains open", mention: "Russian officials", cue: "according to", kind: claim.AttributionAccordingTo}}},
		{"two attributions in one sentence", "Lavrov said the talks failed, while Blinken said they would resume.",
			[]wantClaim{
				{text: "the talks failed", mention: "Lavrov", cue: "said"},
				{text: "they would resume", mention: "Blinken", cue: "said"}}},
		{"colon attribution", "Senator Marco Rubio outlined a road map: both capitals need envoys.",
			[]wantClaim{{text: "both capitals need envoys", mention: "Senator Marco Rubio", name: "Marco Rubio", cue: "outlined"}}},
		{"passive with by", "The administration has shown little interest in talks, a point highlighted by Russian Foreign Minister Sergei Lavrov.",
			[]wantClaim{{text: "The administration has shown little interest in talks", mention: "Russian Foreign Minister Sergei Lavrov", name: "Sergei Lavrov", cue: "highlighted"}}},
		{"pronoun resolves to the sentence subject before", "Earlier, US Secretary of State Anthony Blinken spoke in Bucharest. He asserted that the aid worked.",
			[]wantClaim{{text: "that the aid worked", mention: "He", name: "Anthony Blinken", cue: "asserted", resolution: claim.ResolutionPronoun}}},
		{"description resolves to the titled speaker", "Foreign Minister Sergei Lavrov said talks failed. The minister stressed that they may resume.",
			[]wantClaim{
				{text: "talks failed", name: "Sergei Lavrov"},
				{text: "that they may resume", mention: "The minister", name: "Sergei Lavrov", cue: "stressed", resolution: claim.ResolutionDescription}}},
		{"surname resolves to the full name", "Sergei Ryabkov made clear that no line exists. Ryabkov emphasized that no framework exists.",
			[]wantClaim{
				{text: "that no line exists", name: "Sergei Ryabkov", cue: "made clear"},
				{text: "that no framework exists", mention: "Ryabkov", name: "Sergei Ryabkov", cue: "emphasized", resolution: claim.ResolutionSurname}}},
		{"relative who", "The approach was backed by a senior Pentagon spokesperson, who said that the line is open.",
			[]wantClaim{{text: "that the line is open", mention: "who", name: "senior Pentagon spokesperson", cue: "said", resolution: claim.ResolutionPronoun}}},
		{"parenthetical cue", "The mechanism, he argued, must be resilient.",
			[]wantClaim{{text: "The mechanism, he argued, must be resilient", mention: "he", cue: "argued"}}},
		{"participle continues the speaker", "Lavrov described the stance as firm, suggesting that Washington is not serious.",
			[]wantClaim{
				{text: "the stance as firm", mention: "Lavrov", cue: "described"},
				{text: "that Washington is not serious", name: "Lavrov", cue: "suggesting"}}},
		{"nested quotation", "“He told me ‘never again,’ and I believed him,” Smith said.",
			[]wantClaim{{text: "“He told me ‘never again,’ and I believed him,”", mention: "Smith", cue: "said", kind: claim.AttributionDirect}}},
		{"question in a quotation before its cue", "“Is it over? OK?” Trump said.",
			[]wantClaim{{text: "“Is it over? OK?”", mention: "Trump", cue: "said", kind: claim.AttributionDirect}}},
		{"cue inside an unclosed quotation is not a cue", "“The talks are over, Lavrov said.", nil},
		// Cue boundaries as PolNeAR draws them.
		{"appositive speaker without its closing comma", "The deputy foreign minister, Sergei Ryabkov, made clear that no line exists.",
			[]wantClaim{{text: "that no line exists", mention: "The deputy foreign minister, Sergei Ryabkov", name: "Sergei Ryabkov", cue: "made clear"}}},
		{"adverb before the verb is part of the cue", "Fact-checkers soon noted that Clinton had misspoken.",
			[]wantClaim{{text: "that Clinton had misspoken", mention: "Fact-checkers", cue: "soon noted"}}},
		{"contracted auxiliary is part of the cue", "He’s predicting big wins in the races ahead.",
			[]wantClaim{{text: "big wins in the races ahead", mention: "He", cue: "’s predicting"}}},
		{"statement named by the verb", "The committee issued a statement saying the emails were stolen.",
			[]wantClaim{{text: "the emails were stolen", mention: "The committee", cue: "issued a statement saying"}}},
		{"weekday after the verb", "Lavrov said Sunday that the talks had failed.",
			[]wantClaim{{text: "that the talks had failed", mention: "Lavrov", cue: "said Sunday"}}},
		{"show needs a document, which may stand before the phrase", "Audit files from NGP VAN show that four accounts searched the data.",
			[]wantClaim{{text: "that four accounts searched the data", mention: "Audit files from NGP VAN", cue: "show"}}},
		{"poll opener", "In a Des Moines Register poll last month, Cruz had a 10-point lead.",
			[]wantClaim{{text: "Cruz had a 10-point lead", mention: "a Des Moines Register poll last month", cue: "In", kind: claim.AttributionAccordingTo}}},
		{"title-case headline verb", "Trump Says He Never Pledged To Kill Family Members",
			[]wantClaim{{text: "He Never Pledged To Kill Family Members", mention: "Trump", cue: "Says"}}},
		{"closing mark typed as an opening one", "“It's unusual,“ said Larry Noble, an attorney.",
			[]wantClaim{{text: "“It's unusual,“", cue: "said", kind: claim.AttributionDirect}}},
		{"naming is not speech", "A group called Citizens for Trump expects 5,000 people to attend the rally.", nil},
		{"appear without to is not a cue", "Carson appeared on Sunday interview shows amid news reports of trouble.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cs, err := e.Extract(context.Background(), tc.text)
			if err != nil {
				t.Fatal(err)
			}
			checkSpans(t, tc.text, cs)
			var got []claim.Claim
			for _, c := range cs {
				if c.Attribution.Kind != claim.AttributionUnattributed {
					got = append(got, c)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d attributed claims, want %d:\n%s", len(got), len(tc.want), describe(cs))
			}
			for i, w := range tc.want {
				c := got[i]
				check := func(field, g, x string) {
					if x != "" && g != x {
						t.Errorf("claim %d %s = %q, want %q", i, field, g, x)
					}
				}
				check("text", c.Text, w.text)
				check("mention", c.Speaker.Mention, w.mention)
				check("name", c.Speaker.Name, w.name)
				check("cue", c.Attribution.Cue, w.cue)
				if w.kind != 0 && c.Attribution.Kind != w.kind {
					t.Errorf("claim %d kind = %d, want %d", i, c.Attribution.Kind, w.kind)
				}
				if w.resolution != 0 && c.Speaker.Resolution != w.resolution {
					t.Errorf("claim %d resolution = %d, want %d", i, c.Speaker.Resolution, w.resolution)
				}
			}
		})
	}
}

// TestExtractArticleVoice checks that unattributed body sentences are the article's
// own claims, and that headlines and list items are not.
func TestExtractArticleVoice(t *testing.T) {
	e := newTestExtractor(t)
	text := "Talks Resume in Geneva\n\nThe two sides met in Geneva on Monday.\n- Improving information exchange\nOk then."
	cs, err := e.Extract(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 {
		t.Fatalf("got %d claims, want 1:\n%s", len(cs), describe(cs))
	}
	c := cs[0]
	if c.Text != "The two sides met in Geneva on Monday" || c.Speaker.Kind != claim.SpeakerArticle ||
		c.Speaker.Resolution != claim.ResolutionNone || c.Attribution.Kind != claim.AttributionUnattributed {
		t.Errorf("got %+v", c)
	}
}

// TestExtractHostile feeds inputs that have broken other extractors: they must not
// panic and every span must slice the input.
func TestExtractHostile(t *testing.T) {
	e := newTestExtractor(t)
	inputs := []string{
		"", " ", "\n\n\n", "\"", "“", "”", `"""""""`, "“”“”“”", "'''", "``''",
		"said", "according to", ", said", "said said said.", ": “", "He said:", "— said X —",
		"\xff\xfe said \xc3", "Lavrov said \x00\x01 that\x7f it \u200b failed.", "שלום, אמר השר.",
		"外交部长说，会谈失败了。", "(((((((", ")))) said X", "[CITATION:", "| | | |", "Mr. Mr. Mr.",
		strings.Repeat("“", 1000) + " said Lavrov", strings.Repeat("a, ", 5000) + "he said.",
		strings.Repeat("Lavrov said that ", 2000),
	}
	for _, in := range inputs {
		cs, err := e.Extract(context.Background(), in)
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		checkSpans(t, in, cs)
	}
}

// TestExtractCancel checks that a cancelled context stops a long extraction with
// the context's error.
func TestExtractCancel(t *testing.T) {
	e := newTestExtractor(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	big := strings.Repeat("Lavrov said the talks failed.\n\n", 100000)
	_, err := e.Extract(ctx, big)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// TestExtractLinear feeds about a megabyte of each input shape that could make a
// per-sentence stage quadratic (cue-dense run-on lines, endless quotations, colons).
// Linear work finishes in well under a second each; a quadratic stage would take
// minutes, so the generous bound does not flake on a busy machine.
func TestExtractLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("megabyte inputs")
	}
	e := newTestExtractor(t)
	for _, unit := range []string{
		"Lavrov said that ", "x said, ", "he said: ", "“a ", "a, ", "According to X, ", "Mr. ", "(",
		"Sergei Lavrov", " Minister Ivan Petrov said the minister added. ",
	} {
		in := strings.Repeat(unit, (1<<20)/len(unit))
		start := time.Now()
		cs, err := e.Extract(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, in, cs)
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("%q ×%d took %v: not linear", unit, len(in)/len(unit), d)
		}
	}
}

// expiringCtx reports no error for its first `after` checks and DeadlineExceeded
// from then on: a deadline that passes in the middle of a call, deterministically.
type expiringCtx struct {
	context.Context
	after, checks int
}

func (c *expiringCtx) Err() error {
	if c.checks++; c.checks > c.after {
		return context.DeadlineExceeded
	}
	return nil
}

// TestExtractChecksContextInsideLongLines: one line of many sentences (a single
// block) still sees a deadline that passes while it is read.
func TestExtractChecksContextInsideLongLines(t *testing.T) {
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Repeat("The minister said the talks would resume next week. ", 2000)
	for _, text := range []string{line, strings.Repeat(`"a `, 40000), strings.Repeat("word ", 50000)} {
		ctx := &expiringCtx{Context: context.Background(), after: 2}
		if _, err := e.Extract(ctx, text); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%.20q…: err = %v after %d checks, want DeadlineExceeded", text, err, ctx.checks)
		}
		if ctx.checks < 3 {
			t.Errorf("%.20q…: context checked %d times in one %d-byte line", text, ctx.checks, len(text))
		}
	}
}
