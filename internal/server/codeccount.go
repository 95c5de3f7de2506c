package server

import (
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// articleCountField is the field number under which the codec records, in an
// undecoded BatchExtractClaimsRequest's unknown fields, how many articles it
// had; like decodeFailureField it is the codec's own (dropDecodeFailure removes
// it from any message that decoded, so a client cannot forge it).
const articleCountField protowire.Number = decodeFailureField - 1

// overBatchLimit counts the articles of an encoded BatchExtractClaimsRequest
// without decoding them, and when there are more than max leaves m empty but
// for the count. Decoding a million two-byte empty articles would build a
// million messages (about 150 MB) only to refuse the batch for its count;
// counting tags costs nothing.
func overBatchLimit(data mem.BufferSlice, m proto.Message, max int) bool {
	if _, ok := m.(*claimsv1.BatchExtractClaimsRequest); !ok || max <= 0 {
		return false
	}
	b := data.Materialize()
	n := 0
	for len(b) > 0 {
		num, typ, l := protowire.ConsumeTag(b)
		if l < 0 {
			return false // let the decoder say what is wrong
		}
		b = b[l:]
		l = protowire.ConsumeFieldValue(num, typ, b)
		if l < 0 {
			return false
		}
		b = b[l:]
		if num == 1 {
			n++
		}
	}
	if n <= max {
		return false
	}
	proto.Reset(m)
	var raw []byte
	raw = protowire.AppendTag(raw, articleCountField, protowire.VarintType)
	raw = protowire.AppendVarint(raw, uint64(n))
	m.ProtoReflect().SetUnknown(raw)
	return true
}

// markedArticleCount returns the count overBatchLimit recorded on m, if any.
func markedArticleCount(m proto.Message) (int, bool) {
	raw := m.ProtoReflect().GetUnknown()
	for len(raw) > 0 {
		num, typ, n := protowire.ConsumeTag(raw)
		if n < 0 {
			return 0, false
		}
		raw = raw[n:]
		if num == articleCountField && typ == protowire.VarintType {
			v, n := protowire.ConsumeVarint(raw)
			return int(v), n > 0
		}
		n = protowire.ConsumeFieldValue(num, typ, raw)
		if n < 0 {
			return 0, false
		}
		raw = raw[n:]
	}
	return 0, false
}
