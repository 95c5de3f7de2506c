package scoring

import (
	"bufio"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestEachRowAsScanner checks that eachRow cuts the same rows, fields and line
// numbers as the bufio.Scanner and strings.Split reading it replaced, on edge
// cases of line ends, comments and field counts.
func TestEachRowAsScanner(t *testing.T) {
	for _, data := range []string{
		"",
		"\n",
		"a\tb",
		"a\tb\n",
		"a\tb\r\nc\td\r\n",
		"a\tb\r\r\n",
		"# c\n\na\tb\n\nc\td",
		"a\tb\tc\n",
		"a\n",
		"\t\n",
		"a\t\n",
		"x\ty\n#\tz\n\r\nu\tv",
	} {
		got, gotErr := rows(data, eachRow)
		want, wantErr := rows(data, scannerRows)
		if !slices.Equal(got, want) || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Errorf("%q: got %q, %v; want %q, %v", data, got, gotErr, want, wantErr)
		}
	}
}

func rows(data string, each func(string, string, int, func([]string) error) error) ([]string, error) {
	var out []string
	err := each(data, "t", 2, func(f []string) error {
		out = append(out, strings.Join(f, "|"))
		return nil
	})
	return out, err
}

// scannerRows is eachRow as it was: bufio.Scanner lines, strings.Split fields.
func scannerRows(data, name string, fields int, fn func(f []string) error) error {
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != fields {
			return fmt.Errorf("%s line %d: want %d tab-separated fields, got %d", name, n, fields, len(f))
		}
		if err := fn(f); err != nil {
			return fmt.Errorf("%s line %d: %w", name, n, err)
		}
	}
	return sc.Err()
}
