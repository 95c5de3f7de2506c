package pipeline

import (
	"context"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/dataset"
)

// BenchmarkCrossLink is the cross-article linking of a batch of real news
// alone: the 840 PolNeAR train articles, extracted once beforehand, linked in
// input order into a fresh stream (Stream.Link, as claimbatch does) per
// iteration. On real news it is about a third of claimbatch's CPU; the
// synthetic batches of BenchmarkPipeline do not reproduce its candidate mix.
// Skipped without the shared data.
//
//	go test -run '^$' -bench CrossLink -benchtime 3x -cpu 1 ./internal/pipeline/
func BenchmarkCrossLink(b *testing.B) {
	path, err := dataset.Path("attribution/polnear-train.jsonl")
	if err != nil {
		b.Skip(err)
	}
	train, err := dataset.ReadAttribution(path)
	if err != nil {
		b.Skip(err)
	}
	p, err := New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	s := p.NewStream()
	pending := make([]Pending, len(train))
	for i, t := range train {
		if pending[i], err = s.Extract(ctx, claim.Article{ID: t.ID, Text: t.Text}, i); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	cpu0 := processCPU()
	links := 0
	for b.Loop() {
		s := p.NewStream()
		links = 0
		for _, pd := range pending {
			_, ls, err := s.Link(ctx, pd)
			if err != nil {
				b.Fatal(err)
			}
			links += len(ls)
		}
	}
	cpu := processCPU() - cpu0
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*len(pending)), "cpu-ns/article")
	b.ReportMetric(float64(links), "links")
}
