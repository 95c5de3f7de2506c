package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/claimsvc/claimsvc/internal/access"
	"github.com/claimsvc/claimsvc/internal/server"
)

// config is everything an operator can set. Every flag has an environment
// variable fallback (CLAIMSVC_ + the flag name in upper case, dashes as
// underscores); a flag given on the command line wins.
type config struct {
	grpcAddr        string
	httpAddr        string
	limits          server.Limits
	maxConcurrent   int
	queueWait       time.Duration
	requestTimeout  time.Duration
	shutdownTimeout time.Duration
	streamWorkers   int
	// streamIdleTimeout, httpReadTimeout and drainDelay: see their flags.
	streamIdleTimeout time.Duration
	httpReadTimeout   time.Duration
	drainDelay        time.Duration
	linkWindow        int
	logLevel          slog.Level
	logJSON           bool
	examplesDir       string
	cpuProfile        string
	memProfile        string
	tls               access.TLSFiles
	authTokensFile    string
	authTokens        string // CLAIMSVC_AUTH_TOKENS only: no flag, so tokens stay out of ps
	corsOrigins       string
	maxStreams        uint
	store             storeConfig
	// gcPercent is the collector's target heap growth while serving (-gc-percent);
	// 0 leaves the runtime's own, which the GOGC environment variable (gogc) sets.
	gcPercent int
	gogc      string
}

// defaultGCPercent is -gc-percent's default. A call allocates about 50 KB,
// nearly all of it garbage when the call ends, over a live heap of about 8 MB
// (the models), so at Go's default of 100 the collector runs every 150 calls
// or so and marks that heap each time. At 200 the server spends about 3 % fewer
// instructions per ExtractClaims call (server under cachegrind, 1,500 calls:
// 1.836 -> 1.784 M) for a higher peak (RSS under load 54 -> 66 MB); 400 saves
// 6 % but peaks at 97 MB (BENCHMARKS.md, sixth pass).
const defaultGCPercent = 200

// parseConfig reads flags from args with fallbacks from getenv.
func parseConfig(args []string, getenv func(string) string) (config, error) {
	c := config{limits: server.DefaultLimits()}
	fs := flag.NewFlagSet("claimsvc", flag.ContinueOnError)
	fs.StringVar(&c.grpcAddr, "grpc-addr", "localhost:8081", "gRPC listen address")
	fs.StringVar(&c.httpAddr, "http-addr", "localhost:8080", "HTTP listen address (REST gateway, /openapi.json, /healthz, /metrics)")
	fs.IntVar(&c.limits.MaxArticleBytes, "max-article-bytes", c.limits.MaxArticleBytes, "largest article text accepted, in bytes")
	fs.IntVar(&c.limits.MaxHTMLBytes, "max-html-bytes", c.limits.MaxHTMLBytes, "largest web page (content type text/html) accepted, in bytes")
	fs.IntVar(&c.limits.MaxBatchArticles, "max-batch-articles", c.limits.MaxBatchArticles, "most articles in one BatchExtractClaims call")
	fs.IntVar(&c.limits.MaxBatchBytes, "max-batch-bytes", c.limits.MaxBatchBytes, "largest total text of one BatchExtractClaims call, in bytes")
	fs.IntVar(&c.maxConcurrent, "max-concurrent", 4*runtime.GOMAXPROCS(0), "most calls processed at once; more wait up to -queue-wait, then get RESOURCE_EXHAUSTED")
	fs.DurationVar(&c.queueWait, "queue-wait", 50*time.Millisecond, "how long a call may wait for a free slot")
	fs.DurationVar(&c.requestTimeout, "request-timeout", 30*time.Second, "deadline for unary calls that bring none")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 10*time.Second, "how long SIGTERM waits for in-flight calls before stopping hard")
	fs.IntVar(&c.linkWindow, "stream-link-window", 20000, "earlier claims a stream's cross-article links reach back to (bounds a stream's memory; 0 = unbounded)")
	fs.IntVar(&c.streamWorkers, "stream-workers", runtime.GOMAXPROCS(0), "articles one StreamExtractClaims call processes at once")
	fs.DurationVar(&c.streamIdleTimeout, "stream-idle-timeout", 2*time.Minute, "end a StreamExtractClaims call that receives no article for this long while none is in progress (0 = never)")
	fs.DurationVar(&c.httpReadTimeout, "http-read-timeout", 15*time.Second, "how long an HTTP client may take to send a request, headers and body (slow or short bodies are cut)")
	fs.DurationVar(&c.drainDelay, "drain-delay", 0, "after SIGTERM, keep answering /healthz NOT_SERVING (503) at least this long before closing the HTTP listener, so load balancers see the drain")
	fs.BoolVar(&c.logJSON, "log-json", false, "write logs as JSON lines instead of text")
	fs.StringVar(&c.examplesDir, "examples-dir", "", "folder of .txt articles the web page offers as examples; empty: ../shared/seeds if present, else built-in ones")
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of the whole run to this file at shutdown (go tool pprof; see BENCHMARKS.md)")
	fs.StringVar(&c.memProfile, "memprofile", "", "write an allocation profile of the whole run to this file at shutdown")
	fs.StringVar(&c.tls.Cert, "tls-cert", "", "PEM certificate (chain) file: serve gRPC and HTTP over TLS (needs -tls-key)")
	fs.StringVar(&c.tls.Key, "tls-key", "", "PEM private key file of -tls-cert")
	fs.StringVar(&c.tls.ClientCA, "tls-client-ca", "", "PEM file of CAs whose client certificates are accepted: mutual TLS, every connection must present one (needs -tls-cert)")
	fs.StringVar(&c.authTokensFile, "auth-tokens-file", "", "file of bearer tokens, one per line: every call but health must send \"authorization: Bearer <token>\" (also CLAIMSVC_AUTH_TOKENS, comma-separated)")
	fs.StringVar(&c.corsOrigins, "cors-origins", "", "comma-separated origins (https://app.example) whose browser pages may call the REST API; empty: none")
	fs.UintVar(&c.maxStreams, "grpc-max-streams", 256, "most calls one gRPC connection may have open at once (HTTP/2 MaxConcurrentStreams)")
	fs.StringVar(&c.store.kind, "store", "embedded", "claim store for store_claims, GetClaim, ListClaims, DeleteArticle: embedded (a file, see -store-path) or none")
	fs.StringVar(&c.store.path, "store-path", "", "file of the embedded claim store; empty: claimsvc/claims.db under the user's cache folder")
	fs.StringVar(&c.store.url, "store-url", "", "postgres://… URL of a PostgreSQL claim store shared by replicas (instead of the embedded one)")
	fs.IntVar(&c.gcPercent, "gc-percent", defaultGCPercent, "garbage collector's target heap growth while serving, in percent (as GOGC; the GOGC environment variable, when set, wins)")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn or error")

	// Environment fallbacks become the flags' defaults before parsing, so the
	// command line still wins and -help shows the effective values.
	var envErr error
	fs.VisitAll(func(f *flag.Flag) {
		name := "CLAIMSVC_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v := getenv(name); v != "" && envErr == nil {
			if err := f.Value.Set(v); err != nil {
				envErr = fmt.Errorf("%s=%q: %w", name, v, err)
			}
			f.DefValue = v
		}
	})
	if envErr != nil {
		return config{}, envErr
	}
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	c.authTokens = getenv("CLAIMSVC_AUTH_TOKENS")
	if c.gcPercent <= 0 {
		return config{}, fmt.Errorf("-gc-percent must be positive, got %d (GOGC=off turns the collector off)", c.gcPercent)
	}
	if c.gogc = getenv("GOGC"); c.gogc != "" {
		c.gcPercent = 0
	}
	if c.tls.Enabled() && (c.tls.Cert == "" || c.tls.Key == "") {
		return config{}, errors.New("-tls-cert and -tls-key go together (and -tls-client-ca needs them)")
	}
	if c.maxStreams == 0 || c.maxStreams > math.MaxUint32 {
		return config{}, fmt.Errorf("-grpc-max-streams must be in 1..%d, got %d", uint32(math.MaxUint32), c.maxStreams)
	}
	if err := c.logLevel.UnmarshalText([]byte(*logLevel)); err != nil {
		return config{}, fmt.Errorf("-log-level: %w", err)
	}
	if err := c.store.validate(); err != nil {
		return config{}, err
	}
	for name, v := range map[string]int{
		"max-article-bytes": c.limits.MaxArticleBytes, "max-html-bytes": c.limits.MaxHTMLBytes, "max-batch-articles": c.limits.MaxBatchArticles,
		"max-batch-bytes": c.limits.MaxBatchBytes, "max-concurrent": c.maxConcurrent, "stream-workers": c.streamWorkers,
	} {
		if v <= 0 {
			return config{}, fmt.Errorf("-%s must be positive, got %d", name, v)
		}
	}
	return c, nil
}

// maxRecvBytes is the largest gRPC message accepted: a full batch plus room for
// its envelope, so an oversize batch still reaches validation and gets a clear
// RESOURCE_EXHAUSTED naming the limit instead of a transport error.
func (c config) maxRecvBytes() int {
	return c.limits.MaxBatchBytes + max(c.limits.MaxArticleBytes, c.limits.MaxHTMLBytes) + 1<<20
}

// gcPercentString is the collector setting in force while serving, for the
// start-up log line: -gc-percent's value, or GOGC's when that was set.
func (c config) gcPercentString() string {
	if c.gcPercent == 0 {
		return "GOGC=" + c.gogc
	}
	return strconv.Itoa(c.gcPercent)
}

// origins is the CORS allow-list.
func (c config) origins() []string {
	if c.corsOrigins == "" {
		return nil
	}
	return strings.Split(c.corsOrigins, ",")
}
