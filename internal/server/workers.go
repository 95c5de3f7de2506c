package server

import (
	"runtime"

	"google.golang.org/grpc"
)

// streamWorkers keeps a fixed set of goroutines that serve incoming calls, so
// a call runs on a goroutine whose stack has already grown to what the
// pipeline needs. Without it grpc-go starts a fresh goroutine per call, with
// the runtime's smallest stack, and every ExtractClaims call paid for
// growing it several times over (runtime.newstack and copystack were about
// 4 % of the server's CPU under load; BENCHMARKS.md). A call that finds every
// worker busy still gets a goroutine of its own, so the set bounds nothing:
// the concurrency limiter does that. It is sized to the calls the limiter lets
// run at once, plus one per core for the health checks and streams beside them.
func streamWorkers(maxConcurrent int) grpc.ServerOption {
	n := max(maxConcurrent, 1) + runtime.GOMAXPROCS(0)
	return grpc.NumStreamWorkers(uint32(n))
}
