package gateway

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
)

// batchPath is the REST route of BatchExtractClaims.
const batchPath = "/v1/claims:batchExtract"

// limitBatch refuses, before the JSON is decoded, a batch with more than max
// articles, with the 413 and field violation the server would give. Decoding
// a 3 MB body of a million empty articles builds a million messages (hundreds
// of megabytes) that would be refused for their count anyway; counting the
// array's first max+1 elements costs next to nothing. A body it cannot read
// goes on to the decoder, which says what is wrong with it.
func limitBatch(next http.Handler, max int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if body, ok := r.Body.(bufferedBody); ok && max > 0 && r.URL.Path == batchPath {
			if n := countArticles(body.data, max); n > max {
				writeStatus(w, http.StatusRequestEntityTooLarge, codes.ResourceExhausted,
					fmt.Sprintf("request too large: articles: has more than %d articles; the limit is %d (use StreamExtractClaims for more)", max, max),
					&errdetails.BadRequest{FieldViolations: []*errdetails.BadRequest_FieldViolation{{
						Field: "articles", Description: fmt.Sprintf("has more than %d articles; the limit is %d (use StreamExtractClaims for more)", max, max),
					}}})
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// countArticles counts the elements of the top-level "articles" array of a
// JSON object, stopping once it has seen more than stop; -1 when the body is
// not an object of that shape.
func countArticles(body []byte, stop int) int {
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return -1
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return -1
		}
		if k != "articles" {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return -1
			}
			continue
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return -1
		}
		n := 0
		for dec.More() && n <= stop {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return -1
			}
			n++
		}
		return n
	}
	return -1
}
