package gateway

import (
	"math"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/types/known/durationpb"
)

// admission bounds the REST calls that run at once, as the gRPC server's
// limiter bounds gRPC calls, and for the same reason: past the knee, a server
// that queues without bound misses every deadline, while one that sheds keeps
// its throughput. Without it REST never shed: every HTTP connection decoded its
// JSON and queued a gRPC call, so 1,000 connections got no 429 and a p99 over a
// second. A call that finds every slot busy waits up to queueWait and is then
// refused with 429, a Retry-After header and the same RetryInfo a gRPC client
// gets; a call that finds too many already waiting is refused at once.
//
// It runs after the body is read (limitBody), so a client that sends slowly
// holds no slot.
type admission struct {
	slots      chan struct{}
	queueWait  time.Duration
	waiting    atomic.Int64
	maxWaiting int64
}

// retryAfter is what a shed REST call is told to wait.
const retryAfter = 100 * time.Millisecond

func newAdmission(concurrent int, queueWait time.Duration) *admission {
	n := max(1, concurrent)
	return &admission{slots: make(chan struct{}, n), queueWait: queueWait, maxWaiting: int64(8 * n)}
}

func (a *admission) acquire(r *http.Request) bool {
	select {
	case a.slots <- struct{}{}:
		return true
	default:
	}
	if a.waiting.Add(1) > a.maxWaiting {
		a.waiting.Add(-1)
		return false
	}
	defer a.waiting.Add(-1)
	t := time.NewTimer(a.queueWait)
	defer t.Stop()
	select {
	case a.slots <- struct{}{}:
		return true
	case <-r.Context().Done():
		return false
	case <-t.C:
		return false
	}
}

// wrap admits each call to next or sheds it.
func (a *admission) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !a.acquire(r) {
			writeBusy(w, retryAfter)
			return
		}
		defer func() { <-a.slots }()
		next.ServeHTTP(w, r)
	})
}

// writeBusy is the REST shedding answer: 429, Retry-After and a RetryInfo.
func writeBusy(w http.ResponseWriter, delay time.Duration) {
	setRetryAfter(w, delay)
	writeStatus(w, http.StatusTooManyRequests, codes.ResourceExhausted,
		"server busy: too many concurrent requests; retry after a short delay",
		&errdetails.RetryInfo{RetryDelay: durationpb.New(delay)})
}

// setRetryAfter sets Retry-After, which counts whole seconds, rounded up.
func setRetryAfter(w http.ResponseWriter, delay time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(delay.Seconds())))))
}
