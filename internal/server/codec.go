package server

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"google.golang.org/grpc/encoding"
	encproto "google.golang.org/grpc/encoding/proto"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// decodeFailureField is the field number under which the codec records, in a
// request's unknown fields, why the request could not be decoded. It is the
// largest legal field number, which no message of ours uses.
const decodeFailureField protowire.Number = protowire.MaxValidNumber

// codec is the gRPC proto codec with one difference: a request that fails to
// decode does not fail the call with INTERNAL (grpc-go's fixed mapping for any
// codec error). Instead the codec leaves an empty message carrying the reason,
// and validation answers INVALID_ARGUMENT naming the field, e.g.
// "articles[2].text: is not valid UTF-8 (first bad byte at offset 17)". Protobuf
// refuses invalid UTF-8 in string fields, so without this a client that sends a
// raw byte string would get an opaque internal error.
//
// It also refuses, undecoded, a batch with more than maxBatch articles (see
// overBatchLimit); validation then reports the count.
//
// Messages with vtprotobuf's generated methods (all of claims.v1) are encoded
// and decoded by them, without the proto package's reflection-driven size and
// marshal walks (fastcodec.go, with the checks of vtexact.go and wireshape.go);
// the bytes and the decoded messages are the proto package's, and anything the
// fast path cannot vouch for takes the proto package's path.
type codec struct {
	base     encoding.CodecV2
	maxBatch int
}

func newCodec(maxBatch int) codec {
	return codec{base: encoding.GetCodecV2(encproto.Name), maxBatch: maxBatch}
}

func (c codec) Name() string { return encproto.Name }

func (c codec) Marshal(v any) (mem.BufferSlice, error) {
	if out, ok := marshalVT(v); ok {
		return out, nil
	}
	return c.base.Marshal(v)
}

func (c codec) Unmarshal(data mem.BufferSlice, v any) error {
	m, ok := v.(proto.Message)
	if ok && overBatchLimit(data, m, c.maxBatch) {
		return nil
	}
	if ok && unmarshalVT(data, m) {
		// As in unmarshalProto: the codec's own marker fields never survive a decode.
		dropDecodeFailure(m)
		return nil
	}
	return c.unmarshalProto(data, v)
}

// unmarshalProto is Unmarshal through the proto package (grpc's own codec),
// turning a decode failure into the marker that validation reports.
func (c codec) unmarshalProto(data mem.BufferSlice, v any) error {
	m, ok := v.(proto.Message)
	err := c.base.Unmarshal(data, v)
	if !ok {
		return err
	}
	if err == nil {
		// The marker field is the codec's own; a client that sends it must not be
		// able to fake a decode failure, so a message that decoded drops it.
		dropDecodeFailure(m)
		return nil
	}
	field, why := describeDecodeFailure(data.Materialize(), m.ProtoReflect().Descriptor(), "")
	if why == "" {
		field, why = "", "is not a valid protobuf message: "+err.Error()
	}
	proto.Reset(m)
	var raw []byte
	raw = protowire.AppendTag(raw, decodeFailureField, protowire.BytesType)
	raw = protowire.AppendString(raw, field+"\x00"+why)
	m.ProtoReflect().SetUnknown(raw)
	return nil
}

// dropDecodeFailure removes any decodeFailureField from m's unknown fields.
func dropDecodeFailure(m proto.Message) {
	raw := m.ProtoReflect().GetUnknown()
	if len(raw) == 0 {
		return
	}
	kept := raw[:0:0]
	for len(raw) > 0 {
		num, typ, n := protowire.ConsumeTag(raw)
		if n < 0 {
			return
		}
		v := protowire.ConsumeFieldValue(num, typ, raw[n:])
		if v < 0 {
			return
		}
		n += v
		if num != decodeFailureField && num != articleCountField {
			kept = append(kept, raw[:n]...)
		}
		raw = raw[n:]
	}
	m.ProtoReflect().SetUnknown(kept)
}

// decodeFailure returns the field and reason the codec recorded on m, if any.
func decodeFailure(m proto.Message) (field, why string, failed bool) {
	raw := m.ProtoReflect().GetUnknown()
	for len(raw) > 0 {
		num, typ, n := protowire.ConsumeTag(raw)
		if n < 0 {
			return "", "", false
		}
		raw = raw[n:]
		if num == decodeFailureField && typ == protowire.BytesType {
			v, _ := protowire.ConsumeString(raw)
			for i := 0; i < len(v); i++ {
				if v[i] == 0 {
					return v[:i], v[i+1:], true
				}
			}
			return "", v, true
		}
		n = protowire.ConsumeFieldValue(num, typ, raw)
		if n < 0 {
			return "", "", false
		}
		raw = raw[n:]
	}
	return "", "", false
}

// describeDecodeFailure walks wire-format data against its descriptor to find the
// first string field holding invalid UTF-8, returning its path ("article.text",
// "articles[2].id") and a description; why is empty when none is found.
func describeDecodeFailure(b []byte, md protoreflect.MessageDescriptor, prefix string) (field, why string) {
	seen := make(map[protowire.Number]int)
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return "", ""
		}
		b = b[n:]
		if typ != protowire.BytesType {
			if n = protowire.ConsumeFieldValue(num, typ, b); n < 0 {
				return "", ""
			}
			b = b[n:]
			continue
		}
		v, n := protowire.ConsumeBytes(b)
		if n < 0 {
			return "", ""
		}
		b = b[n:]
		fd := md.Fields().ByNumber(num)
		if fd == nil {
			continue
		}
		name := prefix + string(fd.Name())
		if fd.IsList() {
			name += "[" + strconv.Itoa(seen[num]) + "]"
			seen[num]++
		}
		switch fd.Kind() {
		case protoreflect.StringKind:
			if !utf8.Valid(v) {
				return name, fmt.Sprintf("is not valid UTF-8 (first bad byte at offset %d)", firstInvalidUTF8(string(v)))
			}
		case protoreflect.MessageKind:
			if f, w := describeDecodeFailure(v, fd.Message(), name+"."); w != "" {
				return f, w
			}
		}
	}
	return "", ""
}
