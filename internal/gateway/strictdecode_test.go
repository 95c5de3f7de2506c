package gateway

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// decodeBodies are request bodies a client may send, good and bad: the
// direct decode must take the good ones to the same message and leave every
// bad one to the strict path's error.
var decodeBodies = []string{
	`{"article":{"text":"Officials said the bridge will reopen."}}`,
	"{\"article\":{\"text\":\"x\"}}\n",
	"  \t{\"article\":{\"text\":\"x\",\"id\":\"a1\",\"url\":\"https://example.com/a\"}}\r\n ",
	`{"article":{"text":"x","published":"2024-05-01T10:00:00Z"},"offsetEncoding":"OFFSET_ENCODING_UTF16"}`,
	`{"article":{"text":"x"}} more`,
	`{"article":{"text":"x"}}{}`,
	`{"article":{"text":"x"}}]`,
	`{"articel":{}}`,
	`{"article":{"text":"x"},"article":{"text":"y"}}`,
	`{"article":{"text":"caf\u00e9 \ud83d\ude00"}}`,
	"{\"article\":{\"text\":\"bad \xff byte\"}}",
	`{"article":{"text":"unterminated}}`,
	`{"article":{"text":1}}`,
	`{"article":null}`,
	`null`,
	`[]`,
	``,
	`   `,
	`{`,
	`{"article":{"text":"x"}`,
}

// TestStrictJSONDecodeSameAsStrictPath: NewDecoder (the direct decode with the
// strict path behind it) gives every body the message and the error the
// strict path alone gives, whether the body comes buffered by limitBody or as
// a plain reader.
func TestStrictJSONDecodeSameAsStrictPath(t *testing.T) {
	m := newStrictJSON(&runtime.JSONPb{})
	for _, body := range decodeBodies {
		sameDecode(t, m, body)
	}
}

// FuzzStrictJSONDecode checks the same on arbitrary bodies.
func FuzzStrictJSONDecode(f *testing.F) {
	for _, b := range decodeBodies {
		f.Add(b)
	}
	m := newStrictJSON(&runtime.JSONPb{})
	f.Fuzz(func(t *testing.T, body string) { sameDecode(t, m, body) })
}

func sameDecode(t *testing.T, m strictJSON, body string) {
	t.Helper()
	var want claimsv1.ExtractClaimsRequest
	wantErr := m.decodeStrict(strings.NewReader(body), &want)
	readers := map[string]func() io.Reader{
		"buffered": func() io.Reader { return bufferedBody{Reader: bytes.NewReader([]byte(body)), data: []byte(body)} },
		"reader":   func() io.Reader { return strings.NewReader(body) },
	}
	for name, mk := range readers {
		var got claimsv1.ExtractClaimsRequest
		r := mk()
		err := m.NewDecoder(r).Decode(&got)
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Fatalf("%s body %q: error %v, strict path %v", name, body, err, wantErr)
		}
		if !proto.Equal(&got, &want) {
			t.Fatalf("%s body %q: decoded %v, strict path %v", name, body, &got, &want)
		}
		if bb, ok := r.(bufferedBody); ok && err == nil && bb.Len() != 0 {
			t.Fatalf("body %q: %d bytes left unread after a decode", body, bb.Len())
		}
	}
}

// BenchmarkStrictJSONDecode decodes a seed article's REST request body (the
// one the load test sends) from a buffered body: the direct decode against the
// strict path alone.
func BenchmarkStrictJSONDecode(b *testing.B) {
	text, err := os.ReadFile("../../../shared/seeds/001_29cbf187713894dc.txt")
	if err != nil {
		b.Skip("no ../shared/seeds")
	}
	body, err := protojsonBody(string(text))
	if err != nil {
		b.Fatal(err)
	}
	m := newStrictJSON(&runtime.JSONPb{})
	for _, path := range []string{"direct", "strict"} {
		b.Run(path, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				var req claimsv1.ExtractClaimsRequest
				r := bufferedBody{Reader: bytes.NewReader(body), data: body}
				var err error
				if path == "direct" {
					err = m.NewDecoder(r).Decode(&req)
				} else {
					err = m.decodeStrict(r, &req)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// protojsonBody is the JSON body of an ExtractClaims call for text.
func protojsonBody(text string) ([]byte, error) {
	return protojson.Marshal(&claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: text}})
}
