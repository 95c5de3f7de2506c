package extractor

import (
	"context"
	"testing"
	"unicode/utf8"
)

// FuzzExtract asserts that no input makes the extractor panic, that every span
// slices the input, and that on valid UTF-8 every span falls on rune boundaries.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"“We will not negotiate,” said the minister.",
		"According to Russian officials, the line remains open.",
		"The deputy foreign minister, Sergei Ryabkov, made clear that no line exists.",
		"“Unbalanced, he said.", `"""`, "“”", "''", "\xff\xfe\xfd", "a\x00b said \x01",
		"השר אמר כי השיחות נכשלו.", "外交部长说：“会谈失败了。”", "Mr. U.S. Sen. said:",
		"| a | b |\n|---|\n[CITATION: x", "Previous Article\n\nHeadline\n", "— he said —",
	} {
		f.Add(s)
	}
	e, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		cs, err := e.Extract(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		valid := utf8.ValidString(text)
		for _, c := range cs {
			for _, s := range []Span{
				{c.Span.Start, c.Span.End}, {c.Sentence.Start, c.Sentence.End},
				{c.Speaker.MentionSpan.Start, c.Speaker.MentionSpan.End},
				{c.Attribution.CueSpan.Start, c.Attribution.CueSpan.End},
			} {
				if s.Start < 0 || s.End > len(text) || s.Start > s.End {
					t.Fatalf("span %+v outside %d bytes", s, len(text))
				}
				if valid && !utf8.ValidString(text[s.Start:s.End]) {
					t.Fatalf("span %+v splits a rune", s)
				}
			}
			if c.Text != text[c.Span.Start:c.Span.End] {
				t.Fatalf("text %q != text[span]", c.Text)
			}
		}
	})
}
