package gateway

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// unsized hides a body's length, as a chunked upload does.
type unsized struct{ io.Reader }

func TestLimitBodyChunked(t *testing.T) {
	var got string
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = string(b)
		w.WriteHeader(http.StatusNoContent)
	})
	h := limitBody(next, 8)
	for _, tt := range []struct {
		body string
		want int
	}{
		{"12345678", http.StatusNoContent},
		{"123456789", http.StatusRequestEntityTooLarge},
	} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/v1/claims:extract", unsized{strings.NewReader(tt.body)})
		if req.ContentLength != -1 {
			t.Fatalf("test request has a length")
		}
		h.ServeHTTP(rec, req)
		if rec.Code != tt.want {
			t.Errorf("chunked %d-byte body: status %d, want %d (%s)", len(tt.body), rec.Code, tt.want, rec.Body)
		}
		if tt.want == http.StatusNoContent && got != tt.body {
			t.Errorf("handler read %q, want %q", got, tt.body)
		}
	}
}

// TestWrongMethodIs405: GET on a POST route is 405 with Allow: POST (the
// gateway's default is 501 Not Implemented).
func TestWrongMethodIs405(t *testing.T) {
	conn, err := grpc.NewClient("127.0.0.1:1", grpc.WithTransportCredentials(insecure.NewCredentials())) // never dialled: routing fails first
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	h, err := NewHandler(context.Background(), conn, Options{Gatherer: prometheus.NewRegistry()})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/v1/claims:extract", "/v1/claims:batchExtract", "/v1/claims:compare"} {
		for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(m, path, nil))
			if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "POST" || !strings.Contains(rec.Body.String(), `"code"`) {
				t.Errorf("%s %s: %d Allow=%q %s, want 405 Allow=POST with a JSON status", m, path, rec.Code, rec.Header().Get("Allow"), rec.Body)
			}
		}
	}
}
