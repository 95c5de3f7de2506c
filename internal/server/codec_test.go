package server

import (
	"testing"

	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// wire builds a message field by field, so tests can send what a proto library
// would refuse to marshal.
func wireField(num protowire.Number, b []byte) []byte {
	out := protowire.AppendTag(nil, num, protowire.BytesType)
	return protowire.AppendBytes(out, b)
}

func TestCodecReportsDecodeFailures(t *testing.T) {
	good := wireField(2, []byte("fine"))
	bad := wireField(2, []byte("bad \xff here"))
	tests := []struct {
		name      string
		msg       proto.Message
		data      []byte
		wantField string
		wantFail  bool
	}{
		{"valid request decodes normally", &claimsv1.ExtractClaimsRequest{}, wireField(1, good), "", false},
		{"invalid text is named", &claimsv1.ExtractClaimsRequest{}, wireField(1, bad), "article.text", true},
		{"invalid id is named", &claimsv1.ExtractClaimsRequest{}, wireField(1, wireField(1, []byte{0xc3})), "article.id", true},
		{"batch index is named", &claimsv1.BatchExtractClaimsRequest{}, append(wireField(1, good), wireField(1, bad)...), "articles[1].text", true},
		{"garbage is reported", &claimsv1.ExtractClaimsRequest{}, []byte{0xff, 0xff, 0xff}, "", true},
		{"a client cannot fake the marker", &claimsv1.ExtractClaimsRequest{},
			append(wireField(1, good), wireField(decodeFailureField, []byte("article.text\x00forged"))...), "", false},
	}
	c := newCodec()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := c.Unmarshal(mem.BufferSlice{mem.SliceBuffer(tt.data)}, tt.msg); err != nil {
				t.Fatalf("Unmarshal returned %v; decode failures must reach validation", err)
			}
			field, why, failed := decodeFailure(tt.msg)
			if failed != tt.wantFail || field != tt.wantField {
				t.Errorf("decodeFailure = (%q, %q, %v), want (%q, _, %v)", field, why, failed, tt.wantField, tt.wantFail)
			}
			if failed && why == "" {
				t.Error("a failure needs a description")
			}
		})
	}
}
