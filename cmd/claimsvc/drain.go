package main

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/claimsvc/claimsvc/internal/gateway"
	"github.com/claimsvc/claimsvc/internal/server"
)

// newHTTPServer bounds how long a client may take to send its request: a slow
// (1 byte/s) or short (Content-Length longer than the body) request is cut at
// -http-read-timeout, headers within at most 5 s of it. Reading the body happens
// before a REST call is admitted (gateway.limitBody), so such clients hold no
// slot meanwhile. Responses are not bounded here: unary calls bring their own
// deadline (-request-timeout).
func newHTTPServer(h http.Handler, cfg config) *http.Server {
	header := 5 * time.Second
	if cfg.httpReadTimeout > 0 {
		header = min(header, cfg.httpReadTimeout)
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: header,
		ReadTimeout:       cfg.httpReadTimeout,
		IdleTimeout:       2 * time.Minute,
	}
}

// abortGrace is the part of the shutdown timeout kept for the calls cut at its
// end to send their UNAVAILABLE answers before the connections close.
const abortGrace = time.Second

// shutdown drains within -shutdown-timeout, as the README documents:
//
//  1. Health turns NOT_SERVING; HTTP keeps its listener open and answers
//     GET /healthz with 503 NOT_SERVING and new REST calls with 503, so load
//     balancers see the drain instead of refused connections; gRPC refuses new
//     calls (GOAWAY). Calls already running go on.
//  2. When every running call has finished (and -drain-delay has passed), the
//     listeners close and the server stops.
//  3. Calls still running near the timeout are cut with UNAVAILABLE (REST: 503)
//     rather than reset, and get abortGrace to send that answer; then whatever
//     remains is closed.
func shutdown(g *server.GRPC, httpSrv *http.Server, drain *gateway.Drain, cfg config, log *slog.Logger) {
	start := time.Now()
	log.Info("claimsvc draining", "timeout", cfg.shutdownTimeout.String(), "drain_delay", cfg.drainDelay.String())
	g.Health.Shutdown() // every service NOT_SERVING
	drain.Start()
	grpcDone := make(chan struct{})
	go func() {
		g.Server.GracefulStop()
		close(grpcDone)
	}()
	idle := func() bool {
		select {
		case <-grpcDone:
			return drain.InFlight() == 0
		default:
			return false
		}
	}
	abortAt := start.Add(cfg.shutdownTimeout - min(abortGrace, cfg.shutdownTimeout/10))
	waitUntil(abortAt, func() bool { return idle() && time.Since(start) >= cfg.drainDelay })
	if !idle() {
		log.Warn("drain ran out of time; cutting the calls still running with UNAVAILABLE", "rest_in_flight", drain.InFlight())
		g.Abort()
		waitUntil(start.Add(cfg.shutdownTimeout), idle)
		select {
		case <-grpcDone:
		default:
			log.Warn("grpc drain cut short; stopping")
			g.Server.Stop()
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), abortGrace)
	defer cancel()
	if err := httpSrv.Shutdown(ctx); err != nil {
		log.Warn("http drain cut short", "err", err)
		_ = httpSrv.Close()
	}
	log.Info("claimsvc stopped", "drain", time.Since(start).Round(time.Millisecond).String())
}

// waitUntil polls done until it holds or the deadline passes.
func waitUntil(deadline time.Time, done func() bool) {
	for !done() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
}
