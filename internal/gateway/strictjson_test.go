package gateway

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/apiconv"
	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/offsets"
	"github.com/claimsvc/claimsvc/internal/pipeline"
)

// TestStrictJSONMarshalIdentical: Marshal writes what runtime.JSONPb writes,
// for real responses (every seed article, through the fast encoder) and for a
// non-proto value: the same JSON value (numbers compared as written), the same
// bytes once JSONPb's randomised spaces are compacted away, and a protojson
// round trip back to an equal message.
func TestStrictJSONMarshalIdentical(t *testing.T) {
	opts := protojson.MarshalOptions{EmitDefaultValues: true}
	ours := newStrictJSON(&runtime.JSONPb{MarshalOptions: opts})
	if ours.fast == nil {
		t.Fatal("the gateway's options get no fast encoder")
	}
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
		resp := &claimsv1.ExtractClaimsResponse{Result: apiconv.ArticleResultToProto(r, string(text), offsets.UTF16), EncodingType: claimsv1.EncodingType_ENCODING_TYPE_UTF16}
		if !ours.fast.Planned(resp) {
			t.Fatal("ExtractClaimsResponse is left to protojson")
		}
		batch := &claimsv1.BatchExtractClaimsResponse{Results: []*claimsv1.ArticleResult{resp.GetResult(), resp.GetResult()}, CrossArticleLinks: resp.GetResult().GetLinks()}
		for _, m := range []proto.Message{resp, batch} {
			a, err1 := ours.Marshal(m)
			b, err2 := theirs.Marshal(m)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: %v, %v", f, err1, err2)
			}
			sameJSON(t, f, a, b)
			var compact bytes.Buffer
			if err := json.Compact(&compact, b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, compact.Bytes()) {
				t.Fatalf("%s: bytes differ from compacted JSONPb output", f)
			}
			back := m.ProtoReflect().New().Interface()
			if err := protojson.Unmarshal(a, back); err != nil || !proto.Equal(back, m) {
				t.Fatalf("%s: round trip: %v", f, err)
			}
		}
	}
	a, err1 := ours.Marshal(map[string]int{"a": 1})
	b, err2 := theirs.Marshal(map[string]int{"a": 1})
	if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
		t.Fatalf("non-proto value: strictJSON.Marshal differs from JSONPb.Marshal (%v, %v)", err1, err2)
	}
}

// TestStrictJSONOtherOptions: options other than the gateway's get JSONPb's
// output exactly (no fast encoder).
func TestStrictJSONOtherOptions(t *testing.T) {
	opts := protojson.MarshalOptions{UseProtoNames: true}
	ours := newStrictJSON(&runtime.JSONPb{MarshalOptions: opts})
	if ours.fast != nil {
		t.Fatal("fast encoder used for options it does not write")
	}
	m := &claimsv1.Claim{Id: "x", CheckWorthy: true}
	a, err1 := ours.Marshal(m)
	b, err2 := (&runtime.JSONPb{MarshalOptions: opts}).Marshal(m)
	if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
		t.Fatalf("got %s, want %s (%v, %v)", a, b, err1, err2)
	}
}

// sameJSON requires a and b to decode to the same JSON value.
func sameJSON(t *testing.T, what string, a, b []byte) {
	t.Helper()
	decode := func(data []byte) any {
		d := json.NewDecoder(bytes.NewReader(data))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}
	if !reflect.DeepEqual(decode(a), decode(b)) {
		t.Fatalf("%s: JSON values differ", what)
	}
}
