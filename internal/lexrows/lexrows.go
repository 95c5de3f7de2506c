// Package lexrows cuts the embedded data files of the stages (word lists,
// lexicons, model weights: tab-separated rows, '#' comments, blank lines) into
// rows in place. Every line and field is a substring of the file's text, not a
// copy per line and a fresh slice per row: those files hold tens of thousands
// of rows, read at every start-up, and the copies were most of it. Each stage
// keeps its own checks (field counts, error wording) on top of it.
package lexrows

import "strings"

// Lines calls fn with the 1-based line number and the text of every line of
// text that, once trim has cleaned it, is neither empty nor a '#' comment. A
// line ends at '\n' (a last line may lack it). It stops at fn's first error and
// returns it as it is: the caller names the file.
func Lines(text string, trim func(string) string, fn func(n int, line string) error) error {
	return Each(text, func(n int, line string) error {
		line = trim(line)
		if line == "" || strings.HasPrefix(line, "#") {
			return nil
		}
		return fn(n, line)
	})
}

// Each calls fn with the 1-based line number and the text of every line of
// text, blank and comment lines included, for files whose comments mean
// something (a model file's header). A line ends at '\n' (a last line may lack
// it) and keeps a '\r' before it (TrimCR drops it). It stops at fn's first
// error and returns it as it is.
func Each(text string, fn func(n int, line string) error) error {
	for n := 1; text != ""; n++ {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	return nil
}

// TrimCR drops one '\r' at the end of line, as bufio.ScanLines does: for files
// whose fields may begin or end with spaces that mean something (weights keyed
// by n-grams). Word lists pass strings.TrimSpace instead.
func TrimCR(line string) string { return strings.TrimSuffix(line, "\r") }

// SplitTabs appends line's tab-separated fields to dst, as strings.Split(line,
// "\t") returns them, so a caller reusing dst[:0] row after row allocates
// nothing.
func SplitTabs(dst []string, line string) []string {
	for {
		i := strings.IndexByte(line, '\t')
		if i < 0 {
			return append(dst, line)
		}
		dst = append(dst, line[:i])
		line = line[i+1:]
	}
}
