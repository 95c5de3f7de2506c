package gateway

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/protobuf/encoding/protojson"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/apiconv"
	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/offsets"
	"github.com/claimsvc/claimsvc/internal/pipeline"
)

// TestStrictJSONMarshalIdentical: the sized-buffer Marshal writes exactly the
// bytes runtime.JSONPb writes, for real responses (every seed article) and for
// a non-proto value.
func TestStrictJSONMarshalIdentical(t *testing.T) {
	opts := protojson.MarshalOptions{EmitDefaultValues: true}
	ours := strictJSON{&runtime.JSONPb{MarshalOptions: opts}}
	theirs := &runtime.JSONPb{MarshalOptions: opts}
	seeds, _ := filepath.Glob("../../../shared/seeds/*.txt")
	if len(seeds) == 0 {
		t.Skip("no ../shared/seeds")
	}
	p, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range seeds {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, err := p.Article(context.Background(), claim.Article{ID: filepath.Base(f), Text: string(text)}, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []any{
			&claimsv1.ExtractClaimsResponse{Result: apiconv.ArticleResultToProto(r, string(text), offsets.UTF16), EncodingType: claimsv1.EncodingType_ENCODING_TYPE_UTF16},
			map[string]int{"a": 1},
		} {
			a, err1 := ours.Marshal(v)
			b, err2 := theirs.Marshal(v)
			if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
				t.Fatalf("%s: strictJSON.Marshal differs from JSONPb.Marshal (%v, %v)", f, err1, err2)
			}
		}
	}
}
