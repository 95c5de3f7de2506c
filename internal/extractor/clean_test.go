package extractor

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestClean checks that furniture is dropped, that what remains keeps its offsets
// into the original text, and that lines are classified.
func TestClean(t *testing.T) {
	e := newTestExtractor(t)
	tests := []struct {
		name string
		text string
		want []string // the kept blocks, as text
		kind []blockKind
	}{
		{
			name: "previous/next article blocks and their headlines",
			text: "Body one.\n\nPrevious Article\n\nSome Other Headline Here\n\nNext Article\n\nAnother Headline\n\nWrite a Comment\n\nLeave a Comment",
			want: []string{"Body one."},
			kind: []blockKind{blockBody},
		},
		{
			name: "summary prompt",
			text: "No time to read?\nGet a summary\n\nThe talks will resume.",
			want: []string{"The talks will resume."},
			kind: []blockKind{blockBody},
		},
		{
			name: "citation marker inside a paragraph",
			text: "He said it was rare. [CITATION: Lavrov interview, broadcast] Then he left.",
			want: []string{"He said it was rare.", "Then he left."},
			kind: []blockKind{blockBody, blockBody},
		},
		{
			name: "advertisement and trailing pipe",
			text: "The reopening marks a step. ADVERTISEMENT |",
			want: []string{"The reopening marks a step."},
			kind: []blockKind{blockBody},
		},
		{
			name: "table rows dropped, a prose cell kept",
			text: "| Agreement Focus | Expected Outcome |\n|---|---|\n| Risk Reduction | Lower likelihood |\n| Expert Recommendations To ensure that the dialogue lasts, experts highlight several key strategies for the region. |",
			want: []string{"Expert Recommendations To ensure that the dialogue lasts, experts highlight several key strategies for the region."},
			kind: []blockKind{blockBody},
		},
		{
			name: "byline, headline and list item",
			text: "By Jane Doe\nUS and Russia Commit to Talks\n- Improving information exchange\nThe talks began on Monday.",
			want: []string{"US and Russia Commit to Talks", "- Improving information exchange", "The talks began on Monday."},
			kind: []blockKind{blockHeadline, blockList, blockBody},
		},
		{
			name: "lower-case words are not advertisement markers",
			text: "Advertisement revenue fell, ADVERTISEMENTS aside.",
			want: []string{"Advertisement revenue fell, ADVERTISEMENTS aside."},
			kind: []blockKind{blockBody},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bs, _ := e.clean(context.Background(), tc.text, nil)
			var got []string
			for _, b := range bs {
				got = append(got, tc.text[b.span.Start:b.span.End])
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Fatalf("blocks = %q, want %q", got, tc.want)
			}
			for i, b := range bs {
				if b.kind != tc.kind[i] {
					t.Errorf("block %q kind = %d, want %d", got[i], b.kind, tc.kind[i])
				}
			}
		})
	}
}

// TestCleanParagraphs checks that blank lines count paragraphs, so quotations can
// continue into the next paragraph but no further.
func TestCleanParagraphs(t *testing.T) {
	e := newTestExtractor(t)
	bs, _ := e.clean(context.Background(), "A one.\nA two.\n\n\nB one.\n\nC one.", nil)
	want := []int{0, 0, 1, 2}
	if len(bs) != len(want) {
		t.Fatalf("got %d blocks, want %d", len(bs), len(want))
	}
	for i, b := range bs {
		if b.para != want[i] {
			t.Errorf("block %d para = %d, want %d", i, b.para, want[i])
		}
	}
}

// mustClean is clean with a live context, failing the test on an error.
func mustClean(t testing.TB, e *Extractor, text string) []block {
	t.Helper()
	bs, err := e.clean(context.Background(), text, nil)
	if err != nil {
		t.Fatal(err)
	}
	return bs
}

// TestCleanHonoursContext: a long text of short lines stops cleaning when its
// context ends, instead of reading every line first (about 100 ms per megabyte).
func TestCleanHonoursContext(t *testing.T) {
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat("Short line.\n", 10000) // 120 KB
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.clean(ctx, text, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("clean with a cancelled context: err = %v, want context.Canceled", err)
	}
	if bs, err := e.clean(context.Background(), text, nil); err != nil || len(bs) == 0 {
		t.Fatalf("clean with a live context: %d blocks, err %v", len(bs), err)
	}
}

// TestWordsUpTo checks the bounded word count against a full count.
func TestWordsUpTo(t *testing.T) {
	tests := []struct {
		s     string
		limit int
		want  int
	}{
		{"", 3, 0},
		{"   ", 3, 0},
		{"one", 3, 1},
		{" one  two\tthree\nfour ", 10, 4},
		{" one  two\tthree\nfour ", 4, 4},
		{" one  two\tthree\nfour ", 2, 2},
		{"a b c d e f g", 6, 6},
	}
	for _, tc := range tests {
		if got := wordsUpTo(tc.s, tc.limit); got != tc.want {
			t.Errorf("wordsUpTo(%q, %d) = %d, want %d", tc.s, tc.limit, got, tc.want)
		}
	}
}

// TestIsCruft checks the stack-lowered lookup against strings.ToLower on every
// cruft entry in other cases and on lines that are not furniture.
func TestIsCruft(t *testing.T) {
	e := newTestExtractor(t)
	lines := []string{"", "Hello", "ÉCRIRE UN COMMENTAIRE", "Write a Comment", "PREVIOUS ARTICLE"}
	for k := range e.lx.cruft {
		lines = append(lines, k, strings.ToUpper(k))
		if k != "" {
			lines = append(lines, strings.ToUpper(k[:1])+k[1:])
		}
	}
	for _, l := range lines {
		if len(l) > maxCruftLine {
			continue
		}
		k := strings.ToLower(l)
		c, n := e.lx.isCruft(l)
		if c != e.lx.cruft[k] || n != (e.lx.cruft[k] && e.lx.cruftNext[k]) {
			t.Errorf("isCruft(%q) = %v, %v; want %v, %v", l, c, n, e.lx.cruft[k], e.lx.cruftNext[k])
		}
	}
}
