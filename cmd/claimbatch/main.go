// Command claimbatch scores JSON Lines of articles into JSON Lines of claims,
// for batch jobs of any size: in-process, or against a running claimsvc
// (-server host:port). Every input line gets exactly one output line, in input
// order; a killed run continues with -resume. Run `claimbatch -help`.
//
//	claimbatch [flags] [INPUT.jsonl]       score articles (stdin when no file)
//	claimbatch gen-synthetic -seeds DIR    write synthetic articles for load tests
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := dispatch(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// dispatch runs the sub-command args name and returns the exit status:
// 0 done, 1 failed or interrupted (rerun with -resume), 2 bad usage.
func dispatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "gen-synthetic" {
		return genSynthetic(args[1:], stdout, stderr)
	}
	return score(ctx, args, stdin, stdout, stderr)
}
