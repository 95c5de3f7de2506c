package extractor

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/cputime"
)

// FuzzExtract asserts that no input makes the extractor panic, that every span
// slices the input, that on valid UTF-8 every span falls on rune boundaries, and
// that no input costs more CPU time than a bound proportional to its size.
//
//	go test -run='^$' -fuzz='^FuzzExtract$' -fuzztime=10m -parallel=1 ./internal/extractor/
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
	f.Fuzz(func(t *testing.T, text string) { checkExtract(t, e, text) })
}

// Slowness bound of the fuzz targets: extraction must cost no more than this
// CPU time per input byte (plus a base for GC and cold caches). Real text costs
// well under a microsecond a byte; quadratic paths blow through it within a few
// tens of kilobytes.
const (
	fuzzBase    = 100 * time.Millisecond
	fuzzPerByte = 20 * time.Microsecond
)

// FuzzExtractRepeated looks for slowness: the fuzzer picks a short pattern and
// how often to repeat it (up to 2,048 times, about 128 KiB), the shape of input
// that makes text pipelines superlinear (a line of quotes, thousands of cues).
//
//	go test -run='^$' -fuzz=FuzzExtractRepeated -fuzztime=10m -parallel=1 ./internal/extractor/
func FuzzExtractRepeated(f *testing.F) {
	for _, s := range []struct {
		unit string
		reps uint16
	}{
		{`"`, 2000}, {`"a `, 2000}, {"— he said ", 1000}, {"according to X, ", 1000}, {"“‘« ", 1500},
		{"said ", 2000}, {"(", 2000}, {"Mr. ", 2000}, {"\n", 2000}, {"| a |", 1000}, {"[AB: ", 1000},
	} {
		f.Add(s.unit, s.reps)
	}
	e, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, unit string, reps uint16) {
		if len(unit) > 64 {
			unit = unit[:64]
		}
		checkExtract(t, e, strings.Repeat(unit, int(reps)%2048+1))
	})
}

// checkExtract extracts text within the slowness bound and checks the spans.
func checkExtract(t *testing.T, e *Extractor, text string) {
	var (
		cs  []claim.Claim
		err error
	)
	took := cputime.Of(func() { cs, err = e.Extract(context.Background(), text) })
	if err != nil {
		t.Fatal(err)
	}
	if bound := cputime.Budget(len(text), fuzzBase, fuzzPerByte); took > bound {
		t.Fatalf("extracting %d bytes took %v of CPU, more than %v", len(text), took, bound)
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
}
