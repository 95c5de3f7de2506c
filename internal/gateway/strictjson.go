package gateway

import (
	"encoding/json"
	"errors"
	"io"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

// strictJSON is the gateway's JSON marshaler with one change: a request body
// must be exactly one JSON value. The default decoder stops after the first value
// and ignores whatever follows, so `{"article":{…}} garbage` would be accepted;
// a client that sent that has a bug it should hear about.
type strictJSON struct{ *runtime.JSONPb }

// NewDecoder decodes one value and then requires the end of the body.
func (m strictJSON) NewDecoder(r io.Reader) runtime.Decoder {
	d := json.NewDecoder(r)
	inner := runtime.DecoderWrapper{Decoder: d, UnmarshalOptions: m.UnmarshalOptions}
	return runtime.DecoderFunc(func(v any) error {
		if err := inner.Decode(v); err != nil {
			return err
		}
		if _, err := d.Token(); !errors.Is(err, io.EOF) {
			return status.Error(codes.InvalidArgument, "request body has data after its JSON object")
		}
		return nil
	})
}

// Marshal writes a proto message as JSONPb does, byte for byte, but appends into
// one buffer sized from the message's binary size instead of growing a fresh
// slice from nothing and then copying it into a bytes.Buffer: a REST response
// (tens of KB of JSON for a news article) was allocated and copied about three
// times over. Anything else goes to JSONPb unchanged.
func (m strictJSON) Marshal(v any) ([]byte, error) {
	p, ok := v.(proto.Message)
	if !ok {
		return m.JSONPb.Marshal(v)
	}
	return m.MarshalOptions.MarshalAppend(make([]byte, 0, jsonSizeHint(proto.Size(p))), p)
}

// jsonSizeHint guesses the JSON length of a message from its binary length:
// field names, quotes and defaults emitted make JSON several times longer than
// the wire form for claimsvc's responses; a low guess only costs a regrowth.
func jsonSizeHint(binary int) int { return 4*binary + 256 }
