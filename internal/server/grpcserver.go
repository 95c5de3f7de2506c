package server

import (
	"context"
	"log/slog"
	"time"

	grpcprom "github.com/grpc-ecosystem/go-grpc-middleware/providers/prometheus"
	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/recovery"
	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/access"
)

// Options configure the gRPC server around a Service.
type Options struct {
	// MaxConcurrent bounds calls running at once (streams count one each).
	MaxConcurrent int
	// QueueWait is how long a call may wait for a free slot before RESOURCE_EXHAUSTED.
	QueueWait time.Duration
	// RequestTimeout is the deadline given to unary calls that bring none.
	RequestTimeout time.Duration
	// MaxRecvBytes bounds one incoming message; it must exceed the batch limit so
	// that oversize batches reach validation and get a helpful error.
	MaxRecvBytes int
	// SaturatedAfter is how long every slot must stay taken, none given back,
	// before health says NOT_SERVING (see DefaultSaturatedAfter, used when 0).
	SaturatedAfter time.Duration
	// Tokens, when enabled, are the bearer tokens every call but the health
	// checks must present (internal/access).
	Tokens *access.Tokens
	// MaxStreamsPerConn bounds the calls one client connection may have open
	// at once (HTTP/2 MaxConcurrentStreams); 0 means defaultMaxStreamsPerConn.
	MaxStreamsPerConn uint32
	// Registry receives the server's Prometheus metrics.
	Registry prometheus.Registerer
	Log      *slog.Logger
}

// GRPC is the assembled gRPC server with its health service, which the caller
// flips to NOT_SERVING before a graceful stop.
type GRPC struct {
	Server *grpc.Server
	Health *health.Server

	// svc and unaryChain serve InProcess: the service behind the same unary
	// interceptors the server runs.
	svc        *Service
	unaryChain grpc.UnaryServerInterceptor

	lim            *limiter
	abort          *aborter
	saturatedAfter time.Duration
	log            *slog.Logger
}

// WatchSaturation keeps health in step with the concurrency slots (see
// DefaultSaturatedAfter) until ctx is done.
func (g *GRPC) WatchSaturation(ctx context.Context) {
	watchSaturation(ctx, g.lim, g.Health, g.saturatedAfter, g.log)
}

// Abort cuts every call still running with UNAVAILABLE: the last step of a
// drain that ran out of time, before Server.Stop.
func (g *GRPC) Abort() { g.abort.cancel() }

// NewGRPC assembles the server: interceptors in the order recovery → metrics →
// access log (callLog) → bearer token → concurrency limit → shutdown abort → default deadline, the ClaimsService, the standard
// health service and reflection (so grpcurl and ghz work without .proto files).
func NewGRPC(svc *Service, o Options) (*GRPC, error) {
	metrics := grpcprom.NewServerMetrics(grpcprom.WithServerHandlingTimeHistogram(
		grpcprom.WithHistogramBuckets([]float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}),
	))
	if o.Registry != nil {
		if err := o.Registry.Register(metrics); err != nil {
			return nil, err
		}
	}
	rec := recovery.WithRecoveryHandlerContext(recoverPanic(o.Log))
	calls := callLog{log: o.Log}
	lim := newLimiter(o.MaxConcurrent, o.QueueWait)
	svc.slots = lim
	abort := newAborter()
	// The unary chain, shared by the gRPC server and the REST gateway's
	// in-process calls (InProcess).
	unary := []grpc.UnaryServerInterceptor{
		recovery.UnaryServerInterceptor(rec),
		metrics.UnaryServerInterceptor(),
		calls.unary,
		o.Tokens.UnaryInterceptor(),
		lim.unary,
		abort.unary,
		defaultDeadline(o.RequestTimeout),
	}
	s := grpc.NewServer(append(connectionLimits(o.MaxStreamsPerConn),
		grpc.ForceServerCodecV2(newCodec(svc.limits.MaxBatchArticles)),
		grpc.MaxRecvMsgSize(o.MaxRecvBytes),
		streamWorkers(o.MaxConcurrent),
		grpc.ChainUnaryInterceptor(unary...),
		grpc.ChainStreamInterceptor(
			recovery.StreamServerInterceptor(rec),
			metrics.StreamServerInterceptor(),
			calls.stream,
			o.Tokens.StreamInterceptor(),
			lim.stream,
			abort.stream,
		),
	)...)
	claimsv1.RegisterClaimsServiceServer(s, svc)
	hs := health.NewServer()
	healthpb.RegisterHealthServer(s, hs)
	reflection.Register(s)
	metrics.InitializeMetrics(s)
	hs.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
	hs.SetServingStatus(claimsv1.ClaimsService_ServiceDesc.ServiceName, healthpb.HealthCheckResponse_SERVING)
	after := o.SaturatedAfter
	if after <= 0 {
		after = DefaultSaturatedAfter
	}
	return &GRPC{Server: s, Health: hs, svc: svc, unaryChain: chainUnary(unary), lim: lim, abort: abort, saturatedAfter: after, log: o.Log}, nil
}
