package server

import (
	"context"
	"log/slog"
	"time"

	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// DefaultSaturatedAfter is how long every concurrency slot must stay taken,
// with none given back, before health reports NOT_SERVING.
//
// Why this rule: a busy server is healthy. At the knee every slot is taken all
// the time, but calls finish every few milliseconds, and the limiter sheds the
// excess with RESOURCE_EXHAUSTED; taking such a server out of a load balancer
// would only pile its load on the others (the overload test checks that health
// stays SERVING then). A server whose slots have all been held for seconds
// without one finishing is different: every new call will be shed, so a
// balancer should send them elsewhere, and an operator should look. Health
// turns SERVING again as soon as a slot is given back.
const DefaultSaturatedAfter = 5 * time.Second

// watchSaturation flips health between SERVING and NOT_SERVING by the rule
// above until ctx is done; after health.Shutdown (a drain) its updates are
// ignored, so it cannot undo a drain.
func watchSaturation(ctx context.Context, l *limiter, hs *health.Server, after time.Duration, log *slog.Logger) {
	tick := time.NewTicker(max(10*time.Millisecond, after/10))
	defer tick.Stop()
	var fullSince time.Time
	var releasedThen int64
	saturated := false
	set := func(st healthpb.HealthCheckResponse_ServingStatus) {
		hs.SetServingStatus("", st)
		hs.SetServingStatus(claimsv1.ClaimsService_ServiceDesc.ServiceName, st)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			released := l.released.Load()
			full := len(l.slots) == cap(l.slots)
			progressed := released != releasedThen
			releasedThen = released
			if !full || progressed || fullSince.IsZero() {
				fullSince = time.Time{}
				if full {
					fullSince = now
				}
				if saturated && (!full || progressed) {
					saturated = false
					set(healthpb.HealthCheckResponse_SERVING)
					log.InfoContext(ctx, "concurrency slots turning over again; health SERVING")
				}
				continue
			}
			if !saturated && now.Sub(fullSince) >= after {
				saturated = true
				set(healthpb.HealthCheckResponse_NOT_SERVING)
				log.WarnContext(ctx, "every concurrency slot held with none released; health NOT_SERVING",
					"slots", cap(l.slots), "for", now.Sub(fullSince).Round(time.Millisecond).String())
			}
		}
	}
}
