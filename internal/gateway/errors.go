package gateway

import (
	"context"
	"errors"
	"net/http"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// errorHandler writes gRPC errors as the gateway's JSON status body (code,
// message, details: the same google.rpc.BadRequest field violations and RetryInfo
// a gRPC client gets) with a fitting HTTP status. It departs from the default
// mapping in two places: a body over the size limit is 413, and a request too
// large for the limits is 413 rather than 429 (RESOURCE_EXHAUSTED from an
// overloaded server, which carries RetryInfo, stays 429).
func errorHandler(ctx context.Context, mux *runtime.ServeMux, m runtime.Marshaler, w http.ResponseWriter, r *http.Request, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		err = status.Errorf(codes.ResourceExhausted, "request body exceeds the limit of %d bytes", tooBig.Limit)
		w = statusWriter{ResponseWriter: w, code: http.StatusRequestEntityTooLarge}
	} else if st, ok := status.FromError(err); ok && st.Code() == codes.ResourceExhausted && !hasRetryInfo(st) {
		w = statusWriter{ResponseWriter: w, code: http.StatusRequestEntityTooLarge}
	}
	runtime.DefaultHTTPErrorHandler(ctx, mux, m, w, r, err)
}

// hasRetryInfo tells load shedding (retry later) from an oversize request (never
// retry as is).
func hasRetryInfo(st *status.Status) bool {
	for _, d := range st.Details() {
		if _, ok := d.(*errdetails.RetryInfo); ok {
			return true
		}
	}
	return false
}

// statusWriter overrides the status code the default handler chooses.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (s statusWriter) WriteHeader(int) { s.ResponseWriter.WriteHeader(s.code) }

// writeStatus answers before the gateway is reached, in the same JSON shape.
func writeStatus(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	grpcCode := codes.InvalidArgument
	if code == http.StatusRequestEntityTooLarge {
		grpcCode = codes.ResourceExhausted
	}
	body, _ := (&runtime.JSONPb{}).Marshal(status.New(grpcCode, msg).Proto())
	_, _ = w.Write(body)
}
