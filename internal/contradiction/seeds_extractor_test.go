package contradiction_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/contradiction"
	"github.com/claimsvc/claimsvc/internal/dataset"
	"github.com/claimsvc/claimsvc/internal/extractor"
)

// TestSeedBatchWithExtractor is the end-to-end form of TestSeedBatch: the real
// extractor finds the claims of the five seed articles (IDs "<n>#<k>" as the
// pipeline sets them), the index links them per article as BatchExtractClaims does,
// and the conflicts the issue names must appear between the claims that carry them.
// Hedging is left at 0 (the scorers are not run here).
func TestSeedBatchWithExtractor(t *testing.T) {
	dir, err := dataset.SeedsDir()
	if err != nil {
		t.Skipf("no seed articles: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skip("no seed articles beside the data folder")
	}
	sort.Strings(files)
	ex, err := extractor.New()
	if err != nil {
		t.Skipf("extractor not ready: %v", err)
	}
	c, err := contradiction.New()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ix := c.NewIndex()
	var all []claim.Claim
	var links []claim.Link
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		claims, err := ex.Extract(ctx, string(b))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for k := range claims {
			claims[k].ID = filepath.Base(f)[:3] + "#" + itoa(k+1)
		}
		ls, err := ix.Add(ctx, claims, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		all, links = append(all, claims...), append(links, ls...)
	}
	byID := map[string]claim.Claim{}
	for _, cl := range all {
		byID[cl.ID] = cl
	}
	has := func(l claim.Link, fileA, wordsA, fileB, wordsB string) bool {
		a, b := byID[l.A], byID[l.B]
		match := func(x claim.Claim, file, words string) bool {
			return strings.HasPrefix(x.ID, file) && strings.Contains(x.Text, words)
		}
		return (match(a, fileA, wordsA) && match(b, fileB, wordsB)) || (match(a, fileB, wordsB) && match(b, fileA, wordsA))
	}
	want := []struct{ fa, wa, fb, wb string }{
		{"002", "no direct, formal line", "003", "reopen"},
		{"004", "rare", "000", "open lines"},
		{"004", "little interest", "000", "open lines"},
		{"001", "scarce", "000", "open lines"},
		{"002", "no direct, formal line", "000", "open lines"},
	}
	for _, w := range want {
		found := false
		for _, l := range links {
			if has(l, w.fa, w.wa, w.fb, w.wb) {
				found = true
				t.Logf("%s ~ %s: %s", l.A, l.B, l.Explanation)
				break
			}
		}
		if !found {
			t.Errorf("no link between a %s claim with %q and a %s claim with %q", w.fa, w.wa, w.fb, w.wb)
		}
	}
	t.Logf("%d claims, %d links", len(all), len(links))
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
