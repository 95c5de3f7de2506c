package web

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestExamplesFromDir(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"b-story.txt":  "\n\n  Second Story  \r\nBody.",
		"a-story.txt":  "First Story\n\nThe minister said the talks may resume.",
		"bad-utf8.txt": "He said \xff\xfe.",
		"blank.txt":    " \n\t\n",
		"huge.txt":     strings.Repeat("word ", maxExampleBytes/5+1),
		"notes.md":     "not an article",
		"ctl\x01.txt":  "a name no client can send as an article ID",
	})
	set, err := resolveExamples(dir)
	if err != nil {
		t.Fatal(err)
	}
	if set.Source != "directory" || set.Dir != dir {
		t.Errorf("source %q dir %q, want directory %q", set.Source, set.Dir, dir)
	}
	var names []string
	for _, e := range set.List() {
		names = append(names, e.Name)
	}
	if got := strings.Join(names, ","); got != "a-story,b-story" {
		t.Errorf("examples %s, want a-story,b-story (only usable .txt files, in name order)", got)
	}
	if set.Skipped != 4 {
		t.Errorf("skipped %d, want 4 (bad UTF-8, blank, over 1 MiB, control character in the name)", set.Skipped)
	}
	b, ok := set.Get("b-story")
	if !ok || b.Title != "Second Story" || b.Text != "\n\n  Second Story  \r\nBody." {
		t.Errorf("b-story = %+v, %v", b, ok)
	}
	if _, ok := set.Get("bad-utf8"); ok {
		t.Error("an invalid UTF-8 file is offered")
	}
	if got := set.String(); !strings.Contains(got, "directory") || !strings.Contains(got, "(2)") || !strings.Contains(got, "4 files skipped") {
		t.Errorf("String() = %q", got)
	}
}

func TestExamplesDirErrors(t *testing.T) {
	tests := []struct {
		name string
		dir  string
	}{
		{"missing folder", filepath.Join(t.TempDir(), "absent")},
		{"no txt files", writeFiles(t, map[string]string{"a.md": "x"})},
		{"only unusable files", writeFiles(t, map[string]string{"a.txt": "\xff"})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(Options{ExamplesDir: tt.dir}); err == nil {
				t.Fatalf("New(%q) succeeded; an explicit examples folder without articles must be an error", tt.dir)
			}
		})
	}
	_, err := resolveExamples(writeFiles(t, map[string]string{"a.md": "x"}))
	if !errors.Is(err, errNoExamples) {
		t.Errorf("err = %v, want errNoExamples", err)
	}
}

func TestExamplesAreBounded(t *testing.T) {
	files := map[string]string{}
	for i := range maxExamples + 6 {
		files[fmt.Sprintf("%03d.txt", i)] = "Officials said the bridge is closed."
	}
	set, err := resolveExamples(writeFiles(t, files))
	if err != nil {
		t.Fatal(err)
	}
	if len(set.List()) != maxExamples || set.Skipped != 6 {
		t.Errorf("%d examples, %d skipped; want %d and 6", len(set.List()), set.Skipped, maxExamples)
	}
	if last := set.List()[maxExamples-1].Name; last != fmt.Sprintf("%03d", maxExamples-1) {
		t.Errorf("last example %s: the first %d in name order are kept", last, maxExamples)
	}
}

func TestBuiltinExamples(t *testing.T) {
	set, err := resolveExamples("")
	if err != nil {
		t.Fatal(err)
	}
	if set.Source != "built-in" || len(set.List()) != 3 || set.Skipped != 0 {
		t.Fatalf("built-in examples: %s", set)
	}
	for _, e := range set.List() {
		if e.Title == "" || !strings.Contains(e.Text, `"`) || !strings.Contains(strings.ToLower(e.Text), "according to") {
			t.Errorf("%s: every built-in example has a headline, a quote and an according-to source", e.Name)
		}
	}
}

func TestTitleOf(t *testing.T) {
	long := "In a session financed by the AM Gorchakov Public Diplomacy Support Fund, a senior diplomat outlined Moscow's current reading"
	tests := []struct {
		name, text, want string
	}{
		{"first line", "Headline\nBody", "Headline"},
		{"blank lines and spaces first", "\n \r\n  Headline \r\nBody", "Headline"},
		{"empty", "", ""},
		{"long line cut at a word", long, "In a session financed by the AM Gorchakov Public Diplomacy Support Fund, a senior…"},
		{"long word cut hard", strings.Repeat("x", 120), strings.Repeat("x", maxTitleRunes) + "…"},
		{"multibyte stays whole", strings.Repeat("é", 100), strings.Repeat("é", maxTitleRunes) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := titleOf(tt.text); got != tt.want {
				t.Errorf("titleOf = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestUsableName(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"000_402593ae3265ebf7", true},
		{"story with spaces", true},
		{"", false},
		{"tab\there", false},
		{"back\\slash", false},
		{strings.Repeat("n", maxNameBytes+1), false},
		{"bad\xffutf8", false},
	}
	for _, tt := range tests {
		if got := usableName(tt.name); got != tt.ok {
			t.Errorf("usableName(%q) = %v, want %v", tt.name, got, tt.ok)
		}
	}
}
