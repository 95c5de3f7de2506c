package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/batch"
	"github.com/claimsvc/claimsvc/internal/pipeline"
	"github.com/claimsvc/claimsvc/internal/profiling"
	"github.com/claimsvc/claimsvc/internal/server"
)

// options are the scoring flags.
type options struct {
	input, output   string
	resume          bool
	server          string
	streams         int
	storeClaims     bool
	concurrency     int
	linkWindow      int
	encoding        string
	maxArticleBytes int
	maxLineBytes    int
	progress        string
	cpuProfile      string
	memProfile      string
}

func parseOptions(args []string, stderr io.Writer) (options, error) {
	o := options{}
	fs := flag.NewFlagSet("claimbatch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: claimbatch [flags] [INPUT.jsonl]
       claimbatch gen-synthetic -seeds DIR [-n N] [-o FILE]

Reads JSON Lines of articles ({"id","text","title","url","published","language"};
only "text" is required) from INPUT or stdin and writes one JSON line per input
line, in input order: {"line","id","claims","links","crossArticleLinks"} or
{"line","id","error":{"code","message","fieldViolations"}}.

Exit status: 0 every line written; 1 stopped early (run again with -resume);
2 bad usage.

flags:
`)
		fs.PrintDefaults()
	}
	fs.StringVar(&o.output, "o", "", "write results to this file instead of stdout (needed for -resume)")
	fs.BoolVar(&o.resume, "resume", false, "continue the interrupted run whose output is -o: keep its complete lines, skip that many input lines")
	fs.StringVar(&o.server, "server", "", "host:port of a running claimsvc (gRPC, plaintext), or several comma-separated (replicas; round-robin balanced); a DNS name with several addresses balances over them too; default: score in-process")
	fs.IntVar(&o.streams, "streams", 0, "with -server: StreamExtractClaims calls at once, each on the next replica; 0 = one per address listed in -server")
	fs.BoolVar(&o.storeClaims, "store-claims", false, "with -server: write every article to the servers' claim store and link it to the claims stored there (replicas sharing a store link each other's articles)")
	fs.IntVar(&o.concurrency, "concurrency", runtime.GOMAXPROCS(0), "articles scored at once in-process; with -server, 4× this many are in flight on the stream")
	fs.IntVar(&o.linkWindow, "link-window", 20000, "in-process: cross-article links reach back at most this many claims (at least a quarter as many); memory grows with it, about 5 KB a claim; 0 = unbounded")
	fs.StringVar(&o.encoding, "encoding", "utf8", "unit of every offset in the output: utf8 (bytes), utf16 (code units, JavaScript/Java) or utf32 (code points, Python)")
	fs.IntVar(&o.maxArticleBytes, "max-article-bytes", server.DefaultLimits().MaxArticleBytes, "in-process: larger article texts get RESOURCE_EXHAUSTED (a server applies its own limit)")
	fs.IntVar(&o.maxLineBytes, "max-line-bytes", 16<<20, "larger input lines get RESOURCE_EXHAUSTED without being read into memory")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to `file` (go tool pprof)")
	fs.StringVar(&o.memProfile, "memprofile", "", "write an allocation profile of the run to `file` (go tool pprof)")
	fs.StringVar(&o.progress, "progress", "auto", "progress bar on stderr: auto (when stderr is a terminal), always or never")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch fs.NArg() {
	case 0:
		o.input = "-"
	case 1:
		o.input = fs.Arg(0)
	default:
		return o, usageError("give at most one input file")
	}
	switch {
	case o.resume && o.output == "":
		return o, usageError("-resume needs -o FILE: the output of the run to continue")
	case o.concurrency <= 0:
		return o, usageError("-concurrency must be positive")
	case o.maxLineBytes <= 0 || o.maxArticleBytes <= 0:
		return o, usageError("-max-line-bytes and -max-article-bytes must be positive")
	case o.progress != "auto" && o.progress != "always" && o.progress != "never":
		return o, usageError("-progress must be auto, always or never")
	}
	if _, err := encodingType(o.encoding); err != nil {
		return o, err
	}
	if o.server == "" && (o.streams != 0 || o.storeClaims) {
		return o, usageError("-streams and -store-claims need -server: the in-process scorer has no claim store")
	}
	if o.streams < 0 {
		return o, usageError("-streams must not be negative")
	}
	if o.server != "" {
		var local []string
		fs.Visit(func(f *flag.Flag) {
			if f.Name == "link-window" || f.Name == "max-article-bytes" {
				local = append(local, "-"+f.Name)
			}
		})
		if len(local) > 0 {
			return o, usageError(fmt.Sprintf("%v apply in-process only; with -server the server's own settings apply", local))
		}
	}
	return o, nil
}

type usageError string

func (e usageError) Error() string { return string(e) }

func encodingType(s string) (claimsv1.EncodingType, error) {
	switch s {
	case "utf8":
		return claimsv1.EncodingType_ENCODING_TYPE_UTF8, nil
	case "utf16":
		return claimsv1.EncodingType_ENCODING_TYPE_UTF16, nil
	case "utf32":
		return claimsv1.EncodingType_ENCODING_TYPE_UTF32, nil
	}
	return 0, usageError(fmt.Sprintf("-encoding must be utf8, utf16 or utf32, not %q", s))
}

// score runs a batch job and returns the exit status.
func score(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, err := parseOptions(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(stderr, "claimbatch:", err)
		return 2
	}
	if err != nil {
		return 2
	}
	stopProfile, err := profiling.Start(o.cpuProfile, o.memProfile)
	if err != nil {
		fmt.Fprintln(stderr, "claimbatch:", err)
		return 1
	}
	err = run(ctx, o, stdin, stdout, stderr)
	if perr := stopProfile(); err == nil {
		err = perr
	}
	if err != nil {
		fmt.Fprintln(stderr, "claimbatch:", err)
		return 1
	}
	return 0
}

func run(ctx context.Context, o options, stdin io.Reader, stdout, stderr io.Writer) error {
	if err := sameFile(o.input, o.output); err != nil {
		return err
	}
	in, total, closeIn, err := openInput(o.input, stdin, o.progress != "never")
	if err != nil {
		return err
	}
	defer closeIn()
	out, done, finish, err := openOutput(o.output, o.resume, stdout)
	if err != nil {
		return err
	}
	if o.resume && done.Lines > 0 {
		fmt.Fprintf(stderr, "claimbatch: resuming %s after line %d", o.output, done.Lines)
		if done.Truncated > 0 {
			fmt.Fprintf(stderr, " (cut a partial last line of %d bytes)", done.Truncated)
		}
		fmt.Fprintln(stderr)
	}
	be, closeBE, err := backend(ctx, o)
	if err != nil {
		finish()
		return err
	}
	defer closeBE()

	cfg := batch.Config{Window: 4 * o.concurrency, MaxLineBytes: o.maxLineBytes, Resume: done, Replay: done.ReplayFrom(o.linkWindow)}
	stopProgress := func() {}
	if o.progress == "always" || (o.progress == "auto" && isTerminal(stderr)) {
		cfg.Progress = batch.NewProgress(total, done.Lines)
		pctx, cancel := context.WithCancel(ctx)
		shown := make(chan struct{})
		go func() {
			defer close(shown)
			cfg.Progress.Show(pctx, stderr, 250*time.Millisecond)
		}()
		stopProgress = func() { cancel(); <-shown }
	}
	sum, runErr := batch.Run(ctx, in, out, be, cfg)
	stopProgress()
	finishErr := finish()
	sum.Text(stderr)
	if runErr == nil {
		runErr = finishErr
	}
	if runErr != nil {
		where := "stdout"
		if o.output != "" {
			where = o.output
		}
		hint := ""
		if o.output != "" {
			hint = "; run the same command with -resume to continue"
		}
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted: %s is complete up to input line %d%s", where, sum.LastLine, hint)
		}
		return fmt.Errorf("%w\n%s is complete up to input line %d%s", runErr, where, sum.LastLine, hint)
	}
	return nil
}

// backend builds the in-process pipeline or the client of a running server.
func backend(ctx context.Context, o options) (batch.Backend, func(), error) {
	enc, _ := encodingType(o.encoding) // checked by parseOptions
	if o.server != "" {
		conn, n, err := batch.Dial(ctx, o.server,
			grpc.WithTransportCredentials(insecure.NewCredentials()),
			grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(256<<20), grpc.MaxCallSendMsgSize(o.maxLineBytes+(1<<20))))
		if err != nil {
			return nil, nil, err
		}
		streams := o.streams
		if streams == 0 {
			streams = n
		}
		return batch.Remote{Client: claimsv1.NewClaimsServiceClient(conn), Encoding: enc, Streams: streams, StoreClaims: o.storeClaims}, func() { conn.Close() }, nil
	}
	pipe, err := pipeline.NewAtStartup(false)
	if err != nil {
		return nil, nil, err
	}
	limits := server.DefaultLimits()
	limits.MaxArticleBytes = o.maxArticleBytes
	return batch.Local{Pipe: pipe, Limits: limits, Workers: o.concurrency, LinkWindow: o.linkWindow, Encoding: enc}, func() {}, nil
}

// sameFile refuses an output that is the input: truncating it would destroy
// the job before reading it.
func sameFile(input, output string) error {
	if input == "-" || output == "" {
		return nil
	}
	a, err1 := os.Stat(input)
	b, err2 := os.Stat(output)
	if err1 == nil && err2 == nil && os.SameFile(a, b) {
		return fmt.Errorf("-o %s is the input file", output)
	}
	return nil
}

// openInput opens the input and, when it is a file and a count is wanted, counts
// its lines so progress can show a percentage and an ETA.
func openInput(path string, stdin io.Reader, wantTotal bool) (io.Reader, int64, func(), error) {
	if path == "-" {
		return stdin, 0, func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, nil, err
	}
	var total int64
	if wantTotal {
		if total, err = countLines(f); err != nil {
			f.Close()
			return nil, 0, nil, err
		}
	}
	return f, total, func() { f.Close() }, nil
}

// openOutput opens the output file (or stdout), recovering an earlier run's
// output with -resume; finish syncs and closes it.
func openOutput(path string, resume bool, stdout io.Writer) (io.Writer, batch.Done, func() error, error) {
	if path == "" {
		return stdout, batch.Done{}, func() error { return nil }, nil
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if resume {
		flags = os.O_RDWR | os.O_CREATE
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		return nil, batch.Done{}, nil, err
	}
	var done batch.Done
	if resume {
		if done, err = batch.Recover(f); err != nil {
			f.Close()
			return nil, batch.Done{}, nil, err
		}
	}
	finish := func() error {
		err := syncRegular(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("close %s: %w", path, err)
		}
		return nil
	}
	return f, done, finish, nil
}

// syncRegular flushes a regular output file to stable storage, so that a run
// reported complete survives a crash; a device, pipe or socket (-o /dev/null,
// -o /dev/stdout, a named pipe) has nothing to make durable and rejects fsync
// with EINVAL, which must not turn a finished run into a failed one.
func syncRegular(f *os.File) error {
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return nil
	}
	return f.Sync()
}
