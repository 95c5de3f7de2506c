// Command claimsvc serves the claims API: gRPC on one port and, on another, the
// REST gateway with /openapi.json, /healthz, /metrics and a web page at / that
// shows the claims of an article (internal/web). It needs no
// configuration: `go run ./cmd/claimsvc` serves on localhost:8081 (gRPC) and
// localhost:8080 (HTTP). Run with -help for the flags; each also reads from an
// environment variable (CLAIMSVC_GRPC_ADDR, CLAIMSVC_MAX_ARTICLE_BYTES, …).
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/test/bufconn"

	"github.com/claimsvc/claimsvc/internal/access"
	"github.com/claimsvc/claimsvc/internal/gateway"
	"github.com/claimsvc/claimsvc/internal/pipeline"
	"github.com/claimsvc/claimsvc/internal/profiling"
	"github.com/claimsvc/claimsvc/internal/server"
	"github.com/claimsvc/claimsvc/internal/web"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := parseConfig(os.Args[1:], os.Getenv)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "claimsvc:", err)
		os.Exit(2)
	}
	opts := &slog.HandlerOptions{Level: cfg.logLevel}
	var h slog.Handler = slog.NewTextHandler(os.Stderr, opts)
	if cfg.logJSON {
		h = slog.NewJSONHandler(os.Stderr, opts)
	}
	log := slog.New(h)
	stopProfile, err := profiling.Start(cfg.cpuProfile, cfg.memProfile)
	if err != nil {
		log.Error("claimsvc stopped", "err", err)
		os.Exit(1)
	}
	err = run(ctx, cfg, log, nil)
	if perr := stopProfile(); err == nil {
		err = perr
	}
	if err != nil {
		log.Error("claimsvc stopped", "err", err)
		os.Exit(1)
	}
}

// run serves until ctx is done, then drains. ready, if not nil, is called with the
// bound addresses once both listeners accept connections (tests listen on port 0).
func run(ctx context.Context, cfg config, log *slog.Logger, ready func(grpcAddr, httpAddr string)) error {
	start := time.Now()
	pipe, err := pipeline.NewAtStartup(true)
	if err != nil {
		return err
	}
	if cfg.gcPercent > 0 { // after NewAtStartup, which sets the collector back to GOGC's percent
		debug.SetGCPercent(cfg.gcPercent)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	tokens, err := access.LoadTokens(cfg.authTokensFile, cfg.authTokens)
	if err != nil {
		return err
	}
	svc := server.NewService(pipe, cfg.limits, server.StreamOptions{Workers: cfg.streamWorkers, LinkWindow: cfg.linkWindow, IdleTimeout: cfg.streamIdleTimeout}, log)
	st, err := openStore(ctx, cfg.store, log)
	if err != nil {
		return err
	}
	if st != nil {
		defer st.Close()
		svc.UseStore(st)
	}
	g, err := server.NewGRPC(svc, server.Options{
		MaxConcurrent:     cfg.maxConcurrent,
		QueueWait:         cfg.queueWait,
		RequestTimeout:    cfg.requestTimeout,
		MaxRecvBytes:      cfg.maxRecvBytes(),
		Tokens:            tokens,
		MaxStreamsPerConn: uint32(cfg.maxStreams),
		Registry:          reg,
		Log:               log,
	})
	if err != nil {
		return err
	}
	pages, err := web.New(web.Options{ExamplesDir: cfg.examplesDir}) // before listening: a bad -examples-dir fails fast
	if err != nil {
		return err
	}
	grpcLis, err := net.Listen("tcp", cfg.grpcAddr)
	if err != nil {
		return fmt.Errorf("grpc listener: %w", err)
	}
	httpLis, err := net.Listen("tcp", cfg.httpAddr)
	if err != nil {
		grpcLis.Close()
		return fmt.Errorf("http listener: %w", err)
	}
	grpcTLS, httpTLS, err := tlsConfigs(cfg.tls)
	if err != nil {
		grpcLis.Close()
		httpLis.Close()
		return err
	}
	if grpcTLS != nil {
		grpcLis = tls.NewListener(grpcLis, grpcTLS)
	}
	// REST calls run in process through the gRPC server's own interceptor
	// chain (recovery, metrics, logging, token, limits: g.InProcess), without
	// encoding to protobuf and back. /healthz asks the gRPC server's health
	// service through a client connection to this very server: over an
	// in-process listener, no network hop, and no client certificate needed
	// when the network listener requires one.
	inproc := bufconn.Listen(1 << 20)
	conn, err := grpc.NewClient("passthrough:///claimsvc-inprocess",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return inproc.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return fmt.Errorf("health connection: %w", err)
	}
	defer conn.Close()
	conn.Connect() // now, not at the first /healthz probe
	drain := &gateway.Drain{}
	handler, err := gateway.NewHandler(ctx, g.InProcess(), conn, gateway.Options{
		Gatherer: reg, MaxBodyBytes: int64(cfg.maxRecvBytes()), MaxBatchArticles: cfg.limits.MaxBatchArticles, Pages: pages,
		MaxConcurrent: cfg.maxConcurrent, QueueWait: cfg.queueWait, Drain: drain, GuardMetrics: tokens.RequireHTTP,
	})
	if err != nil {
		return err
	}
	httpSrv := newHTTPServer(access.CORS(cfg.origins(), handler), cfg)
	httpSrv.TLSConfig = httpTLS

	eg, egCtx := errgroup.WithContext(ctx)
	// A shutdown that begins before a Serve goroutine has started makes that
	// Serve return ErrServerStopped (having closed its listener): a clean
	// stop, not a failure (a very short run, as in the tests, can see it).
	serveGRPC := func(l net.Listener) func() error {
		return func() error {
			if err := g.Server.Serve(l); !errors.Is(err, grpc.ErrServerStopped) {
				return err
			}
			return nil
		}
	}
	eg.Go(serveGRPC(grpcLis))
	eg.Go(serveGRPC(inproc))
	eg.Go(func() error {
		serve := httpSrv.Serve
		if httpTLS != nil {
			serve = func(l net.Listener) error { return httpSrv.ServeTLS(l, "", "") }
		}
		if err := serve(httpLis); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	eg.Go(func() error {
		g.WatchSaturation(egCtx)
		return nil
	})
	eg.Go(func() error {
		<-egCtx.Done()
		shutdown(g, httpSrv, drain, cfg, log)
		return nil
	})
	log.Info("claimsvc serving",
		"grpc", grpcLis.Addr().String(),
		"http", scheme(httpTLS)+"://"+httpLis.Addr().String(),
		"tls", grpcTLS != nil, "mtls", cfg.tls.ClientCA != "", "auth", tokens.Enabled(), "cors", len(cfg.origins()),
		"examples", pages.Examples().String(), "gc_percent", cfg.gcPercentString(),
		"startup", time.Since(start).Round(time.Millisecond).String())
	if ready != nil {
		ready(grpcLis.Addr().String(), httpLis.Addr().String())
	}
	return eg.Wait()
}

// tlsConfigs loads the TLS configuration of each listener, or nils when TLS is
// off: gRPC speaks only HTTP/2, HTTP both versions.
func tlsConfigs(files access.TLSFiles) (grpcTLS, httpTLS *tls.Config, err error) {
	if !files.Enabled() {
		return nil, nil, nil
	}
	if grpcTLS, err = files.ServerConfig("h2"); err != nil {
		return nil, nil, err
	}
	if httpTLS, err = files.ServerConfig("h2", "http/1.1"); err != nil {
		return nil, nil, err
	}
	return grpcTLS, httpTLS, nil
}

func scheme(httpTLS *tls.Config) string {
	if httpTLS != nil {
		return "https"
	}
	return "http"
}
