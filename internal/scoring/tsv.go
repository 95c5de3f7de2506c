package scoring

import (
	"fmt"
	"math"

	"github.com/claimsvc/claimsvc/internal/learn"
	"github.com/claimsvc/claimsvc/internal/lexrows"
)

// eachRow calls fn for every data row of an embedded TSV file (lexicon or
// weights): blank lines and '#' comment lines are skipped, and a row must have
// exactly fields tab-separated fields. Errors name the file and line, so a bad
// edit to the data points at itself.
//
// Lines and fields are substrings of data, cut in place: the models hold tens of
// thousands of rows, and a copied line plus a fresh field slice per row were most
// of the scorer's start-up. The slice f is reused from row to row, so fn must not
// keep it (its strings it may keep). A line ends at '\n', one '\r' before it
// dropped, as bufio.ScanLines reads it.
func eachRow(data, name string, fields int, fn func(f []string) error) error {
	f := make([]string, 0, fields)
	return lexrows.Lines(data, lexrows.TrimCR, func(n int, line string) error {
		f = lexrows.SplitTabs(f[:0], line)
		if len(f) != fields {
			return fmt.Errorf("%s line %d: want %d tab-separated fields, got %d", name, n, fields, len(f))
		}
		if err := fn(f); err != nil {
			return fmt.Errorf("%s line %d: %w", name, n, err)
		}
		return nil
	})
}

// finite parses a weight (learn.ParseWeight: ParseFloat's value, the short
// decimals of model files read directly), refusing NaN and infinities, which
// would poison every score they touch.
func finite(s string) (float64, error) {
	v, err := learn.ParseWeight(s)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("bad number %q", s)
	}
	return v, nil
}
