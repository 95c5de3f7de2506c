package server

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"
)

// recoverPanic turns a handler panic into INTERNAL and logs its stack, so one bad
// input cannot take the server down.
func recoverPanic(log *slog.Logger) func(ctx context.Context, p any) error {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic in handler", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return status.Error(codes.Internal, "internal error")
	}
}

// defaultDeadline gives calls that arrive without a deadline the server's
// request timeout, so no unary call runs unbounded; a client's own shorter or
// longer deadline is kept.
func defaultDeadline(timeout time.Duration) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		if _, ok := ctx.Deadline(); !ok && timeout > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, timeout)
			defer cancel()
		}
		return handler(ctx, req)
	}
}

// limiter bounds how many calls run at once. A call that finds every slot busy
// waits up to queueWait for one and is otherwise refused with RESOURCE_EXHAUSTED
// and a RetryInfo, so an overloaded server sheds load early instead of queueing
// without bound and missing every deadline. The queue is bounded in length too:
// a call that finds maxWaiting calls already waiting is refused at once, so a
// burst cannot park an unbounded number of decoded requests (each up to the
// message limit) in memory for the whole queueWait.
type limiter struct {
	slots      chan struct{}
	queueWait  time.Duration
	waiting    atomic.Int64
	maxWaiting int64
	// released counts slots given back, so the saturation watch can tell a
	// busy server (slots turning over) from a stuck one (see saturation.go).
	released atomic.Int64
}

// waitingPerSlot sizes the queue: with the default 50 ms wait the time bound is
// the one that binds at ordinary speeds (8 waiters per slot drain in well under
// 50 ms), the length bound only under a burst.
const waitingPerSlot = 8

func newLimiter(concurrent int, queueWait time.Duration) *limiter {
	n := max(1, concurrent)
	return &limiter{slots: make(chan struct{}, n), queueWait: queueWait, maxWaiting: int64(n * waitingPerSlot)}
}

func (l *limiter) acquire(ctx context.Context) error {
	select {
	case l.slots <- struct{}{}:
		return nil
	default:
	}
	if l.waiting.Add(1) > l.maxWaiting {
		l.waiting.Add(-1)
		return errBusy()
	}
	defer l.waiting.Add(-1)
	t := time.NewTimer(l.queueWait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return status.FromContextError(ctx.Err()).Err()
	case <-t.C:
		return errBusy()
	}
}

// errBusy is the shedding answer: RESOURCE_EXHAUSTED with a RetryInfo, which the
// gateway maps to HTTP 429.
func errBusy() error {
	st, err := status.New(codes.ResourceExhausted, "server busy: too many concurrent requests; retry after a short delay").
		WithDetails(&errdetails.RetryInfo{RetryDelay: durationpb.New(100 * time.Millisecond)})
	if err != nil {
		return status.Error(codes.ResourceExhausted, "server busy")
	}
	return st.Err()
}

func (l *limiter) release() {
	<-l.slots
	l.released.Add(1)
}

// unlimited reports whether a method bypasses the limiter: the health service,
// so that a probe sees an overloaded server as alive instead of being shed (a
// load balancer would take the server out and pile its load on the others; the
// overload test caught /healthz answering 429), and health watchers that idle
// for hours; and reflection, which tooling such as ghz and grpcurl calls first.
// Neither runs the pipeline.
func unlimited(method string) bool {
	return strings.HasPrefix(method, "/"+healthpb.Health_ServiceDesc.ServiceName+"/") ||
		strings.HasPrefix(method, "/grpc.reflection.")
}

func (l *limiter) unary(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	if unlimited(info.FullMethod) {
		return handler(ctx, req)
	}
	if err := l.acquire(ctx); err != nil {
		return nil, err
	}
	defer l.release()
	return handler(ctx, req)
}

func (l *limiter) stream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	if unlimited(info.FullMethod) || admitsPerMessage(info.FullMethod) {
		return handler(srv, ss)
	}
	if err := l.acquire(ss.Context()); err != nil {
		return err
	}
	defer l.release()
	return handler(srv, ss)
}
