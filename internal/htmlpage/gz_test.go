package htmlpage

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// loadGz reads up to n saved pages (html/*.html.gz) from dir, in name order.
func loadGz(dir string, n int) ([]string, error) {
	names, err := filepath.Glob(filepath.Join(dir, "html", "*.html.gz"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []string
	for _, name := range names[:min(n, len(names))] {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		z, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return nil, err
		}
		b, err := io.ReadAll(z)
		f.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, strings.ToValidUTF8(string(b), "\uFFFD"))
	}
	return out, nil
}
