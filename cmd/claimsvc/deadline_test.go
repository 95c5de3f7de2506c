package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/adversarial"
)

// hostileDeadlineText is an article the pipeline needs seconds of CPU for: a
// megabyte (just under the size limit) of distinct speakers each saying something.
func hostileDeadlineText(t *testing.T) string {
	g, ok := adversarial.Get("names-said")
	if !ok {
		t.Fatal("no names-said generator")
	}
	return g.Make(1<<20 - 4096)
}

// deadlineGrace is how soon after a call's deadline its slot must be free again.
const deadlineGrace = 100 * time.Millisecond

// TestDeadlineInsidePipelineOverGRPC: with one slot, a hostile article with a
// short deadline ends DEADLINE_EXCEEDED on the server (not only at the client),
// and a call made the moment the first one's deadline passed gets the slot
// within deadlineGrace (the queue wait): the server stopped working on it.
func TestDeadlineInsidePipelineOverGRPC(t *testing.T) {
	g, h := serveArgs(t, []string{"-max-concurrent=1", "-queue-wait=" + deadlineGrace.String()}, nil)
	client := claimsv1.NewClaimsServiceClient(dial(t, g, insecure.NewCredentials()))
	text := hostileDeadlineText(t)
	attempt := func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		t0 := time.Now()
		_, err := client.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: text}})
		if status.Code(err) != codes.DeadlineExceeded {
			t.Fatalf("hostile call: %v after %v, want DeadlineExceeded", err, time.Since(t0))
		}
		next, cancel2 := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel2()
		return extractOnce(next, dial(t, g, insecure.NewCredentials()))
	}
	if err := retryOnce(attempt); err != nil {
		t.Fatalf("call after the hostile one's deadline: %v (its slot was not freed within %v)", err, deadlineGrace)
	}
	// The client's deadline cancels the call (RST_STREAM) as the server's own
	// copy of it fires: either way the server stopped.
	waitForMetric(t, "http://"+h, "DeadlineExceeded", "Canceled")
}

// TestDeadlineInsidePipelineOverREST: the same over REST, the deadline sent as
// the gateway's Grpc-Timeout header: 504, then the next call is served.
func TestDeadlineInsidePipelineOverREST(t *testing.T) {
	_, h := serveArgs(t, []string{"-max-concurrent=1", "-queue-wait=" + deadlineGrace.String()}, nil)
	body, err := json.Marshal(map[string]any{"article": map[string]string{"text": hostileDeadlineText(t)}})
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + h + "/v1/claims:extract"
	attempt := func() error {
		req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Grpc-Timeout", "300m")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusGatewayTimeout {
			t.Fatalf("hostile REST call: HTTP %d, want 504", resp.StatusCode)
		}
		small := restCall(t, &http.Client{Timeout: 5 * time.Second}, "POST", url, "", "",
			[]byte(`{"article": {"text": "Analysts said the talks may resume next month."}}`))
		if small.StatusCode != http.StatusOK {
			return status.Errorf(codes.Unknown, "HTTP %d", small.StatusCode)
		}
		return nil
	}
	if err := retryOnce(attempt); err != nil {
		t.Fatalf("REST call after the hostile one's deadline: %v (its slot was not freed within %v)", err, deadlineGrace)
	}
	waitForMetric(t, "http://"+h, "DeadlineExceeded", "Canceled")
}

// retryOnce runs f again if it fails: a machine busy with other work may stall
// the server for longer than the grace once, not twice in a row.
func retryOnce(f func() error) error {
	if err := f(); err == nil {
		return nil
	}
	return f()
}

// waitForMetric waits until /metrics has a non-zero grpc_server_handled_total
// series for ExtractClaims with one of the codes: the server itself ended the
// call that way.
func waitForMetric(t *testing.T, base string, codes ...string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		resp, err := http.Get(base + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, line := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(line, "grpc_server_handled_total{") || !strings.Contains(line, `grpc_method="ExtractClaims"`) || strings.HasSuffix(line, " 0") {
				continue
			}
			for _, c := range codes {
				if strings.Contains(line, `grpc_code="`+c+`"`) {
					return
				}
			}
		}
	}
	t.Errorf("the server ended no ExtractClaims call with %v", codes)
}
