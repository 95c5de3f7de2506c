package protojsonfast

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"google.golang.org/protobuf/encoding/protojson"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/apiconv"
	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/offsets"
	"github.com/claimsvc/claimsvc/internal/pipeline"
)

// seedResponses are the REST responses for the first n seed articles (what
// the gateway marshals per ExtractClaims call), all of them for n < 0.
func seedResponses(tb testing.TB, n int) []*claimsv1.ExtractClaimsResponse {
	tb.Helper()
	seeds, _ := filepath.Glob("../../../shared/seeds/*.txt")
	if len(seeds) == 0 {
		tb.Skip("no ../shared/seeds")
	}
	if n >= 0 && n < len(seeds) {
		seeds = seeds[:n]
	}
	p, err := pipeline.New()
	if err != nil {
		tb.Fatal(err)
	}
	var out []*claimsv1.ExtractClaimsResponse
	for _, f := range seeds {
		text, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		r, err := p.Article(context.Background(), claim.Article{ID: filepath.Base(f), Text: string(text)}, 0)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, &claimsv1.ExtractClaimsResponse{Result: apiconv.ArticleResultToProto(r, string(text), offsets.UTF16), EncodingType: claimsv1.EncodingType_ENCODING_TYPE_UTF16})
	}
	return out
}

// BenchmarkSeedResponse: this package against protojson on a seed response,
// both appending into a reused buffer.
func BenchmarkSeedResponse(b *testing.B) {
	resp := seedResponses(b, 1)[0]
	e := New(resp.ProtoReflect().Descriptor())
	opts := protojson.MarshalOptions{EmitDefaultValues: true}
	buf, _ := opts.Marshal(resp)
	b.Logf("%d bytes of JSON", len(buf))
	b.Run("protojson", func(b *testing.B) {
		b.SetBytes(int64(len(buf)))
		b.ReportAllocs()
		for b.Loop() {
			buf, _ = opts.MarshalAppend(buf[:0], resp)
		}
	})
	b.Run("protojsonfast", func(b *testing.B) {
		b.SetBytes(int64(len(buf)))
		b.ReportAllocs()
		for b.Loop() {
			buf, _ = e.MarshalAppend(buf[:0], resp)
		}
	})
}
