package gateway

import (
	"net/http"
	"strings"
	"sync/atomic"

	"google.golang.org/grpc/codes"
)

// Drain is the HTTP side's part in a graceful shutdown. While the server drains,
// its HTTP listener stays open so that a load balancer's probe reads
// GET /healthz → 503 {"status":"NOT_SERVING"} (answered here, without asking
// the gRPC server, which is stopping too) instead of a refused connection, and
// new REST calls get 503 UNAVAILABLE with Connection: close so the client
// retries elsewhere; calls already running finish. It counts the REST calls in
// flight so that the shutdown knows when HTTP has nothing left to finish.
type Drain struct {
	draining atomic.Bool
	inFlight atomic.Int64
}

// Start begins the drain; it cannot be undone.
func (d *Drain) Start() { d.draining.Store(true) }

// InFlight is the number of REST calls running.
func (d *Drain) InFlight() int64 { return d.inFlight.Load() }

// wrap answers as described on Drain once draining, and counts REST calls.
func (d *Drain) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest := strings.HasPrefix(r.URL.Path, "/v1/")
		if rest {
			d.inFlight.Add(1)
			defer d.inFlight.Add(-1)
		}
		if d.draining.Load() {
			switch {
			case r.URL.Path == "/healthz":
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusServiceUnavailable)
				_, _ = w.Write([]byte(`{"status":"NOT_SERVING"}`))
				return
			case rest:
				w.Header().Set("Connection", "close")
				writeStatus(w, http.StatusServiceUnavailable, codes.Unavailable, "server shutting down; retry on another instance")
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
