package apiconv

import (
	"context"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/dataset"
	"github.com/claimsvc/claimsvc/internal/offsets"
	"github.com/claimsvc/claimsvc/internal/pipeline"
)

// BenchmarkArticleResultToProto converts the seed articles' results to the
// API's messages, as every edge does once per article, with offsets in UTF-8
// (the default) and UTF-16 (JavaScript and Java clients, the web page).
func BenchmarkArticleResultToProto(b *testing.B) {
	seeds, err := dataset.ReadSeeds()
	if err != nil || len(seeds) == 0 {
		b.Skipf("seeds not available: %v", err)
	}
	p, err := pipeline.New()
	if err != nil {
		b.Fatal(err)
	}
	var results []pipeline.Result
	var texts []string
	for i, s := range seeds {
		r, err := p.Article(context.Background(), claim.Article{ID: string(rune('a' + i)), Text: s.Text}, i)
		if err != nil {
			b.Fatal(err)
		}
		results, texts = append(results, r), append(texts, s.Text)
	}
	for _, u := range []struct {
		name string
		unit offsets.Unit
	}{{"utf8", offsets.UTF8}, {"utf16", offsets.UTF16}} {
		b.Run(u.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for i, r := range results {
					ArticleResultToProto(r, texts[i], u.unit)
				}
			}
		})
	}
}
