// Command loadgen is a lean closed-loop gRPC load generator for ExtractClaims:
// the request is encoded once and every call sends the same bytes, and the
// response is received as bytes and counted, never decoded. It exists because
// ghz (the pinned general-purpose generator) spends about 1.2 ms of CPU per call
// on this service's large responses (dynamic messages built from reflection),
// twice what the server spends answering: on a two-core machine that shares its
// cores with the server, ghz measures ghz. loadgen's own CPU per call is printed
// with the results, so the share the generator takes is never hidden.
//
//	go run ./scripts/loadgen -addr 127.0.0.1:8081 -article ../shared/seeds/001_29cbf187713894dc.txt -c 4 -z 10s
//	go run ./scripts/loadgen -addr 127.0.0.1:8081 -article FILE -c 4 -n 3000 -z 1m   # 3,000 calls
//
// It prints one summary line, or with -json a document shaped like ghz's -O json
// (total, rps, statusCodeDistribution, latencyDistribution) plus clientCpuUsPerCall,
// which is what scripts/loadtest.sh reads when GRPC_GEN=loadgen.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/mem"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

const method = "/claims.v1.ClaimsService/ExtractClaims"

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "gRPC address of claimsvc")
	article := flag.String("article", "", "text file sent as the article of every call (required)")
	conc := flag.Int("c", 4, "callers, each with one call in flight at a time")
	conns := flag.Int("connections", 1, "gRPC connections the callers share (ghz's default is 1)")
	dur := flag.Duration("z", 10*time.Second, "how long to send calls")
	calls := flag.Int64("n", 0, "stop after this many calls in all (0: only -z bounds the run)")
	warm := flag.Int("warmup", 200, "calls sent before the measured run")
	asJSON := flag.Bool("json", false, "print a ghz-shaped JSON document instead of a summary line")
	flag.Parse()
	if *article == "" || *conc < 1 || *conns < 1 || *calls < 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*addr, *article, *conc, *conns, *dur, *calls, *warm, *asJSON); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(addr, article string, conc, nconns int, dur time.Duration, limit int64, warm int, asJSON bool) error {
	text, err := os.ReadFile(article)
	if err != nil {
		return err
	}
	req, err := proto.Marshal(&claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Id: "load", Text: string(text)}})
	if err != nil {
		return err
	}
	conns := make([]*grpc.ClientConn, nconns)
	for i := range conns {
		c, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
			grpc.WithDefaultCallOptions(grpc.ForceCodecV2(bytesCodec{}), grpc.MaxCallRecvMsgSize(64<<20)))
		if err != nil {
			return err
		}
		defer c.Close()
		conns[i] = c
	}
	ctx := context.Background()
	for i := 0; i < warm; i++ {
		var n int
		if err := conns[i%nconns].Invoke(ctx, method, req, &n); err != nil {
			return fmt.Errorf("warm-up call: %w", err)
		}
	}

	res := make([]result, conc)
	cpu0 := processCPU()
	start := time.Now()
	stop := start.Add(dur)
	budget := &callBudget{limit: limit}
	var wg sync.WaitGroup
	for w := range conc {
		wg.Go(func() { res[w] = caller(conns[w%nconns], req, stop, budget) })
	}
	wg.Wait()
	total := time.Since(start)
	cpu := processCPU() - cpu0

	var all []time.Duration
	codes := map[string]int{}
	calls := 0
	for _, r := range res {
		all = append(all, r.ok...)
		for c, n := range r.codes {
			codes[c] += n
			calls += n
		}
	}
	slices.Sort(all)
	out := report{
		Total:              total.Nanoseconds(),
		RPS:                float64(len(all)) / total.Seconds(),
		StatusCodes:        codes,
		ClientCPUUsPerCall: float64(cpu.Microseconds()) / float64(max(calls, 1)),
	}
	for _, p := range []int{50, 90, 95, 99} {
		out.Latency = append(out.Latency, percentile{Percentage: p, Latency: pct(all, p).Nanoseconds()})
	}
	if asJSON {
		return json.NewEncoder(os.Stdout).Encode(out)
	}
	fmt.Printf("calls %d in %.1fs: %.0f OK/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, codes %v, loadgen CPU %.0f us/call\n",
		calls, total.Seconds(), out.RPS, ms(out.Latency[0]), ms(out.Latency[2]), ms(out.Latency[3]), codes, out.ClientCPUUsPerCall)
	return nil
}

// result is one caller's share: latencies of its OK calls and every call's code.
type result struct {
	ok    []time.Duration
	codes map[string]int
}

// callBudget hands out the -n calls among the callers; a zero limit is no limit.
type callBudget struct {
	limit int64
	taken atomic.Int64
}

// take reports whether one more call may start.
func (b *callBudget) take() bool { return b.limit == 0 || b.taken.Add(1) <= b.limit }

// caller sends calls one after another until stop or until the budget is
// spent; a call still running at stop is let finish (so none is cancelled and
// counted as an error).
func caller(conn *grpc.ClientConn, req []byte, stop time.Time, budget *callBudget) result {
	r := result{codes: map[string]int{}}
	ctx := context.Background()
	for time.Now().Before(stop) && budget.take() {
		t0 := time.Now()
		var n int
		err := conn.Invoke(ctx, method, req, &n)
		lat := time.Since(t0)
		r.codes[status.Code(err).String()]++
		if err == nil {
			r.ok = append(r.ok, lat)
		}
	}
	return r
}

// report is ghz's -O json document, as far as scripts/loadtest.sh reads it.
type report struct {
	Total              int64          `json:"total"`
	RPS                float64        `json:"rps"`
	StatusCodes        map[string]int `json:"statusCodeDistribution"`
	Latency            []percentile   `json:"latencyDistribution"`
	ClientCPUUsPerCall float64        `json:"clientCpuUsPerCall"`
}

type percentile struct {
	Percentage int   `json:"percentage"`
	Latency    int64 `json:"latency"`
}

// pct is the p-th percentile of sorted latencies (nearest rank).
func pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[min(max(i-1, 0), len(sorted)-1)]
}

func ms(p percentile) float64 { return float64(p.Latency) / 1e6 }

// processCPU is this process's user plus system CPU time so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// bytesCodec sends a request that is already encoded ([]byte) and, instead of
// decoding a response, stores its length in an *int: the generator measures
// the server, not protobuf decoding.
type bytesCodec struct{}

// Name is "proto": the server sees an ordinary protobuf call.
func (bytesCodec) Name() string { return "proto" }

// Marshal sends the pre-encoded request as it is.
func (bytesCodec) Marshal(v any) (mem.BufferSlice, error) {
	b, ok := v.([]byte)
	if !ok {
		return nil, errors.New("bytesCodec: request must be []byte")
	}
	return mem.BufferSlice{mem.SliceBuffer(b)}, nil
}

// Unmarshal records the response's length and decodes nothing.
func (bytesCodec) Unmarshal(data mem.BufferSlice, v any) error {
	n, ok := v.(*int)
	if !ok {
		return errors.New("bytesCodec: response must be *int")
	}
	*n = data.Len()
	return nil
}

var _ encoding.CodecV2 = bytesCodec{}
