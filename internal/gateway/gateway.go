// Package gateway serves the HTTP side of claimsvc: the REST gateway (JSON over
// HTTP, translated to in-process calls of the ClaimsService that pass the same
// interceptors as native gRPC: server.GRPC.InProcess), the OpenAPI document, a
// health check for load balancers and the Prometheus metrics.
package gateway

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/protobuf/encoding/protojson"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/gen/openapi"
)

// Options configure the HTTP handler.
type Options struct {
	// Gatherer is where /metrics reads from.
	Gatherer prometheus.Gatherer
	// MaxBodyBytes bounds a request body; larger bodies get 413 before decoding.
	MaxBodyBytes int64
	// MaxBatchArticles, when positive, refuses larger batches before their
	// JSON is decoded (see limitBatch); the server's limit.
	MaxBatchArticles int
	// Pages, when set, serves the web page (internal/web) at GET /, /static/
	// and /examples.
	Pages http.Handler
	// MaxConcurrent bounds the REST calls running at once; more wait up to
	// QueueWait, then get 429 with Retry-After (see admission). 0: no bound
	// but the gRPC server's.
	MaxConcurrent int
	QueueWait     time.Duration
	// Drain, when set, lets the caller turn the handler into its draining
	// state during a graceful shutdown.
	Drain *Drain
	// GuardMetrics, when set, wraps /metrics (e.g. with a bearer-token check:
	// the metrics say who calls what, and they are no gRPC call the token
	// interceptor sees).
	GuardMetrics func(http.Handler) http.Handler
}

// NewHandler returns the HTTP handler: /v1/claims:* (REST), /openapi.json,
// /healthz, /metrics and, with Options.Pages, the web page. svc answers the REST
// calls in process: claimsvc passes server.GRPC.InProcess, the service behind
// the gRPC server's own interceptor chain, so no request or response is encoded
// to protobuf and decoded again on the way. health is a client connection to
// the gRPC server, whose health service /healthz asks (so the probe sees the
// gRPC server itself).
//
// JSON choices, made on purpose: responses use proto3's lowerCamelCase names and
// enum names as strings, and emit zero values (0, false, "", []) so clients see a
// stable shape, but leave absent messages out rather than printing null; requests
// with unknown fields, or with anything after their JSON object, are rejected
// (400) instead of silently ignored, so a typo in a field name is caught.
func NewHandler(ctx context.Context, svc claimsv1.ClaimsServiceServer, health *grpc.ClientConn, o Options) (http.Handler, error) {
	mux := runtime.NewServeMux(
		runtime.WithMarshalerOption(runtime.MIMEWildcard, &runtime.HTTPBodyMarshaler{
			Marshaler: newStrictJSON(&runtime.JSONPb{
				MarshalOptions:   protojson.MarshalOptions{EmitDefaultValues: true},
				UnmarshalOptions: protojson.UnmarshalOptions{DiscardUnknown: false},
			}),
		}),
		runtime.WithErrorHandler(errorHandler),
		runtime.WithRoutingErrorHandler(routingErrorHandler),
		runtime.WithHealthzEndpoint(healthpb.NewHealthClient(health)),
	)
	if err := claimsv1.RegisterClaimsServiceHandlerServer(ctx, mux, svc); err != nil {
		return nil, fmt.Errorf("gateway: register: %w", err)
	}
	root := http.NewServeMux()
	var rest http.Handler = mux
	if o.MaxConcurrent > 0 {
		rest = newAdmission(o.MaxConcurrent, o.QueueWait).wrap(rest)
	}
	root.Handle("/v1/", limitBody(limitBatch(rest, o.MaxBatchArticles), o.MaxBodyBytes))
	root.Handle("GET /healthz", mux) // the gateway's health endpoint asks the gRPC health service
	root.HandleFunc("GET /openapi.json", serveOpenAPI)
	var metrics http.Handler = promhttp.HandlerFor(o.Gatherer, promhttp.HandlerOpts{})
	if o.GuardMetrics != nil {
		metrics = o.GuardMetrics(metrics)
	}
	root.Handle("GET /metrics", metrics)
	if o.Pages != nil {
		for _, p := range []string{"GET /{$}", "GET /static/", "GET /examples", "GET /examples/{name}"} {
			root.Handle(p, o.Pages)
		}
	}
	if o.Drain != nil {
		return o.Drain.wrap(root), nil
	}
	return root, nil
}

func serveOpenAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(openapi.JSON())
}
