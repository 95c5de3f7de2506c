package gateway

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/protoadapt"
)

// errorHandler writes gRPC errors as the gateway's JSON status body (code,
// message, details: the same google.rpc.BadRequest field violations and RetryInfo
// a gRPC client gets) with a fitting HTTP status. It departs from the default
// mapping in two places: a body over the size limit is 413, and a request too
// large for the limits is 413 rather than 429 (RESOURCE_EXHAUSTED from an
// overloaded server, which carries RetryInfo, stays 429 and gets Retry-After).
func errorHandler(ctx context.Context, mux *runtime.ServeMux, m runtime.Marshaler, w http.ResponseWriter, r *http.Request, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		err = status.Errorf(codes.ResourceExhausted, "request body exceeds the limit of %d bytes", tooBig.Limit)
		w = statusWriter{ResponseWriter: w, code: http.StatusRequestEntityTooLarge}
	} else if st, ok := status.FromError(err); ok && st.Code() == codes.ResourceExhausted {
		if delay, shed := retryDelay(st); shed {
			setRetryAfter(w, delay) // shed by the gRPC server: 429, as the admission control's own
		} else {
			w = statusWriter{ResponseWriter: w, code: http.StatusRequestEntityTooLarge}
		}
	}
	runtime.DefaultHTTPErrorHandler(ctx, mux, m, w, r, err)
}

// retryDelay tells load shedding (retry later, after the delay) from an
// oversize request (never retry as is).
func retryDelay(st *status.Status) (time.Duration, bool) {
	for _, d := range st.Details() {
		if ri, ok := d.(*errdetails.RetryInfo); ok {
			return ri.GetRetryDelay().AsDuration(), true
		}
	}
	return 0, false
}

// statusWriter overrides the status code the default handler chooses.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (s statusWriter) WriteHeader(int) { s.ResponseWriter.WriteHeader(s.code) }

// writeStatus answers before the gateway is reached, in the same JSON shape
// (a google.rpc.Status with code, message and details).
func writeStatus(w http.ResponseWriter, httpCode int, code codes.Code, msg string, details ...protoadapt.MessageV1) {
	st := status.New(code, msg)
	if withDetails, err := st.WithDetails(details...); err == nil {
		st = withDetails
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(httpCode)
	body, _ := (&runtime.JSONPb{}).Marshal(st.Proto())
	_, _ = w.Write(body)
}

// routingErrorHandler answers a known path asked with the wrong method with 405
// and an Allow header (every REST route of the API is a POST), rather than the
// default 501, which would tell the client the server lacks the feature.
func routingErrorHandler(ctx context.Context, mux *runtime.ServeMux, m runtime.Marshaler, w http.ResponseWriter, r *http.Request, httpStatus int) {
	if httpStatus != http.StatusMethodNotAllowed {
		runtime.DefaultRoutingErrorHandler(ctx, mux, m, w, r, httpStatus)
		return
	}
	w.Header().Set("Allow", http.MethodPost)
	writeStatus(w, http.StatusMethodNotAllowed, codes.Unimplemented, fmt.Sprintf("%s is not allowed on %s; use POST", r.Method, r.URL.Path))
}
