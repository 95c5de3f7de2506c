package access

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

const tokA, tokB = "token-a-0123456789abcdef", "token-b-0123456789abcdef"

func TestLoadTokens(t *testing.T) {
	file := filepath.Join(t.TempDir(), "tokens")
	if err := os.WriteFile(file, []byte("# a comment\n\n  "+tokA+"  \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, file, list string
		enabled, err     bool
		valid, invalid   []string
	}{
		{name: "none", enabled: false, valid: []string{"", "anything"}},
		{name: "file", file: file, enabled: true, valid: []string{tokA}, invalid: []string{"", tokB, tokA + "x", tokA[:10]}},
		{name: "list", list: " " + tokB + " ,," + tokA, enabled: true, valid: []string{tokA, tokB}, invalid: []string{"", "token-c-0123456789abcdef"}},
		{name: "too short", list: "short", err: true},
		{name: "missing file", file: filepath.Join(t.TempDir(), "none"), err: true},
	} {
		ts, err := LoadTokens(tc.file, tc.list)
		if tc.err {
			if err == nil {
				t.Errorf("%s: no error", tc.name)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if ts.Enabled() != tc.enabled {
			t.Errorf("%s: Enabled = %v", tc.name, ts.Enabled())
		}
		for _, v := range tc.valid {
			if !ts.Valid(v) {
				t.Errorf("%s: %q refused", tc.name, v)
			}
		}
		for _, v := range tc.invalid {
			if ts.Valid(v) {
				t.Errorf("%s: %q accepted", tc.name, v)
			}
		}
	}
	var nilSet *Tokens
	if nilSet.Enabled() || !nilSet.Valid("x") {
		t.Error("a nil set must turn authentication off")
	}
}

func TestBearer(t *testing.T) {
	for in, want := range map[string]string{
		"Bearer abc": "abc", "bearer  abc ": "abc", "BEARER abc": "abc",
		"Bearer": "", "Bearer ": "", "Basic abc": "", "abc": "", "": "",
	} {
		got, ok := bearer(in)
		if got != want || ok != (want != "") {
			t.Errorf("bearer(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestAuthorize(t *testing.T) {
	ts, _ := LoadTokens("", tokA)
	ctx := func(vals ...string) context.Context {
		md := metadata.MD{}
		for _, v := range vals {
			md.Append("authorization", v)
		}
		return metadata.NewIncomingContext(context.Background(), md)
	}
	for _, tc := range []struct {
		name, method string
		ctx          context.Context
		want         codes.Code
	}{
		{"health needs none", "/grpc.health.v1.Health/Check", context.Background(), codes.OK},
		{"health watch needs none", "/grpc.health.v1.Health/Watch", context.Background(), codes.OK},
		{"no metadata", "/claims.v1.ClaimsService/ExtractClaims", context.Background(), codes.Unauthenticated},
		{"no header", "/claims.v1.ClaimsService/ExtractClaims", ctx(), codes.Unauthenticated},
		{"right token", "/claims.v1.ClaimsService/ExtractClaims", ctx("Bearer " + tokA), codes.OK},
		{"wrong token", "/claims.v1.ClaimsService/ExtractClaims", ctx("Bearer " + tokB), codes.Unauthenticated},
		{"two headers", "/claims.v1.ClaimsService/ExtractClaims", ctx("Bearer "+tokA, "Bearer "+tokB), codes.Unauthenticated},
		{"reflection", "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", ctx(), codes.Unauthenticated},
		{"look-alike of health", "/grpc.health.v1.HealthX/Check", ctx(), codes.Unauthenticated},
	} {
		if got := status.Code(ts.authorize(tc.ctx, tc.method)); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestRequireHTTP(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) })
	ts, _ := LoadTokens("", tokA)
	for _, tc := range []struct {
		auth string
		want int
	}{{"", 401}, {"Bearer " + tokB, 401}, {"Bearer " + tokA, http.StatusTeapot}} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/metrics", nil)
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		ts.RequireHTTP(ok).ServeHTTP(rec, req)
		if rec.Code != tc.want || tc.want == 401 && rec.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("auth %q: %d %v, want %d", tc.auth, rec.Code, rec.Header(), tc.want)
		}
	}
	var off *Tokens
	rec := httptest.NewRecorder()
	off.RequireHTTP(ok).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusTeapot {
		t.Errorf("without tokens: %d", rec.Code)
	}
}

func TestCORS(t *testing.T) {
	next := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	do := func(h http.Handler, method, origin string, preflight bool) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, "/v1/claims:extract", nil)
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		if preflight {
			req.Header.Set("Access-Control-Request-Method", "POST")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	for _, tc := range []struct {
		name      string
		origins   []string
		method    string
		origin    string
		preflight bool
		code      int
		allow     string
	}{
		{"none configured", nil, "OPTIONS", "https://a.example", true, 200, ""},
		{"allowed preflight", []string{"https://a.example/"}, "OPTIONS", "https://a.example", true, 204, "https://a.example"},
		{"allowed request", []string{"https://a.example"}, "POST", "https://a.example", false, 200, "https://a.example"},
		{"other origin preflight", []string{"https://a.example"}, "OPTIONS", "https://b.example", true, 403, ""},
		{"other origin request", []string{"https://a.example"}, "POST", "https://b.example", false, 200, ""},
		{"same origin (no Origin)", []string{"https://a.example"}, "POST", "", false, 200, ""},
		{"wildcard", []string{"*"}, "POST", "https://b.example", false, 200, "https://b.example"},
	} {
		rec := do(CORS(tc.origins, next), tc.method, tc.origin, tc.preflight)
		if rec.Code != tc.code || rec.Header().Get("Access-Control-Allow-Origin") != tc.allow {
			t.Errorf("%s: %d, allow %q; want %d, %q", tc.name, rec.Code, rec.Header().Get("Access-Control-Allow-Origin"), tc.code, tc.allow)
		}
	}
}

func TestServerConfig(t *testing.T) {
	if _, err := (TLSFiles{Cert: "c.pem"}).ServerConfig(); err == nil {
		t.Error("certificate without key accepted")
	}
	if _, err := (TLSFiles{Cert: "missing.pem", Key: "missing.pem"}).ServerConfig(); err == nil {
		t.Error("missing files accepted")
	}
	if (TLSFiles{}).Enabled() || !(TLSFiles{ClientCA: "x"}).Enabled() {
		t.Error("Enabled is wrong")
	}
}
