package web

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// builtinExamples are the articles written for this package, offered when no
// examples folder is available (see examples/README.md).
//
//go:embed examples/*.txt
var builtinExamples embed.FS

// DefaultExamplesDir is where the page looks for example articles when none is
// configured: the shared seed articles beside the repository on a development
// machine, relative to the working directory. When it is absent the built-in
// examples are used.
const DefaultExamplesDir = "../shared/seeds"

// Bounds on an examples folder, so a mistaken -examples-dir (a home directory,
// a data dump) cannot make the server read gigabytes at startup. The per-file
// bound is the service's default per-article limit: a larger example could not
// be analysed anyway.
const (
	maxExamples      = 64
	maxExampleBytes  = 1 << 20
	maxNameBytes     = 200
	maxTitleRunes    = 90
	examplesFileGlob = "*.txt"
)

// Example is one article the page offers to load.
type Example struct {
	// Name is the file name without ".txt": the key of GET /examples/{name} and
	// the article ID the page sends.
	Name string `json:"name"`
	// Title is the article's first non-blank line, shortened for a menu.
	Title string `json:"title"`
	// Bytes is the length of the text in UTF-8 bytes.
	Bytes int `json:"bytes"`
	// Text is the article; left out of the listing.
	Text string `json:"text,omitempty"`
}

// ExampleSet is the examples the page offers and where they came from, read
// once at startup.
type ExampleSet struct {
	// Source is "directory" when read from a folder, "built-in" otherwise.
	Source string
	// Dir is the folder read when Source is "directory".
	Dir string
	// Skipped counts files left out: too large, not UTF-8, an unusable name, or
	// beyond the first 64.
	Skipped int
	list    []Example
}

// List returns the examples in name order.
func (s ExampleSet) List() []Example { return s.list }

// Get returns the example called name.
func (s ExampleSet) Get(name string) (Example, bool) {
	i := sort.Search(len(s.list), func(i int) bool { return s.list[i].Name >= name })
	if i < len(s.list) && s.list[i].Name == name {
		return s.list[i], true
	}
	return Example{}, false
}

// resolveExamples picks the examples: dir when given (an error if it holds no
// usable article), else DefaultExamplesDir when it holds some, else the
// built-in ones.
func resolveExamples(dir string) (ExampleSet, error) {
	if dir != "" {
		set, err := readExamples(os.DirFS(dir))
		if err != nil {
			return ExampleSet{}, fmt.Errorf("examples dir %q: %w", dir, err)
		}
		set.Source, set.Dir = "directory", dir
		return set, nil
	}
	if st, err := os.Stat(DefaultExamplesDir); err == nil && st.IsDir() {
		if set, err := readExamples(os.DirFS(DefaultExamplesDir)); err == nil {
			set.Source, set.Dir = "directory", DefaultExamplesDir
			return set, nil
		}
	}
	sub, err := fs.Sub(builtinExamples, "examples")
	if err != nil {
		return ExampleSet{}, fmt.Errorf("built-in examples: %w", err)
	}
	set, err := readExamples(sub)
	if err != nil {
		return ExampleSet{}, fmt.Errorf("built-in examples: %w", err)
	}
	set.Source = "built-in"
	return set, nil
}

// errNoExamples means a folder holds no usable .txt article.
var errNoExamples = errors.New("no usable .txt article (valid UTF-8, at most 1 MiB)")

// readExamples reads the *.txt files at the root of fsys, in name order.
func readExamples(fsys fs.FS) (ExampleSet, error) {
	names, err := fs.Glob(fsys, examplesFileGlob)
	if err != nil {
		return ExampleSet{}, err
	}
	sort.Strings(names)
	var set ExampleSet
	for _, file := range names {
		if len(set.list) == maxExamples {
			set.Skipped++
			continue
		}
		name := strings.TrimSuffix(path.Base(file), ".txt")
		if !usableName(name) {
			set.Skipped++
			continue
		}
		if st, err := fs.Stat(fsys, file); err != nil || !st.Mode().IsRegular() || st.Size() > maxExampleBytes {
			set.Skipped++
			continue
		}
		b, err := fs.ReadFile(fsys, file)
		if err != nil || len(b) > maxExampleBytes || !utf8.Valid(b) || strings.TrimSpace(string(b)) == "" {
			set.Skipped++
			continue
		}
		text := string(b)
		set.list = append(set.list, Example{Name: name, Title: titleOf(text), Bytes: len(text), Text: text})
	}
	if len(set.list) == 0 {
		return set, errNoExamples
	}
	return set, nil
}

// usableName reports whether a file name can serve as an article ID and a URL
// path segment: not empty, short, printable, no slash.
func usableName(name string) bool {
	if name == "" || len(name) > maxNameBytes || !utf8.ValidString(name) {
		return false
	}
	for _, r := range name {
		if !unicode.IsPrint(r) || r == '/' || r == '\\' {
			return false
		}
	}
	return true
}

// titleOf is the first non-blank line of text, cut at a word boundary to fit
// a menu.
func titleOf(text string) string {
	var line string
	for l := range strings.Lines(text) {
		if l = strings.TrimSpace(l); l != "" {
			line = l
			break
		}
	}
	if utf8.RuneCountInString(line) <= maxTitleRunes {
		return line
	}
	cut := []rune(line)[:maxTitleRunes]
	s := string(cut)
	if i := strings.LastIndexByte(s, ' '); i > maxTitleRunes/2 {
		s = s[:i]
	}
	return strings.TrimRight(s, " ,;:-–—") + "…"
}

// String says where the examples come from, for a log line:
// "directory ../shared/seeds (5)" or "built-in (3)".
func (s ExampleSet) String() string {
	src := fmt.Sprintf("%s (%d)", s.Source, len(s.list))
	if s.Dir != "" {
		src = fmt.Sprintf("%s %s (%d)", s.Source, s.Dir, len(s.list))
	}
	if s.Skipped > 0 {
		src += fmt.Sprintf(", %d files skipped", s.Skipped)
	}
	return src
}
