package batch

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"time"
)

// Summary counts what one run did. Counts cover this run only; Resumed says how
// many lines an earlier run had already written.
type Summary struct {
	Resumed      int64 // lines written by earlier runs and skipped
	LastLine     int64 // the last input line whose record is written
	Lines        int64 // records written by this run
	Articles     int64 // of which results
	Errors       int64 // of which error records
	ErrorsByCode map[string]int64
	Claims       int64
	Links        int64 // links within articles
	CrossLinks   int64 // links to claims of earlier articles
	StoredLinks  int64 // links to claims in the server's claim store
	InputBytes   int64 // input bytes of the lines written
	Pending      int   // lines finished but not written because an earlier one never finished
	Elapsed      time.Duration
}

func (s *Summary) add(o outcome) {
	s.LastLine = o.line
	s.Lines++
	s.InputBytes += int64(o.inBytes)
	if o.errCode != "" {
		s.Errors++
		s.ErrorsByCode[o.errCode]++
		return
	}
	s.Articles++
	s.Claims += int64(o.claims)
	s.Links += int64(o.links)
	s.CrossLinks += int64(o.crossLink)
	s.StoredLinks += int64(o.stored)
}

// Rate is lines per second over the run.
func (s Summary) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Lines) / s.Elapsed.Seconds()
}

// MBPerSecond is input megabytes (10^6 bytes) per second over the run.
func (s Summary) MBPerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.InputBytes) / 1e6 / s.Elapsed.Seconds()
}

// Text prints the summary for a person, a few lines.
func (s Summary) Text(w io.Writer) {
	if s.Resumed > 0 {
		fmt.Fprintf(w, "resumed after line %d\n", s.Resumed)
	}
	fmt.Fprintf(w, "lines      %d (%d articles, %d errors)\n", s.Lines, s.Articles, s.Errors)
	for _, c := range slices.Sorted(maps.Keys(s.ErrorsByCode)) {
		fmt.Fprintf(w, "  %-22s %d\n", c, s.ErrorsByCode[c])
	}
	fmt.Fprintf(w, "claims     %d\n", s.Claims)
	fmt.Fprintf(w, "links      %d within articles, %d across articles", s.Links, s.CrossLinks)
	if s.StoredLinks > 0 {
		fmt.Fprintf(w, ", %d to stored claims", s.StoredLinks)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "throughput %.1f articles/s, %.2f MB/s (%.1f MB in %s)\n",
		s.Rate(), s.MBPerSecond(), float64(s.InputBytes)/1e6, s.Elapsed.Round(time.Millisecond))
}
