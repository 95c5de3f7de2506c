package gateway

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/protojsonfast"
)

// strictJSON is the gateway's JSON marshaler with one change: a request body
// must be exactly one JSON value. The default decoder stops after the first value
// and ignores whatever follows, so `{"article":{…}} garbage` would be accepted;
// a client that sent that has a bug it should hear about.
//
// It also writes responses faster than JSONPb: see Marshal.
type strictJSON struct {
	*runtime.JSONPb
	// fast writes the service's responses when the marshal options are the
	// gateway's own (EmitDefaultValues, nothing else); nil otherwise.
	fast *protojsonfast.Encoder
}

// newStrictJSON wraps pb, with the fast encoder planned for every response
// type of the service when pb's options are the ones it writes.
func newStrictJSON(pb *runtime.JSONPb) strictJSON {
	m := strictJSON{JSONPb: pb}
	if pb.MarshalOptions == (protojson.MarshalOptions{EmitDefaultValues: true}) {
		var outs []protoreflect.MessageDescriptor
		methods := claimsv1.File_claims_v1_claims_service_proto.Services().ByName("ClaimsService").Methods()
		for i := range methods.Len() {
			outs = append(outs, methods.Get(i).Output())
		}
		m.fast = protojsonfast.New(outs...)
	}
	return m
}

// NewDecoder decodes one value and then requires the end of the body.
//
// A proto message is first decoded straight from the body's bytes with
// protojson, which accepts exactly one JSON value and white space after it:
// the same bodies, decoded to the same message, as the strict path below,
// which runs encoding/json over the body to cut out the value and then
// protojson over that (two parses; the first was about 3 % of a REST call's
// CPU). A body the direct decode refuses goes the strict path, so every error
// a client sees is the one it saw before.
func (m strictJSON) NewDecoder(r io.Reader) runtime.Decoder {
	return runtime.DecoderFunc(func(v any) error {
		if p, ok := v.(proto.Message); ok {
			data, rest, err := bodyBytes(r)
			if err == nil && m.UnmarshalOptions.Unmarshal(data, p) == nil {
				return nil
			}
			proto.Reset(p)
			r = rest
		}
		return m.decodeStrict(r, v)
	})
}

// bodyBytes returns the whole of what r has left to read, and a reader that
// gives the same bytes (and r's error, if reading failed) for the strict path.
// A body limitBody buffered is taken as it is, without a copy.
func bodyBytes(r io.Reader) (data []byte, rest io.Reader, err error) {
	if bb, ok := r.(bufferedBody); ok && bb.Len() == len(bb.data) {
		bb.Reset(nil) // consumed, as a decoder reading it would leave it
		return bb.data, bytes.NewReader(bb.data), nil
	}
	data, err = io.ReadAll(r)
	if err != nil {
		return nil, io.MultiReader(bytes.NewReader(data), r), err
	}
	return data, bytes.NewReader(data), nil
}

// decodeStrict decodes one value from r (grpc-gateway's JSONPb decoding) and
// then requires the end of the body.
func (m strictJSON) decodeStrict(r io.Reader, v any) error {
	d := json.NewDecoder(r)
	inner := runtime.DecoderWrapper{Decoder: d, UnmarshalOptions: m.UnmarshalOptions}
	if err := inner.Decode(v); err != nil {
		return err
	}
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return status.Error(codes.InvalidArgument, "request body has data after its JSON object")
	}
	return nil
}

// Marshal writes a proto message with the fast encoder (protojsonfast: the
// JSON protojson writes, without its random spaces, in a fraction of its CPU
// time; protojson was about a quarter of a REST call's CPU) when it has one,
// else as JSONPb does, appending into one buffer sized from the message's
// binary size either way instead of growing a fresh slice from nothing and
// then copying it into a bytes.Buffer. Anything else goes to JSONPb unchanged.
func (m strictJSON) Marshal(v any) ([]byte, error) {
	p, ok := v.(proto.Message)
	if !ok {
		return m.JSONPb.Marshal(v)
	}
	buf := make([]byte, 0, jsonSizeHint(wireSize(p)))
	if m.fast != nil {
		return m.fast.MarshalAppend(buf, p)
	}
	return m.MarshalOptions.MarshalAppend(buf, p)
}

// wireSize is a message's binary length, from the generated SizeVT where the
// message has one (a walk of plain fields, several times cheaper than
// proto.Size's reflection; the number only sizes a buffer, so it need not be
// proto.Size's to the byte).
func wireSize(p proto.Message) int {
	if s, ok := p.(interface{ SizeVT() int }); ok {
		return s.SizeVT()
	}
	return proto.Size(p)
}

// jsonSizeHint guesses the JSON length of a message from its binary length:
// field names, quotes and defaults emitted make JSON several times longer than
// the wire form for claimsvc's responses; a low guess only costs a regrowth.
func jsonSizeHint(binary int) int { return 4*binary + 256 }
