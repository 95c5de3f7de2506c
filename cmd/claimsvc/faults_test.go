package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// callLog counts, from the server's own "finished call" log lines, how each
// call it accepted ended: the server's side of the ledger in the shutdown test.
type callLog struct {
	mu    sync.Mutex
	codes map[string]int // "<method> <code>" → count
}

func (c *callLog) Enabled(context.Context, slog.Level) bool { return true }
func (c *callLog) WithAttrs([]slog.Attr) slog.Handler       { return c }
func (c *callLog) WithGroup(string) slog.Handler            { return c }
func (c *callLog) Handle(_ context.Context, r slog.Record) error {
	if r.Message != "finished call" {
		return nil
	}
	var method, code string
	r.Attrs(func(a slog.Attr) bool {
		switch a.Key {
		case "grpc.method":
			method = a.Value.String()
		case "grpc.code":
			code = a.Value.String()
		}
		return true
	})
	c.mu.Lock()
	c.codes[method+" "+code]++
	c.mu.Unlock()
	return nil
}

func (c *callLog) snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.codes))
	for k, v := range c.codes {
		out[k] = v
	}
	return out
}

// startServer runs the real server in-process on loopback ports with the
// default configuration (10 s shutdown timeout) and the given logger, and
// returns its gRPC and HTTP addresses, the config, the cancel that starts its
// graceful shutdown, and the channel run's result arrives on. Unlike
// testServer it leaves stopping to the caller, who wants to watch it.
func startServer(tb testing.TB, log *slog.Logger) ([2]string, config, context.CancelFunc, chan error) {
	tb.Helper()
	cfg, err := parseConfig([]string{"-grpc-addr=127.0.0.1:0", "-http-addr=127.0.0.1:0"}, func(string) string { return "" })
	if err != nil {
		tb.Fatal(err)
	}
	cfg.shutdownTimeout = 10 * time.Second
	ctx, cancel := context.WithCancel(context.Background())
	addrs := make(chan [2]string, 1)
	done := make(chan error, 1)
	go func() { done <- run(ctx, cfg, log, func(g, h string) { addrs <- [2]string{g, h} }) }()
	select {
	case a := <-addrs:
		return a, cfg, cancel, done
	case err := <-done:
		cancel()
		tb.Fatalf("server did not start: %v", err)
	case <-time.After(30 * time.Second):
		cancel()
		tb.Fatal("server did not start within 30s")
	}
	return [2]string{}, cfg, cancel, done
}

// TestGracefulShutdownUnderLoad keeps 12 callers (gRPC and REST) busy, then
// cancels the server's context as SIGTERM would. The guarantee: no call the
// server accepted is lost. Every call the server finished must have finished
// OK (or been shed by the limiter before it started), and every OK the server
// sent must reach its client; the calls that fail are only those refused before
// acceptance (UNAVAILABLE, connection refused or closed while idle), and run
// returns cleanly well within the shutdown timeout.
func TestGracefulShutdownUnderLoad(t *testing.T) {
	calls := &callLog{codes: map[string]int{}}
	a, cfg, cancel, done := startServer(t, slog.New(calls))
	defer cancel()
	conn, err := grpc.NewClient(a[0], grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	client := claimsv1.NewClaimsServiceClient(conn)
	httpc := &http.Client{Timeout: 20 * time.Second}
	text := strings.Repeat(article+"\n\n", 48) // about 16 KB: calls are mid-way when the stop comes
	restBody, _ := protojson.Marshal(&claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: text}})

	var (
		clientOK, refused, shed atomic.Int64
		lostMu                  sync.Mutex
		lost                    []string
	)
	fail := func(s string) {
		lostMu.Lock()
		lost = append(lost, s)
		lostMu.Unlock()
	}
	stopping := make(chan struct{})
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Add(1)
		go func(rest bool) {
			defer wg.Done()
			// Each caller stops after its first refusal once shutdown has begun:
			// from then on the server is gone for new calls.
			for {
				if rest {
					resp, err := httpc.Post("http://"+a[1]+"/v1/claims:extract", "application/json", bytes.NewReader(restBody))
					if err != nil {
						select {
						case <-stopping: // refused: the listener is closed or the idle connection was shut
							refused.Add(1)
							return
						default:
							fail("REST before shutdown: " + err.Error())
							return
						}
					}
					b, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					switch resp.StatusCode {
					case 200:
						clientOK.Add(1)
					case 429:
						shed.Add(1)
					case 503:
						refused.Add(1) // the gateway found the gRPC server gone: not accepted
						return
					default:
						fail("REST " + resp.Status + ": " + string(b))
						return
					}
					continue
				}
				cctx, ccancel := context.WithTimeout(context.Background(), 20*time.Second)
				_, err := client.ExtractClaims(cctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: text}})
				ccancel()
				switch status.Code(err) {
				case codes.OK:
					clientOK.Add(1)
				case codes.ResourceExhausted:
					shed.Add(1)
				case codes.Unavailable:
					select {
					case <-stopping:
						refused.Add(1)
					default:
						fail("gRPC UNAVAILABLE before shutdown: " + err.Error())
					}
					return
				default:
					fail("gRPC: " + err.Error())
					return
				}
			}
		}(i%3 == 2)
	}
	time.Sleep(700 * time.Millisecond)
	close(stopping)
	stopAt := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run returned %v after shutdown", err)
		}
	case <-time.After(cfg.shutdownTimeout + 5*time.Second):
		t.Fatal("server did not stop within the shutdown timeout")
	}
	drain := time.Since(stopAt)
	wg.Wait()

	server := calls.snapshot()
	serverOK := server["ExtractClaims OK"]
	t.Logf("drained in %v; client: %d OK, %d shed, %d refused; server finished: %v", drain.Round(time.Millisecond), clientOK.Load(), shed.Load(), refused.Load(), server)
	for _, l := range lost {
		t.Error(l)
	}
	for k, n := range server {
		if !strings.HasSuffix(k, " OK") && !strings.HasSuffix(k, " ResourceExhausted") {
			t.Errorf("the server finished %d accepted calls as %q during the drain: they were cut, not completed", n, k)
		}
	}
	if serverOK == 0 || int64(serverOK) != clientOK.Load() {
		t.Errorf("the server completed %d calls OK but the clients received %d: accepted responses were lost", serverOK, clientOK.Load())
	}
	if drain > cfg.shutdownTimeout {
		t.Errorf("drain took %v, over the %v shutdown timeout", drain, cfg.shutdownTimeout)
	}
}

// TestClientDisconnectFreesResources drops clients in the middle of work and
// checks that the server lets go of everything they held: the goroutine count
// returns to its baseline within a few seconds. Cases: a stream cancelled
// while the server is busy with articles the client never reads, a whole
// connection closed mid-stream, and a unary call on a 1 MB article cancelled
// while it runs.
func TestClientDisconnectFreesResources(t *testing.T) {
	conn, base := testServer(t, nil)
	client := claimsv1.NewClaimsServiceClient(conn)
	text := strings.Repeat(article+"\n\n", 48) // about 16 KB: each article keeps a worker busy
	req := &claimsv1.StreamExtractClaimsRequest{Article: &claimsv1.Article{Text: text}}
	// Warm up both paths so the connections (the gateway's own gRPC connection
	// is made on the first REST call) exist before the baseline.
	if _, err := client.ExtractClaims(context.Background(), &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: article}}); err != nil {
		t.Fatal(err)
	}
	warm := &http.Transport{}
	resp, err := (&http.Client{Transport: warm}).Post(base+"/v1/claims:extract", "application/json", strings.NewReader(`{"article":{"text":"He said so."}}`))
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	warm.CloseIdleConnections()
	baseline := settledGoroutines()

	// streamAndDrop sends n articles on a stream without reading a response,
	// waits until the server is working on them, then calls drop.
	streamAndDrop := func(t *testing.T, c claimsv1.ClaimsServiceClient, ctx context.Context, drop func()) {
		t.Helper()
		stream, err := c.StreamExtractClaims(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Send blocks once flow control pushes back (the client reads nothing),
		// so send from a goroutine; the drop unblocks it.
		sent := make(chan struct{})
		go func() {
			defer close(sent)
			for range 40 {
				if err := stream.Send(req); err != nil {
					return
				}
			}
		}()
		time.Sleep(150 * time.Millisecond)
		drop()
		select {
		case <-sent:
		case <-time.After(5 * time.Second):
			t.Fatal("Send still blocked 5s after the client dropped the stream")
		}
		for { // the client side must end too
			if _, err := stream.Recv(); err != nil {
				break
			}
		}
	}

	t.Run("stream cancelled mid-way", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		streamAndDrop(t, client, ctx, cancel)
		waitGoroutines(t, baseline, 5*time.Second)
	})

	t.Run("connection closed mid-stream", func(t *testing.T) {
		other, err := grpc.NewClient(conn.Target(), grpc.WithTransportCredentials(insecure.NewCredentials()))
		if err != nil {
			t.Fatal(err)
		}
		streamAndDrop(t, claimsv1.NewClaimsServiceClient(other), context.Background(), func() { other.Close() })
		waitGoroutines(t, baseline, 5*time.Second)
	})

	t.Run("unary call cancelled while running", func(t *testing.T) {
		big := strings.Repeat("The minister said that the crossing will stay closed and the talks may fail. ", 12_000) // ~1 MB
		for range 3 {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
			_, err := client.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: big}})
			cancel()
			if c := status.Code(err); c != codes.DeadlineExceeded && c != codes.Canceled && c != codes.OK {
				t.Errorf("cancelled call ended %v", err)
			}
		}
		waitGoroutines(t, baseline, 5*time.Second)
	})

	t.Run("REST client gone mid-request", func(t *testing.T) {
		body, _ := protojson.Marshal(&claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: strings.Repeat(article+" ", 2500)}})
		tr := &http.Transport{}
		for range 3 {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
			r, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v1/claims:extract", bytes.NewReader(body))
			resp, err := tr.RoundTrip(r)
			if err == nil {
				resp.Body.Close()
			}
			cancel()
		}
		tr.CloseIdleConnections()
		waitGoroutines(t, baseline, 5*time.Second)
	})

	// The server is still fine after all that.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := client.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: article}}); err != nil && !errors.Is(err, context.Canceled) {
		t.Fatalf("server unusable after the disconnects: %v", err)
	}
}
