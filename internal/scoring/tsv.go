package scoring

import (
	"bufio"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// eachRow calls fn for every data row of an embedded TSV file (lexicon or
// weights): blank lines and '#' comment lines are skipped, and a row must have
// exactly fields tab-separated fields. Errors name the file and line, so a bad
// edit to the data points at itself.
func eachRow(data, name string, fields int, fn func(f []string) error) error {
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
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

// finite parses a weight, refusing NaN and infinities, which would poison every
// score they touch.
func finite(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("bad number %q", s)
	}
	return v, nil
}
