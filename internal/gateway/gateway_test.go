package gateway

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

func TestErrorHandlerStatusCodes(t *testing.T) {
	busy, _ := status.New(codes.ResourceExhausted, "busy").WithDetails(&errdetails.RetryInfo{RetryDelay: durationpb.New(time.Second)})
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"invalid argument is 400", status.Error(codes.InvalidArgument, "bad"), http.StatusBadRequest},
		{"too large is 413", status.Error(codes.ResourceExhausted, "too large"), http.StatusRequestEntityTooLarge},
		{"shed load is 429", busy.Err(), http.StatusTooManyRequests},
		{"body over the limit is 413", &http.MaxBytesError{Limit: 10}, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodPost, "/v1/claims:extract", nil)
			errorHandler(context.Background(), runtime.NewServeMux(), &runtime.JSONPb{}, rec, req, tt.err)
			if rec.Code != tt.want {
				t.Errorf("status %d, want %d (body %s)", rec.Code, tt.want, rec.Body)
			}
			if !strings.Contains(rec.Body.String(), `"code"`) {
				t.Errorf("body is not a JSON status: %s", rec.Body)
			}
		})
	}
}

func TestLimitBody(t *testing.T) {
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	h := limitBody(next, 8)
	tests := []struct {
		body string
		want int
	}{
		{"12345678", http.StatusNoContent},
		{"123456789", http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/v1/claims:extract", strings.NewReader(tt.body)))
		if rec.Code != tt.want {
			t.Errorf("%d-byte body: status %d, want %d", len(tt.body), rec.Code, tt.want)
		}
	}
}

func TestStrictJSON(t *testing.T) {
	m := newStrictJSON(&runtime.JSONPb{})
	tests := []struct {
		name, body string
		ok         bool
	}{
		{"one object", `{"article":{"text":"x"}}`, true},
		{"trailing newline", "{\"article\":{\"text\":\"x\"}}\n", true},
		{"trailing data", `{"article":{"text":"x"}} more`, false},
		{"two objects", `{"article":{"text":"x"}}{}`, false},
		{"unknown field", `{"articel":{}}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var req claimsv1.ExtractClaimsRequest
			err := m.NewDecoder(strings.NewReader(tt.body)).Decode(&req)
			if (err == nil) != tt.ok {
				t.Errorf("Decode(%q) error = %v, want ok=%v", tt.body, err, tt.ok)
			}
		})
	}
}
