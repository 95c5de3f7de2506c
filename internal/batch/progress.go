package batch

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"time"
)

// Progress is the live count of a run, updated by the engine and shown by
// Show. Its zero value is ready; Total is the number of input lines when known
// (a file), 0 when not (stdin), which drops the percentage and ETA.
type Progress struct {
	Total  int64
	start  int64 // lines done before this run (resume)
	lines  atomic.Int64
	bytes  atomic.Int64
	errors atomic.Int64
}

// NewProgress starts a display for an input of total lines (0: unknown), of
// which done were written by an earlier run.
func NewProgress(total, done int64) *Progress {
	return &Progress{Total: total, start: done}
}

func (p *Progress) wrote(o outcome) {
	p.lines.Add(1)
	p.bytes.Add(int64(o.inBytes))
	if o.errCode != "" {
		p.errors.Add(1)
	}
}

// Show redraws a one-line progress bar on w (a terminal) every interval until
// ctx is done, then draws it a last time and ends the line.
func (p *Progress) Show(ctx context.Context, w io.Writer, interval time.Duration) {
	start := time.Now()
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			fmt.Fprint(w, "\r\x1b[K"+p.line(time.Since(start))+"\n")
			return
		case <-t.C:
			fmt.Fprint(w, "\r\x1b[K"+p.line(time.Since(start)))
		}
	}
}

// line renders the bar: done/total, percentage, bar, rate, MB/s, ETA, errors.
func (p *Progress) line(elapsed time.Duration) string {
	n := p.lines.Load()
	done := p.start + n
	secs := max(elapsed.Seconds(), 1e-3)
	rate := float64(n) / secs
	mbs := float64(p.bytes.Load()) / 1e6 / secs
	var b strings.Builder
	if p.Total > 0 {
		frac := min(1, float64(done)/float64(p.Total))
		const width = 24
		full := int(frac * width)
		fmt.Fprintf(&b, "%d/%d %5.1f%% [%s%s] ", done, p.Total, 100*frac,
			strings.Repeat("=", full), strings.Repeat(" ", width-full))
	} else {
		fmt.Fprintf(&b, "%d lines ", done)
	}
	fmt.Fprintf(&b, "%.0f art/s %.2f MB/s", rate, mbs)
	if p.Total > 0 && rate > 0 && done < p.Total {
		eta := time.Duration(float64(p.Total-done) / rate * float64(time.Second))
		fmt.Fprintf(&b, " ETA %s", eta.Round(time.Second))
	}
	if e := p.errors.Load(); e > 0 {
		fmt.Fprintf(&b, " errors %d", e)
	}
	return b.String()
}
