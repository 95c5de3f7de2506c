package gateway

import (
	"encoding/json"
	"errors"
	"io"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
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
