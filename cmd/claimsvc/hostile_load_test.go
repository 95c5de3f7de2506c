package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// TestIdleStreamsDoNotStarve opens more idle streams than the server has
// concurrency slots: other calls must still be served (before, the streams
// held every slot and everything else got RESOURCE_EXHAUSTED / 429), and an
// idle stream must be closed after -stream-idle-timeout.
func TestIdleStreamsDoNotStarve(t *testing.T) {
	conn, base := testServer(t, func(c *config) {
		c.maxConcurrent = 2
		c.streamIdleTimeout = 700 * time.Millisecond
	})
	client := claimsv1.NewClaimsServiceClient(conn)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var streams []claimsv1.ClaimsService_StreamExtractClaimsClient
	for range 4 {
		s, err := client.StreamExtractClaims(ctx)
		if err != nil {
			t.Fatal(err)
		}
		streams = append(streams, s)
	}
	time.Sleep(100 * time.Millisecond) // the streams have reached the server
	for i := range 5 {
		if _, err := client.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: article}}); err != nil {
			t.Fatalf("gRPC call %d beside idle streams: %v", i, err)
		}
		resp, err := http.Post(base+"/v1/claims:extract", "application/json", strings.NewReader(`{"article":{"text":"Officials said the talks may resume."}}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("REST call %d beside idle streams: HTTP %d", i, resp.StatusCode)
		}
	}
	// A stream that works is not idle: an article, its answer, then silence.
	if err := streams[0].Send(&claimsv1.StreamExtractClaimsRequest{Article: &claimsv1.Article{Text: article}}); err != nil {
		t.Fatal(err)
	}
	if r, err := streams[0].Recv(); err != nil || r.GetError() != nil {
		t.Fatalf("article on a stream: %v %v", err, r.GetError())
	}
	start := time.Now()
	for i, s := range streams {
		_, err := s.Recv()
		if status.Code(err) != codes.DeadlineExceeded {
			t.Errorf("idle stream %d: Recv = %v, want DEADLINE_EXCEEDED from the idle timeout", i, err)
		}
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("idle streams closed after %v", d)
	}
}

// TestRESTShedsLoad: more concurrent REST calls than slots are shed at the
// HTTP edge with 429, Retry-After and a RetryInfo, as gRPC calls are; the rest
// succeed.
func TestRESTShedsLoad(t *testing.T) {
	_, base := testServer(t, func(c *config) {
		c.maxConcurrent = 1
		c.queueWait = time.Millisecond
	})
	body := `{"article":{"text":"` + strings.Repeat("Officials said the talks may resume next month. ", 100) + `"}}`
	var mu sync.Mutex
	got := map[string]int{}
	var wg sync.WaitGroup
	for range 24 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Post(base+"/v1/claims:extract", "application/json", strings.NewReader(body))
			if err != nil {
				t.Error(err)
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			key := fmt.Sprint(resp.StatusCode)
			if resp.StatusCode == 429 {
				key += " Retry-After=" + resp.Header.Get("Retry-After")
				if !strings.Contains(string(b), "RetryInfo") {
					key += " without RetryInfo"
				}
			}
			mu.Lock()
			got[key]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	t.Logf("replies: %v", got)
	for k := range got {
		if k != "200" && k != "429 Retry-After=1" {
			t.Errorf("%d replies %q; want only 200 and 429 with Retry-After and RetryInfo", got[k], k)
		}
	}
	if got["200"] == 0 || got["429 Retry-After=1"] == 0 {
		t.Errorf("want both served and shed calls, got %v", got)
	}
}

// TestSlowRequestsAreCut: a client sending its body at a few bytes a second,
// or announcing more body than it sends, is answered 408 and cut at
// -http-read-timeout instead of holding its connection for ever; meanwhile a
// normal call is served.
func TestSlowRequestsAreCut(t *testing.T) {
	_, base := testServer(t, func(c *config) {
		c.maxConcurrent = 1
		c.httpReadTimeout = 600 * time.Millisecond
	})
	addr := strings.TrimPrefix(base, "http://")
	type result struct {
		name, first string
		after       time.Duration
	}
	results := make(chan result, 8)
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Add(1)
		go func(trickle bool) {
			defer wg.Done()
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			start := time.Now()
			_ = c.SetDeadline(start.Add(10 * time.Second))
			fmt.Fprintf(c, "POST /v1/claims:extract HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"article\":")
			name := "short body"
			if trickle {
				name = "1 byte per 200 ms"
				go func() {
					for time.Since(start) < 5*time.Second {
						if _, err := c.Write([]byte(" ")); err != nil {
							return
						}
						time.Sleep(200 * time.Millisecond)
					}
				}()
			}
			b := make([]byte, 256)
			n, _ := c.Read(b)
			first, _, _ := strings.Cut(string(b[:n]), "\r\n")
			results <- result{name, first, time.Since(start)}
		}(i%2 == 0)
	}
	time.Sleep(100 * time.Millisecond)
	resp, err := http.Post(base+"/v1/claims:extract", "application/json", strings.NewReader(`{"article":{"text":"Officials said the talks may resume."}}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("normal call beside slow clients: HTTP %d", resp.StatusCode)
	}
	wg.Wait()
	close(results)
	for r := range results {
		if !strings.Contains(r.first, " 408 ") || r.after > 3*time.Second {
			t.Errorf("%s: %q after %v; want 408 within about the 600ms read timeout", r.name, r.first, r.after.Round(time.Millisecond))
		}
	}
}

// TestDrainAsDocumented: after the stop signal, while a call is still running,
// GET /healthz answers 503 NOT_SERVING (before, the listener closed at once
// and probes were refused), new REST calls get 503, and the call still
// running at the shutdown timeout gets an UNAVAILABLE answer from the server
// instead of a reset connection.
func TestDrainAsDocumented(t *testing.T) {
	cfg, err := parseConfig([]string{"-grpc-addr=127.0.0.1:0", "-http-addr=127.0.0.1:0", "-shutdown-timeout=1500ms"}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	addrs := make(chan [2]string, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), func(g, h string) { addrs <- [2]string{g, h} })
	}()
	var a [2]string
	select {
	case a = <-addrs:
	case err := <-done:
		t.Fatal(err)
	case <-time.After(30 * time.Second):
		t.Fatal("server did not start")
	}
	conn, err := grpc.NewClient(a[0], grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	sctx, scancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer scancel()
	stream, err := claimsv1.NewClaimsServiceClient(conn).StreamExtractClaims(sctx) // runs until the server cuts it
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Send(&claimsv1.StreamExtractClaimsRequest{Article: &claimsv1.Article{Text: article}}); err != nil {
		t.Fatal(err)
	}
	if _, err := stream.Recv(); err != nil {
		t.Fatal(err)
	}
	stopAt := time.Now()
	stop()
	time.Sleep(200 * time.Millisecond)
	httpc := &http.Client{Timeout: 5 * time.Second}
	resp, err := httpc.Get("http://" + a[1] + "/healthz")
	if err != nil {
		t.Fatalf("GET /healthz during the drain: %v; want 503 NOT_SERVING", err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 503 || !strings.Contains(string(b), "NOT_SERVING") {
		t.Errorf("GET /healthz during the drain: HTTP %d %s; want 503 NOT_SERVING", resp.StatusCode, b)
	}
	resp, err = httpc.Post("http://"+a[1]+"/v1/claims:extract", "application/json", strings.NewReader(`{"article":{"text":"x"}}`))
	if err != nil {
		t.Fatalf("REST call during the drain: %v; want 503", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 503 {
		t.Errorf("REST call during the drain: HTTP %d, want 503", resp.StatusCode)
	}
	_, err = stream.Recv()
	st := status.Convert(err)
	if st.Code() != codes.Unavailable || !strings.Contains(st.Message(), "shutting down") {
		t.Errorf("stream running at the shutdown timeout: %v; want UNAVAILABLE from the server saying it is shutting down", err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not stop")
	}
	if d := time.Since(stopAt); d > cfg.shutdownTimeout+time.Second {
		t.Errorf("drain took %v with a %v shutdown timeout", d, cfg.shutdownTimeout)
	}
}
