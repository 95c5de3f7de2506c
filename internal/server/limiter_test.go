package server

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// TestLimiterBoundsConcurrencyAndWait checks the limiter's contract: never more
// than its slots run at once, a call waits at most about queueWait for a slot
// and is then refused with RESOURCE_EXHAUSTED and a RetryInfo, a cancelled
// caller leaves at once with its own code, and health and reflection calls are
// never held back.
func TestLimiterBoundsConcurrencyAndWait(t *testing.T) {
	const slots, wait, callers = 2, 20 * time.Millisecond, 12
	l := newLimiter(slots, wait)
	var running, peak atomic.Int32
	release := make(chan struct{})
	busy := func(ctx context.Context, req any) (any, error) {
		n := running.Add(1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		<-release
		running.Add(-1)
		return "ok", nil
	}
	info := &grpc.UnaryServerInfo{FullMethod: "/claims.v1.ClaimsService/ExtractClaims"}
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	waited := make(chan time.Duration, callers)
	for range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			_, err := l.unary(context.Background(), nil, info, busy)
			if err != nil {
				waited <- time.Since(start)
			}
			errs <- err
		}()
	}
	// Health answers at once although every slot is taken.
	time.Sleep(5 * time.Millisecond)
	hinfo := &grpc.UnaryServerInfo{FullMethod: "/grpc.health.v1.Health/Check"}
	start := time.Now()
	if _, err := l.unary(context.Background(), nil, hinfo, func(context.Context, any) (any, error) { return "serving", nil }); err != nil || time.Since(start) > wait {
		t.Errorf("health check with all slots busy: err %v after %v; it must bypass the limiter", err, time.Since(start))
	}
	// A caller whose context ends while queued gets its own code, not a shed.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Millisecond)
	_, err := l.unary(ctx, nil, info, busy)
	cancel()
	if status.Code(err) != codes.DeadlineExceeded {
		t.Errorf("queued caller past its deadline: %v, want DEADLINE_EXCEEDED", err)
	}
	time.Sleep(wait * 3) // everyone not running has been shed by now
	close(release)
	wg.Wait()
	close(errs)
	close(waited)
	var ok, shed int
	for err := range errs {
		st := status.Convert(err)
		switch st.Code() {
		case codes.OK:
			ok++
		case codes.ResourceExhausted:
			shed++
			var retry bool
			for _, d := range st.Details() {
				if ri, isRI := d.(*errdetails.RetryInfo); isRI && ri.GetRetryDelay().AsDuration() > 0 {
					retry = true
				}
			}
			if !retry {
				t.Errorf("shed without RetryInfo: %v", err)
			}
		default:
			t.Errorf("unexpected %v", err)
		}
	}
	if p := peak.Load(); p > slots {
		t.Errorf("%d calls ran at once; the limit is %d", p, slots)
	}
	if ok != slots || shed != callers-slots {
		t.Errorf("%d ran, %d shed; want %d and %d", ok, shed, slots, callers-slots)
	}
	for d := range waited {
		if d < wait || d > wait+200*time.Millisecond {
			t.Errorf("a shed caller waited %v; the queue wait is %v", d, wait)
		}
	}
}

// TestLimiterQueueIsBoundedInLength checks that once slots × waitingPerSlot
// calls wait, the next is shed at once instead of joining the queue.
func TestLimiterQueueIsBoundedInLength(t *testing.T) {
	l := newLimiter(1, time.Minute) // only the length bound can shed here
	l.slots <- struct{}{}           // the one slot is busy
	var wg sync.WaitGroup
	ctx, cancel := context.WithCancel(context.Background())
	for range waitingPerSlot {
		wg.Add(1)
		go func() { defer wg.Done(); _ = l.acquire(ctx) }()
	}
	for l.waiting.Load() < waitingPerSlot {
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	err := l.acquire(context.Background())
	if status.Code(err) != codes.ResourceExhausted || time.Since(start) > time.Second {
		t.Errorf("with the queue full: %v after %v, want RESOURCE_EXHAUSTED at once", err, time.Since(start))
	}
	cancel()
	wg.Wait()
	if n := l.waiting.Load(); n != 0 {
		t.Errorf("%d waiters counted after all left", n)
	}
}
