package gateway

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"net/http"

	"google.golang.org/grpc/codes"
)

// limitBody reads a REST call's whole body, at most max bytes, before the call
// goes on. A body over the limit is 413 whether its size is announced
// (Content-Length, refused before reading) or not (chunked, refused when the
// limit is crossed); the JSON decoder would otherwise report the cut as a
// malformed body (400). Reading first also means a slow client holds only its
// own connection while it sends, not an admission slot (see admit), and a body
// that stops short of its Content-Length ends with the server's read timeout
// (408) instead of hanging.
func limitBody(next http.Handler, max int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := r.Body
		if max > 0 {
			if r.ContentLength > max {
				writeStatus(w, http.StatusRequestEntityTooLarge, codes.ResourceExhausted, fmt.Sprintf("request body is %d bytes; the limit is %d", r.ContentLength, max))
				return
			}
			body = http.MaxBytesReader(w, r.Body, max)
		}
		var buf bytes.Buffer
		if r.ContentLength > 0 {
			buf.Grow(int(r.ContentLength))
		}
		_, err := buf.ReadFrom(body)
		var tooBig *http.MaxBytesError
		var netErr net.Error
		switch {
		case errors.As(err, &tooBig):
			writeStatus(w, http.StatusRequestEntityTooLarge, codes.ResourceExhausted, fmt.Sprintf("request body exceeds the limit of %d bytes", tooBig.Limit))
			return
		case errors.As(err, &netErr) && netErr.Timeout():
			w.Header().Set("Connection", "close")
			writeStatus(w, http.StatusRequestTimeout, codes.DeadlineExceeded, "the request body did not arrive within the server's read timeout")
			return
		case err != nil:
			w.Header().Set("Connection", "close")
			writeStatus(w, http.StatusBadRequest, codes.InvalidArgument, "reading the request body: "+err.Error())
			return
		}
		r.Body = bufferedBody{Reader: bytes.NewReader(buf.Bytes()), data: buf.Bytes()}
		r.ContentLength = int64(buf.Len())
		next.ServeHTTP(w, r)
	})
}

// bufferedBody is a body limitBody read whole, so later checks can look at it
// without reading it.
type bufferedBody struct {
	*bytes.Reader
	data []byte
}

func (bufferedBody) Close() error { return nil }
