package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// serveArgs runs the real service in-process with command-line args and
// environment env on loopback ports, and returns its gRPC and HTTP addresses;
// it stops when the test ends.
func serveArgs(t *testing.T, args []string, env map[string]string) (grpcAddr, httpAddr string) {
	t.Helper()
	cfg, err := parseConfig(append([]string{"-grpc-addr=127.0.0.1:0", "-http-addr=127.0.0.1:0"}, args...),
		func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addrs := make(chan [2]string, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), func(g, h string) { addrs <- [2]string{g, h} })
	}()
	select {
	case a := <-addrs:
		t.Cleanup(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("server stopped with error: %v", err)
			}
		})
		return a[0], a[1]
	case err := <-done:
		cancel()
		t.Fatalf("server did not start: %v", err)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("server did not start within 30s")
	}
	return "", ""
}

const (
	goodToken  = "s3cret-token-for-tests-0123456789"
	otherToken = "another-valid-token-abcdefghijkl"
)

func dial(t *testing.T, addr string, creds credentials.TransportCredentials) *grpc.ClientConn {
	t.Helper()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(creds))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

func withToken(ctx context.Context, header string) context.Context {
	if header == "" {
		return ctx
	}
	return metadata.AppendToOutgoingContext(ctx, "authorization", header)
}

func extractOnce(ctx context.Context, conn *grpc.ClientConn) error {
	_, err := claimsv1.NewClaimsServiceClient(conn).ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{
		Article: &claimsv1.Article{Text: "Analysts said the talks may resume next month."}})
	return err
}

func restCall(t *testing.T, client *http.Client, method, url, auth, origin string, body []byte) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
		if method == http.MethodOptions {
			req.Header.Set("Access-Control-Request-Method", "POST")
			req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// TestBearerTokens: with tokens configured (one from a file, one from the
// environment), every RPC but health needs one, over gRPC and REST.
func TestBearerTokens(t *testing.T) {
	file := filepath.Join(t.TempDir(), "tokens")
	if err := os.WriteFile(file, []byte("# clients\n"+goodToken+"\n\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	g, h := serveArgs(t, []string{"-auth-tokens-file=" + file}, map[string]string{"CLAIMSVC_AUTH_TOKENS": otherToken})
	conn := dial(t, g, insecure.NewCredentials())
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	for _, tc := range []struct {
		name, header string
		want         codes.Code
	}{
		{"no token", "", codes.Unauthenticated},
		{"wrong token", "Bearer " + goodToken + "x", codes.Unauthenticated},
		{"not bearer", "Basic " + goodToken, codes.Unauthenticated},
		{"empty bearer", "Bearer ", codes.Unauthenticated},
		{"token from file", "Bearer " + goodToken, codes.OK},
		{"token from env", "bearer " + otherToken, codes.OK},
	} {
		if err := extractOnce(withToken(ctx, tc.header), conn); status.Code(err) != tc.want {
			t.Errorf("gRPC %s: %v, want %v", tc.name, err, tc.want)
		}
	}
	// Health needs no token; reflection (a stream) does.
	hr, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{})
	if err != nil || hr.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Errorf("health without token: %v, %v", hr, err)
	}
	rs, err := grpc_reflection_v1.NewServerReflectionClient(conn).ServerReflectionInfo(ctx)
	if err == nil {
		_ = rs.Send(&grpc_reflection_v1.ServerReflectionRequest{MessageRequest: &grpc_reflection_v1.ServerReflectionRequest_ListServices{}})
		_, err = rs.Recv()
	}
	if status.Code(err) != codes.Unauthenticated {
		t.Errorf("reflection without token: %v, want Unauthenticated", err)
	}

	body := []byte(`{"article": {"text": "Analysts said the talks may resume next month."}}`)
	url := "http://" + h
	for _, tc := range []struct {
		name, method, path, auth string
		want                     int
	}{
		{"extract, no token", "POST", "/v1/claims:extract", "", http.StatusUnauthorized},
		{"extract, wrong token", "POST", "/v1/claims:extract", "Bearer wrong-token-wrong-token", http.StatusUnauthorized},
		{"extract, token", "POST", "/v1/claims:extract", "Bearer " + goodToken, http.StatusOK},
		{"healthz, no token", "GET", "/healthz", "", http.StatusOK},
		{"metrics, no token", "GET", "/metrics", "", http.StatusUnauthorized},
		{"metrics, token", "GET", "/metrics", "Bearer " + otherToken, http.StatusOK},
	} {
		var b []byte
		if tc.method == "POST" {
			b = body
		}
		if resp := restCall(t, http.DefaultClient, tc.method, url+tc.path, tc.auth, "", b); resp.StatusCode != tc.want {
			t.Errorf("REST %s: HTTP %d, want %d", tc.name, resp.StatusCode, tc.want)
		}
	}
}

// TestTokensRejectedAtStart: a token too short to be a secret stops the server
// at start instead of running with a guessable credential.
func TestTokensRejectedAtStart(t *testing.T) {
	cfg, err := parseConfig([]string{"-grpc-addr=127.0.0.1:0", "-http-addr=127.0.0.1:0"},
		func(k string) string { return map[string]string{"CLAIMSVC_AUTH_TOKENS": "short"}[k] })
	if err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), nil); err == nil || !strings.Contains(err.Error(), "at least") {
		t.Errorf("run with a 5-character token: %v, want an error", err)
	}
}

// TestMutualTLS: with a server certificate and a client CA, gRPC and HTTPS
// accept only clients presenting a current certificate of that CA, and tokens
// still apply on top.
func TestMutualTLS(t *testing.T) {
	ca, rogue := newTestCA(t, "claimsvc-test"), newTestCA(t, "rogue")
	now := time.Now()
	srv := ca.issue("server", false, now.Add(-time.Hour), now.Add(time.Hour))
	good := ca.issue("client", true, now.Add(-time.Hour), now.Add(time.Hour))
	expired := ca.issue("expired", true, now.Add(-48*time.Hour), now.Add(-24*time.Hour))
	foreign := rogue.issue("foreign", true, now.Add(-time.Hour), now.Add(time.Hour))
	g, h := serveArgs(t, []string{"-tls-cert=" + srv.certFile, "-tls-key=" + srv.keyFile, "-tls-client-ca=" + ca.file},
		map[string]string{"CLAIMSVC_AUTH_TOKENS": goodToken})

	clientTLS := func(certs ...tls.Certificate) *tls.Config {
		return &tls.Config{RootCAs: ca.pool(), Certificates: certs, MinVersion: tls.VersionTLS12}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	authed := withToken(ctx, "Bearer "+goodToken)
	for _, tc := range []struct {
		name  string
		creds credentials.TransportCredentials
		ok    bool
	}{
		{"valid client certificate", credentials.NewTLS(clientTLS(good.pair)), true},
		{"no client certificate", credentials.NewTLS(clientTLS()), false},
		{"expired client certificate", credentials.NewTLS(clientTLS(expired.pair)), false},
		{"certificate of another CA", credentials.NewTLS(clientTLS(foreign.pair)), false},
		{"plain text", insecure.NewCredentials(), false},
	} {
		err := extractOnce(authed, dial(t, g, tc.creds))
		if tc.ok && err != nil || !tc.ok && status.Code(err) != codes.Unavailable {
			t.Errorf("gRPC, %s: %v (want ok=%v, else Unavailable)", tc.name, err, tc.ok)
		}
	}
	if err := extractOnce(ctx, dial(t, g, credentials.NewTLS(clientTLS(good.pair)))); status.Code(err) != codes.Unauthenticated {
		t.Errorf("gRPC, valid certificate but no token: %v, want Unauthenticated", err)
	}

	body := []byte(`{"article": {"text": "Analysts said the talks may resume next month."}}`)
	for _, tc := range []struct {
		name string
		cfg  *tls.Config
		auth string
		want int // 0: the handshake must fail
	}{
		{"valid certificate and token", clientTLS(good.pair), "Bearer " + goodToken, http.StatusOK},
		{"valid certificate, no token", clientTLS(good.pair), "", http.StatusUnauthorized},
		{"no certificate", clientTLS(), "Bearer " + goodToken, 0},
		{"expired certificate", clientTLS(expired.pair), "Bearer " + goodToken, 0},
		{"certificate of another CA", clientTLS(foreign.pair), "Bearer " + goodToken, 0},
	} {
		client := &http.Client{Transport: &http.Transport{TLSClientConfig: tc.cfg, ForceAttemptHTTP2: true}, Timeout: 20 * time.Second}
		req, _ := http.NewRequest("POST", "https://"+h+"/v1/claims:extract", bytes.NewReader(body))
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		resp, err := client.Do(req)
		switch {
		case tc.want == 0 && err == nil:
			resp.Body.Close()
			t.Errorf("HTTPS, %s: HTTP %d, want a failed handshake", tc.name, resp.StatusCode)
		case tc.want != 0 && err != nil:
			t.Errorf("HTTPS, %s: %v", tc.name, err)
		case tc.want != 0 && resp.StatusCode != tc.want:
			t.Errorf("HTTPS, %s: HTTP %d, want %d", tc.name, resp.StatusCode, tc.want)
		}
		if err == nil {
			resp.Body.Close()
		}
	}
	// Plain HTTP to the TLS port is refused.
	if resp, err := http.Post("http://"+h+"/v1/claims:extract", "application/json", bytes.NewReader(body)); err == nil {
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			t.Error("plain HTTP to the HTTPS port answered 200")
		}
	}
}

// TestTLSWithoutClientCertificates: TLS alone (no client CA) serves any client
// that trusts the server's certificate, over gRPC and HTTPS.
func TestTLSWithoutClientCertificates(t *testing.T) {
	ca := newTestCA(t, "claimsvc-test")
	srv := ca.issue("server", false, time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
	g, h := serveArgs(t, []string{"-tls-cert=" + srv.certFile, "-tls-key=" + srv.keyFile}, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cfg := &tls.Config{RootCAs: ca.pool(), MinVersion: tls.VersionTLS12}
	if err := extractOnce(ctx, dial(t, g, credentials.NewTLS(cfg))); err != nil {
		t.Errorf("gRPC over TLS: %v", err)
	}
	if err := extractOnce(ctx, dial(t, g, credentials.NewTLS(&tls.Config{MinVersion: tls.VersionTLS12}))); status.Code(err) != codes.Unavailable {
		t.Errorf("gRPC with an untrusted server certificate: %v, want Unavailable", err)
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}, Timeout: 20 * time.Second}
	if resp := restCall(t, client, "GET", "https://"+h+"/healthz", "", "", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("GET /healthz over HTTPS: %d", resp.StatusCode)
	}
}

// TestTLSFlagsGoTogether: a certificate without its key, or a client CA without
// a certificate, is a configuration error.
func TestTLSFlagsGoTogether(t *testing.T) {
	for _, args := range [][]string{{"-tls-cert=a.pem"}, {"-tls-key=a.pem"}, {"-tls-client-ca=ca.pem"}, {"-grpc-max-streams=0"}} {
		if _, err := parseConfig(args, func(string) string { return "" }); err == nil {
			t.Errorf("parseConfig(%v) accepted", args)
		}
	}
}

// TestCORS: no origin is allowed by default; with -cors-origins a listed origin
// gets its preflight answered and its responses marked, another gets 403.
func TestCORS(t *testing.T) {
	body := []byte(`{"article": {"text": "Analysts said the talks may resume next month."}}`)
	_, closed := serveArgs(t, nil, nil)
	if resp := restCall(t, http.DefaultClient, "OPTIONS", "http://"+closed+"/v1/claims:extract", "", "https://app.example", nil); resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("default server allowed a cross-origin preflight: %v", resp.Header)
	}
	if resp := restCall(t, http.DefaultClient, "POST", "http://"+closed+"/v1/claims:extract", "", "https://app.example", body); resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("default server marked a cross-origin response as allowed: %v", resp.Header)
	}

	_, h := serveArgs(t, []string{"-cors-origins=https://app.example, https://other.example"}, nil)
	url := "http://" + h + "/v1/claims:extract"
	pre := restCall(t, http.DefaultClient, "OPTIONS", url, "", "https://app.example", nil)
	if pre.StatusCode != http.StatusNoContent || pre.Header.Get("Access-Control-Allow-Origin") != "https://app.example" ||
		!strings.Contains(pre.Header.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("allowed preflight: HTTP %d %v", pre.StatusCode, pre.Header)
	}
	post := restCall(t, http.DefaultClient, "POST", url, "", "https://other.example", body)
	if post.StatusCode != http.StatusOK || post.Header.Get("Access-Control-Allow-Origin") != "https://other.example" {
		t.Errorf("allowed POST: HTTP %d %v", post.StatusCode, post.Header)
	}
	if deny := restCall(t, http.DefaultClient, "OPTIONS", url, "", "https://evil.example", nil); deny.StatusCode != http.StatusForbidden || deny.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight of another origin: HTTP %d %v", deny.StatusCode, deny.Header)
	}
	if other := restCall(t, http.DefaultClient, "POST", url, "", "https://evil.example", body); other.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("POST of another origin marked allowed: %v", other.Header)
	}
}
