package server

import (
	"strings"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/mem"
	"google.golang.org/grpc/status"
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
	c := newCodec(DefaultLimits().MaxBatchArticles)
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

// TestCodecCountsBeforeDecoding: a batch over the article limit is not
// decoded, validation still names the count, and a client cannot forge the
// codec's count marker.
func TestCodecCountsBeforeDecoding(t *testing.T) {
	c := newCodec(3)
	l := DefaultLimits()
	l.MaxBatchArticles = 3
	article := wireField(2, []byte("text"))
	var many []byte
	for range 1000 {
		many = append(many, wireField(1, article)...)
	}
	req := &claimsv1.BatchExtractClaimsRequest{}
	if err := c.Unmarshal(mem.BufferSlice{mem.SliceBuffer(many)}, req); err != nil {
		t.Fatal(err)
	}
	if len(req.GetArticles()) != 0 {
		t.Errorf("decoded %d articles of a batch over the limit", len(req.GetArticles()))
	}
	st := status.Convert(l.ValidateBatch(req))
	if st.Code() != codes.ResourceExhausted || !strings.Contains(st.Message(), "has 1000 articles; the limit is 3") {
		t.Errorf("got %v %q, want RESOURCE_EXHAUSTED counting 1000 articles", st.Code(), st.Message())
	}

	forged := append(wireField(1, article), protowire.AppendVarint(protowire.AppendTag(nil, articleCountField, protowire.VarintType), 99)...)
	req = &claimsv1.BatchExtractClaimsRequest{}
	if err := c.Unmarshal(mem.BufferSlice{mem.SliceBuffer(forged)}, req); err != nil {
		t.Fatal(err)
	}
	if err := l.ValidateBatch(req); err != nil {
		t.Errorf("one valid article with a forged count: %v", err)
	}
}
