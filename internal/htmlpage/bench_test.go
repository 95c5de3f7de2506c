package htmlpage

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// page100KB is the fixture grown to about 100 KB the way real pages are: more
// article paragraphs and a long tail of navigation, teasers and script.
func page100KB(b *testing.B) string {
	raw, err := os.ReadFile("testdata/harbour-bridge.html")
	if err != nil {
		b.Fatal(err)
	}
	page := string(raw)
	var body, tail strings.Builder
	for i := 0; body.Len()+tail.Len()+len(page) < 100<<10; i++ {
		fmt.Fprintf(&body, "<p>In section %d the council said the repairs on the eastern approach would continue through week %d, and that contractor %d had agreed to pay for the delay.</p>\n", i, i%52, i%7)
		fmt.Fprintf(&tail, `<li><a href="/news/item-%d">Headline %d from the site's front page, with a teaser below it</a></li>`+"\n", i, i)
		tail.WriteString(`<script>window.ads = window.ads || []; window.ads.push({slot: "side", size: [300, 250]});</script>` + "\n")
	}
	page = strings.Replace(page, "</article>", body.String()+"</article>", 1)
	return strings.Replace(page, "</aside>", "<ul>"+tail.String()+"</ul></aside>", 1)
}

// BenchmarkRead100KB measures reading a 100 KB page: shape check, parse,
// extraction, metadata and rendering.
func BenchmarkRead100KB(b *testing.B) {
	page := page100KB(b)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	t0 := processCPU()
	for b.Loop() {
		if _, err := Read(context.Background(), page, ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(cpuMillis(b, t0)*float64(100<<10)/float64(len(page)), "cpu-ms/100KB")
}

// BenchmarkReadRealPages reads the saved real news pages (see internal/pageeval;
// skipped without them) and reports the cost per 100 KB of page.
func BenchmarkReadRealPages(b *testing.B) {
	dir := os.Getenv("CLAIMSVC_PAGES_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "pages-data", "aeb")
	}
	pages, err := loadGz(dir, 40)
	if err != nil || len(pages) == 0 {
		b.Skipf("saved pages not available in %s: %v", dir, err)
	}
	total := 0
	for _, p := range pages {
		total += len(p)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	t0 := processCPU()
	for b.Loop() {
		for _, p := range pages {
			if _, err := Read(context.Background(), p, ""); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(cpuMillis(b, t0)*float64(100<<10)/float64(total), "cpu-ms/100KB")
}

// processCPU is the process's user+system CPU time: the library runs on its own
// goroutine, so a thread clock would miss it; run with -cpu 1 so little else runs.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuMillis is the CPU milliseconds per iteration since t0.
func cpuMillis(b *testing.B, t0 time.Duration) float64 {
	return float64(processCPU()-t0) / float64(time.Millisecond) / float64(b.N)
}
