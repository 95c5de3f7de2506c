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

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
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
	h, err := NewHandler(context.Background(), claimsv1.UnimplementedClaimsServiceServer{}, conn, Options{Gatherer: prometheus.NewRegistry()})
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

func TestCountArticles(t *testing.T) {
	for _, tt := range []struct {
		body string
		want int
	}{
		{`{"articles":[]}`, 0},
		{`{"encodingType":"ENCODING_TYPE_UTF16","articles":[{"text":"a"},{"text":"b"}]}`, 2},
		{`{"articles":[{},{},{},{},{}]}`, 4}, // stops after stop+1
		{`{"articles":{}}`, -1},
		{`[]`, -1},
		{`{"articles":[{"text":"a"`, -1}, // truncated: the decoder reports it
	} {
		if got := countArticles([]byte(tt.body), 3); got != tt.want {
			t.Errorf("countArticles(%s) = %d, want %d", tt.body, got, tt.want)
		}
	}
}

// TestLimitBatchBeforeDecoding: a REST batch over the article limit is 413
// naming articles before the gateway decodes it; others go on.
func TestLimitBatchBeforeDecoding(t *testing.T) {
	h := limitBody(limitBatch(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }), 2), 1<<20)
	for _, tt := range []struct {
		path, body string
		want       int
	}{
		{"/v1/claims:batchExtract", `{"articles":[{},{}]}`, http.StatusNoContent},
		{"/v1/claims:batchExtract", `{"articles":[{},{},{}]}`, http.StatusRequestEntityTooLarge},
		{"/v1/claims:extract", `{"articles":[{},{},{}]}`, http.StatusNoContent},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, tt.path, strings.NewReader(tt.body)))
		if rec.Code != tt.want || (tt.want == 413 && !strings.Contains(rec.Body.String(), `"field":"articles"`)) {
			t.Errorf("%s %s: %d %s, want %d", tt.path, tt.body, rec.Code, rec.Body, tt.want)
		}
	}
}
