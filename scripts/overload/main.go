// Command overload re-proves on this machine, against real processes on
// loopback, what claimsvc promises under pressure, and prints the figures for
// BENCHMARKS.md. Every phase is bounded in time and stops by itself.
//
//	go run ./scripts/overload [-duration 60s] [-phase all|overload|drain|resume]
//
// overload: measures the knee (calls/s at concurrency 4, gRPC), then offers twice
// that rate, open loop, for -duration over gRPC and REST together (at most
// -max-inflight calls outstanding), while probing /healthz every 250 ms and
// sampling the server's RSS. It passes when health answered every probe, every
// refused call was RESOURCE_EXHAUSTED / HTTP 429 and RSS stayed under -max-rss-mb.
//
// drain: 16 closed-loop callers, SIGTERM after 3 s. It passes when every call the
// server reports having finished OK (its JSON log) reached its client as OK, no
// call failed with anything but a refusal a client may retry (UNAVAILABLE,
// RESOURCE_EXHAUSTED, 503, connection refused), and the server exited 0.
//
// resume: claimbatch on synthetic articles, kill -9 mid-run, then -resume. It
// passes when the output has exactly one line per input line, in order, none
// repeated or missing.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

func main() {
	duration := flag.Duration("duration", 60*time.Second, "how long the overload phase offers twice the knee")
	phase := flag.String("phase", "all", "all, overload, drain or resume")
	maxInflight := flag.Int("max-inflight", 256, "overload: most calls outstanding at once (bounds the generator)")
	maxRSS := flag.Int("max-rss-mb", 200, "overload: the server's RSS must stay under this")
	flag.Parse()
	dir, err := os.MkdirTemp("", "claimsvc-overload-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)
	bins, err := build(dir)
	if err != nil {
		fail(err)
	}
	ok := true
	if *phase == "all" || *phase == "overload" {
		ok = overload(bins, dir, *duration, *maxInflight, *maxRSS) && ok
	}
	if *phase == "all" || *phase == "drain" {
		ok = drain(bins, dir) && ok
	}
	if *phase == "all" || *phase == "resume" {
		ok = resume(bins, dir) && ok
	}
	if !ok {
		fmt.Println("FAIL")
		os.Exit(1)
	}
	fmt.Println("PASS")
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "overload:", err)
	os.Exit(2)
}

type binaries struct{ claimsvc, claimbatch string }

// build compiles the two commands once, so the figures are the binaries' own.
func build(dir string) (binaries, error) {
	b := binaries{filepath.Join(dir, "claimsvc"), filepath.Join(dir, "claimbatch")}
	for out, pkg := range map[string]string{b.claimsvc: "./cmd/claimsvc", b.claimbatch: "./cmd/claimbatch"} {
		cmd := exec.Command("go", "build", "-o", out, pkg)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return b, fmt.Errorf("go build %s: %w", pkg, err)
		}
	}
	return b, nil
}

// server is a claimsvc process on free loopback ports.
type server struct {
	cmd        *exec.Cmd
	grpc, http string
	log        *bytes.Buffer
	done       chan error
}

func freePort() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func start(bins binaries, dir string, args ...string) *server {
	s := &server{grpc: freePort(), http: freePort(), log: &bytes.Buffer{}, done: make(chan error, 1)}
	s.cmd = exec.Command(bins.claimsvc, append([]string{"-grpc-addr", s.grpc, "-http-addr", s.http, "-log-json", "-log-level", "debug",
		"-store", "none", "-examples-dir", ""}, args...)...)
	s.cmd.Dir = dir
	s.cmd.Stderr = &lockedWriter{w: s.log}
	if err := s.cmd.Start(); err != nil {
		fail(err)
	}
	go func() { s.done <- s.cmd.Wait() }()
	for t0 := time.Now(); time.Since(t0) < 30*time.Second; time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get("http://" + s.http + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
	}
	fail(errors.New("server did not become healthy within 30 s"))
	return nil
}

func (s *server) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(20 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// rssMB reads a process's resident set and its peak, in MB.
func rssMB(pid int) (cur, peak float64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "VmRSS:":
			cur = kb / 1024
		case "VmHWM:":
			peak = kb / 1024
		}
	}
	return cur, peak
}

// article is a ~3 KB news text written for this script.
var article = strings.Repeat(`Interior Minister Ana Ruiz said on Tuesday that the border agreement will not be signed this year. "We have no plan to reopen the crossing," she told reporters. According to officials in the capital, the crossing has been closed since March, and traders said the closure may cost the region millions. `, 10)

var restBody, _ = json.Marshal(map[string]any{"article": map[string]string{"text": article}})

// tally counts outcomes by name.
type tally struct {
	mu sync.Mutex
	m  map[string]int
}

func (t *tally) add(k string) {
	t.mu.Lock()
	if t.m == nil {
		t.m = map[string]int{}
	}
	t.m[k]++
	t.mu.Unlock()
}

func (t *tally) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var parts []string
	for k, v := range t.m {
		parts = append(parts, fmt.Sprintf("%s %d", k, v))
	}
	return strings.Join(parts, ", ")
}

func grpcCall(ctx context.Context, c claimsv1.ClaimsServiceClient) string {
	_, err := c.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: article}})
	return "grpc " + status.Code(err).String()
}

func restCall(ctx context.Context, client *http.Client, base string) string {
	req, _ := http.NewRequestWithContext(ctx, "POST", base+"/v1/claims:extract", bytes.NewReader(restBody))
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return "rest stopped"
		}
		return "rest conn-error"
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return "rest " + strconv.Itoa(resp.StatusCode)
}

func overload(bins binaries, dir string, d time.Duration, maxInflight, maxRSS int) bool {
	s := start(bins, dir)
	defer s.stop()
	conn, err := grpc.NewClient(s.grpc, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		fail(err)
	}
	defer conn.Close()
	client := claimsv1.NewClaimsServiceClient(conn)
	httpClient := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: maxInflight}, Timeout: 30 * time.Second}

	// The knee: closed loop at concurrency 4 for 5 s (BENCHMARKS.md: throughput
	// barely grows beyond it while latency doubles).
	var n atomic.Int64
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				if grpcCall(ctx, client) == "grpc OK" {
					n.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	cancel()
	knee := float64(n.Load()) / 5
	rate := 2 * knee
	fmt.Printf("overload: knee %.0f calls/s (gRPC, concurrency 4); offering %.0f/s for %v, half gRPC, half REST, at most %d outstanding\n", knee, rate, d, maxInflight)

	var out, health tally
	var healthFail atomic.Int64
	var peakRSS, lastRSS float64
	ctx, cancel = context.WithTimeout(context.Background(), d)
	defer cancel()
	sem := make(chan struct{}, maxInflight)
	var probes sync.WaitGroup
	probes.Add(2)
	go func() { // health every 250 ms
		defer probes.Done()
		for t := time.NewTicker(250 * time.Millisecond); ctx.Err() == nil; <-t.C {
			hc, hcancel := context.WithTimeout(context.Background(), 2*time.Second)
			req, _ := http.NewRequestWithContext(hc, "GET", "http://"+s.http+"/healthz", nil)
			resp, err := http.DefaultClient.Do(req)
			hcancel()
			if err != nil {
				healthFail.Add(1)
				health.add("error")
				continue
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			health.add(strconv.Itoa(resp.StatusCode))
			if resp.StatusCode != http.StatusOK {
				healthFail.Add(1)
			}
		}
	}()
	go func() { // RSS every second
		defer probes.Done()
		for t := time.NewTicker(time.Second); ctx.Err() == nil; <-t.C {
			lastRSS, peakRSS = rssMB(s.cmd.Process.Pid)
		}
	}()
	interval := time.Duration(float64(time.Second) / max(rate, 1))
	t0 := time.Now()
	var i int64
	var calls sync.WaitGroup
	for ctx.Err() == nil {
		next := t0.Add(time.Duration(i) * interval)
		if w := time.Until(next); w > 0 {
			time.Sleep(w)
		}
		i++
		select {
		case sem <- struct{}{}:
		default:
			out.add("generator-full")
			continue
		}
		calls.Add(1)
		go func(k int64) {
			defer calls.Done()
			defer func() { <-sem }()
			cctx, ccancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer ccancel()
			if k%2 == 0 {
				out.add(grpcCall(cctx, client))
			} else {
				out.add(restCall(cctx, httpClient, "http://"+s.http))
			}
		}(i)
	}
	calls.Wait()
	probes.Wait()
	elapsed := time.Since(t0)
	fmt.Printf("overload: %v, %d offered (%.0f/s): %s\n", elapsed.Round(time.Second), i, float64(i)/elapsed.Seconds(), out.String())
	okCalls := out.m["grpc OK"] + out.m["rest 200"]
	fmt.Printf("overload: served %.0f calls/s; health probes: %s; server RSS %.0f MB at the end, peak %.0f MB\n",
		float64(okCalls)/elapsed.Seconds(), health.String(), lastRSS, peakRSS)
	good := healthFail.Load() == 0 && peakRSS < float64(maxRSS) && okCalls > 0
	for k := range out.m {
		switch k {
		case "grpc OK", "grpc ResourceExhausted", "rest 200", "rest 429", "generator-full":
		default:
			good = false
			fmt.Printf("overload: unexpected outcome %q\n", k)
		}
	}
	fmt.Printf("overload: %s\n", verdict(good))
	return good
}

func verdict(ok bool) string {
	if ok {
		return "pass"
	}
	return "FAIL"
}

// drain keeps 16 callers busy, sends SIGTERM and checks every accepted call.
func drain(bins binaries, dir string) bool {
	s := start(bins, dir, "-shutdown-timeout", "10s")
	conn, err := grpc.NewClient(s.grpc, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		fail(err)
	}
	defer conn.Close()
	client := claimsv1.NewClaimsServiceClient(conn)
	httpClient := &http.Client{Timeout: 30 * time.Second}
	var out tally
	var clientOK atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for k := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
				var r string
				if k%2 == 0 {
					r = grpcCall(ctx, client)
				} else {
					r = restCall(ctx, httpClient, "http://"+s.http)
				}
				cancel()
				out.add(r)
				if r == "grpc OK" || r == "rest 200" {
					clientOK.Add(1)
				} else {
					time.Sleep(10 * time.Millisecond) // refused: back off as a client would
				}
			}
		}()
	}
	time.Sleep(3 * time.Second)
	t0 := time.Now()
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	var exitErr error
	select {
	case exitErr = <-s.done:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		exitErr = errors.New("did not exit within 30 s")
	}
	took := time.Since(t0)
	close(stop)
	wg.Wait()
	// The server logs one "finished call" line per call; count its OKs of
	// ClaimsService (the gateway's calls are the REST ones).
	serverOK := 0
	sc := bufio.NewScanner(bytes.NewReader(s.log.Bytes()))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var rec map[string]any
		if json.Unmarshal(sc.Bytes(), &rec) != nil {
			continue
		}
		if rec["msg"] == "finished call" && rec["grpc.service"] == "claims.v1.ClaimsService" && rec["grpc.code"] == "OK" {
			serverOK++
		}
	}
	good := exitErr == nil && int64(serverOK) == clientOK.Load()
	for k := range out.m {
		switch k {
		case "grpc OK", "rest 200", "grpc Unavailable", "grpc ResourceExhausted", "rest 503", "rest 429", "rest conn-error":
		default:
			good = false
			fmt.Printf("drain: unexpected outcome %q\n", k)
		}
	}
	fmt.Printf("drain: SIGTERM under 16 callers; exited in %v (%v); server finished %d calls OK, clients received %d OK; outcomes: %s\ndrain: %s\n",
		took.Round(time.Millisecond), exitErr, serverOK, clientOK.Load(), out.String(), verdict(good))
	return good
}

// resume runs claimbatch on synthetic articles, kills it with SIGKILL, resumes
// and checks the output line by line.
func resume(bins binaries, dir string) bool {
	input := filepath.Join(dir, "articles.jsonl")
	const n = 3000
	f, err := os.Create(input)
	if err != nil {
		fail(err)
	}
	w := bufio.NewWriter(f)
	for i := range n {
		line, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("a%05d", i), "text": fmt.Sprintf("Official %d said the talks may resume next month. ", i) + article[:600]})
		w.Write(line)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		fail(err)
	}
	f.Close()
	output := filepath.Join(dir, "results.jsonl")
	run := func(args ...string) *exec.Cmd {
		cmd := exec.Command(bins.claimbatch, append([]string{"-o", output, "-progress", "never"}, append(args, input)...)...)
		cmd.Stderr = io.Discard
		if err := cmd.Start(); err != nil {
			fail(err)
		}
		return cmd
	}
	first := run()
	// Kill it once a good part, but not all, of the output is written.
	for t0 := time.Now(); time.Since(t0) < 60*time.Second; time.Sleep(20 * time.Millisecond) {
		if fi, err := os.Stat(output); err == nil && fi.Size() > 0 && lines(output) >= n/3 {
			break
		}
	}
	_ = first.Process.Signal(syscall.SIGKILL)
	_ = first.Wait()
	before := lines(output)
	second := run("-resume")
	err = second.Wait()
	// One line per input line, in order: line k answers input line k (id a<k-1>).
	got, bad := 0, 0
	of, oerr := os.Open(output)
	if oerr != nil {
		fail(oerr)
	}
	sc := bufio.NewScanner(of)
	sc.Buffer(make([]byte, 16<<20), 16<<20)
	for sc.Scan() {
		got++
		var rec struct {
			Line int    `json:"line"`
			ID   string `json:"id"`
		}
		if json.Unmarshal(sc.Bytes(), &rec) != nil || rec.Line != got || rec.ID != fmt.Sprintf("a%05d", got-1) {
			bad++
		}
	}
	of.Close()
	good := err == nil && got == n && bad == 0 && before < n
	fmt.Printf("resume: %d articles; kill -9 after %d complete lines; -resume exit %v; output %d lines, %d out of place or repeated\nresume: %s\n",
		n, before, err, got, bad, verdict(good))
	return good
}

// lines counts the complete lines of a file.
func lines(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	return bytes.Count(b, []byte{'\n'})
}
