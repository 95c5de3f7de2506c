// Command hostile replays the hostile clients of issue 18 against a running
// claimsvc on loopback and prints what happened, for BENCHMARKS.md's before and
// after figures. Every scenario runs for a bounded time and stops by itself;
// it is a measuring tool, not a test (the regression tests live beside the
// code they guard).
//
//	go run ./scripts/hostile -http 127.0.0.1:8080 -grpc 127.0.0.1:8081 -pid PID bigbatch
//	… idle | rest | slowloris | shortbody
//
// bigbatch: one batch of 1,000,000 empty articles over REST while a second
// client makes ordinary REST calls; prints both status codes, the reply size
// and the server's peak RSS. idle: 8 idle streams, then unary calls and
// /healthz. rest: -conns connections calling claims:extract for -duration;
// counts per status, p50/p99, server RSS. slowloris: -conns connections
// sending a body at 1 byte/s; how long the server keeps them. shortbody: a
// Content-Length longer than the body; how long until the server answers.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

var (
	httpAddr = flag.String("http", "127.0.0.1:8080", "claimsvc HTTP address (loopback)")
	grpcAddr = flag.String("grpc", "127.0.0.1:8081", "claimsvc gRPC address (loopback)")
	pid      = flag.Int("pid", 0, "server process id, to read its RSS from /proc")
	conns    = flag.Int("conns", 200, "connections (rest, slowloris)")
	duration = flag.Duration("duration", 10*time.Second, "how long a scenario runs")
	honour   = flag.Bool("honour-retry-after", true, "rest: after a 429, wait as its Retry-After says before the next call, as a well-behaved client does")
)

const text = "Interior Minister Ana Ruiz said on Tuesday that the border agreement will not be signed this year. \"We have no plan to reopen the crossing,\" she told reporters. According to officials in the capital, the crossing has been closed since March."

func main() {
	flag.Parse()
	for _, h := range []string{*httpAddr, *grpcAddr} {
		if host, _, err := net.SplitHostPort(h); err != nil || (host != "127.0.0.1" && host != "localhost" && host != "::1") {
			fmt.Fprintln(os.Stderr, "hostile: loopback addresses only:", h)
			os.Exit(2)
		}
	}
	scenarios := map[string]func(){"bigbatch": bigBatch, "grpcbatch": grpcBatch, "idle": idleStreams, "rest": restLoad, "slowloris": slowloris, "shortbody": shortBody}
	run, ok := scenarios[flag.Arg(0)]
	if !ok {
		fmt.Fprintln(os.Stderr, "usage: hostile [flags] bigbatch|grpcbatch|idle|rest|slowloris|shortbody")
		os.Exit(2)
	}
	stop := watchRSS()
	run()
	fmt.Printf("server peak RSS %s\n", stop())
}

// cpuSeconds is the server's user+sys CPU time so far, from /proc.
func cpuSeconds() float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", *pid))
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseFloat(f[11], 64)
	s, _ := strconv.ParseFloat(f[12], 64)
	return (u + s) / 100 // USER_HZ
}

// watchRSS reads the server's peak RSS (VmHWM) and CPU used when stopped.
func watchRSS() func() string {
	cpu0 := cpuSeconds()
	return func() string {
		if *pid == 0 {
			return "n/a (no -pid)"
		}
		defer fmt.Printf("server CPU %.2fs\n", cpuSeconds()-cpu0)
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", *pid))
		if err != nil {
			return "n/a (" + err.Error() + ")"
		}
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "VmHWM:") {
				return strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:"))
			}
		}
		return "n/a"
	}
}

func post(c *http.Client, path, body string) (int, int, error) {
	resp, err := c.Post("http://"+*httpAddr+path, "application/json", strings.NewReader(body))
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	n, _ := io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, int(n), nil
}

// postRetry is post that also returns a 429's Retry-After.
func postRetry(c *http.Client, path, body string) (int, time.Duration, error) {
	resp, err := c.Post("http://"+*httpAddr+path, "application/json", strings.NewReader(body))
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
	return resp.StatusCode, time.Duration(secs) * time.Second, nil
}

func extractBody() string {
	return `{"article":{"text":` + fmt.Sprintf("%q", text) + `}}`
}

func bigBatch() {
	var b strings.Builder
	b.WriteString(`{"articles":[`)
	for i := range 1_000_000 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("{}")
	}
	b.WriteString("]}")
	c := &http.Client{Timeout: 60 * time.Second}
	done := make(chan struct{})
	var other sync.Map
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			default:
			}
			code, _, err := post(c, "/v1/claims:extract", extractBody())
			k := fmt.Sprint(code)
			if err != nil {
				k = "error"
			}
			v, _ := other.LoadOrStore(k, new(atomic.Int64))
			v.(*atomic.Int64).Add(1)
			time.Sleep(5 * time.Millisecond)
		}
	}()
	start := time.Now()
	code, n, err := post(c, "/v1/claims:batchExtract", b.String())
	fmt.Printf("batch of 1,000,000 empty articles (%d-byte body): HTTP %d, %d-byte reply, err %v, in %v\n", b.Len(), code, n, err, time.Since(start).Round(time.Millisecond))
	time.Sleep(200 * time.Millisecond)
	close(done)
	wg.Wait()
	fmt.Print("concurrent unrelated REST calls:")
	other.Range(func(k, v any) bool { fmt.Printf(" %v×%d", k, v.(*atomic.Int64).Load()); return true })
	fmt.Println()
}

// grpcBatch sends the million empty articles over gRPC (a 2 MB message).
func grpcBatch() {
	conn, err := grpc.NewClient(*grpcAddr, grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithDefaultCallOptions(grpc.MaxCallSendMsgSize(64<<20)))
	if err != nil {
		panic(err)
	}
	defer conn.Close()
	arts := make([]*claimsv1.Article, 1_000_000)
	for i := range arts {
		arts[i] = &claimsv1.Article{}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	start := time.Now()
	_, err = claimsv1.NewClaimsServiceClient(conn).BatchExtractClaims(ctx, &claimsv1.BatchExtractClaimsRequest{Articles: arts})
	st := status.Convert(err)
	fmt.Printf("gRPC batch of 1,000,000 empty articles: %v %.120q (%d-byte status) in %v\n", st.Code(), st.Message(), proto.Size(st.Proto()), time.Since(start).Round(time.Millisecond))
}

func idleStreams() {
	conn, err := grpc.NewClient(*grpcAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		panic(err)
	}
	defer conn.Close()
	client := claimsv1.NewClaimsServiceClient(conn)
	ctx, cancel := context.WithTimeout(context.Background(), *duration+30*time.Second)
	defer cancel()
	for range 8 {
		s, err := client.StreamExtractClaims(ctx)
		if err != nil {
			panic(err)
		}
		_ = s // opened, never sends
	}
	time.Sleep(300 * time.Millisecond)
	codes := map[string]int{}
	for range 20 {
		cctx, ccancel := context.WithTimeout(ctx, 5*time.Second)
		_, err := client.ExtractClaims(cctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: text}})
		ccancel()
		codes["gRPC "+status.Code(err).String()]++
		c, _, err := post(&http.Client{Timeout: 5 * time.Second}, "/v1/claims:extract", extractBody())
		if err != nil {
			codes["REST error"]++
		} else {
			codes[fmt.Sprint("REST ", c)]++
		}
	}
	fmt.Printf("with 8 idle streams open, 20 gRPC + 20 REST calls: %v\n", codes)
	for _, wait := range []time.Duration{0, *duration} {
		time.Sleep(wait)
		resp, err := http.Get("http://" + *httpAddr + "/healthz")
		if err != nil {
			fmt.Printf("/healthz after %v: %v\n", wait, err)
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Printf("/healthz after %v more: HTTP %d %s\n", wait, resp.StatusCode, bytes.TrimSpace(b))
	}
}

func restLoad() {
	body := extractBody()
	var mu sync.Mutex
	codes := map[string]int{}
	var lat []time.Duration
	deadline := time.Now().Add(*duration)
	var wg sync.WaitGroup
	for range *conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
			for time.Now().Before(deadline) {
				start := time.Now()
				code, retry, err := postRetry(c, "/v1/claims:extract", body)
				d := time.Since(start)
				k := fmt.Sprint(code)
				if err != nil {
					k = "error"
				}
				mu.Lock()
				codes[k]++
				if code == 200 {
					lat = append(lat, d)
				}
				mu.Unlock()
				if code == 429 && *honour {
					time.Sleep(retry)
				}
			}
		}()
	}
	wg.Wait()
	slices.Sort(lat)
	q := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[int(p*float64(len(lat)-1))].Round(time.Millisecond)
	}
	fmt.Printf("%d connections for %v (honour Retry-After: %v): %v; %.0f OK/s; OK latency p50 %v p99 %v\n", *conns, *duration, *honour, codes, float64(len(lat))/duration.Seconds(), q(.5), q(.99))
}

func slowloris() {
	var open atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	cut := make(chan time.Duration, *conns)
	for range *conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := net.Dial("tcp", *httpAddr)
			if err != nil {
				return
			}
			defer c.Close()
			open.Add(1)
			defer open.Add(-1)
			fmt.Fprintf(c, "POST /v1/claims:extract HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
			for time.Since(start) < *duration {
				if _, err := c.Write([]byte{' '}); err != nil {
					cut <- time.Since(start)
					return
				}
				time.Sleep(time.Second)
			}
		}()
	}
	time.Sleep(*duration / 2)
	fmt.Printf("slowloris: %d connections at 1 byte/s; open after %v: %d\n", *conns, *duration/2, open.Load())
	wg.Wait()
	close(cut)
	var first, n time.Duration
	for d := range cut {
		if first == 0 || d < first {
			first = d
		}
		n++
	}
	fmt.Printf("slowloris: %d of %d connections cut by the server within %v (first after %v)\n", n, *conns, *duration, first.Round(100*time.Millisecond))
}

func shortBody() {
	c, err := net.Dial("tcp", *httpAddr)
	if err != nil {
		panic(err)
	}
	defer c.Close()
	start := time.Now()
	fmt.Fprintf(c, "POST /v1/claims:extract HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"article\":")
	_ = c.SetReadDeadline(time.Now().Add(*duration))
	b := make([]byte, 512)
	n, err := c.Read(b)
	first, _, _ := strings.Cut(string(b[:n]), "\r\n")
	fmt.Printf("Content-Length 1000, 11 bytes sent: after %v: %q %v\n", time.Since(start).Round(time.Millisecond), first, err)
}
