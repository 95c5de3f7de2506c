package batch

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// job is one article on its way to a backend.
type job struct {
	line    int64
	id      string
	article *claimsv1.Article
	inBytes int
}

// Backend works on several articles at once; Local and Remote implement it
// (its method takes the engine's own types, so the set is closed). Process
// reads jobs until the channel is closed and sends one outcome per job to out,
// in any order. It may leave out jobs only when it returns an error or ctx is
// done: the engine then stops at the first missing line, and a resumed run
// redoes it. out has room for every job in flight, so sending never blocks
// for long.
type Backend interface {
	Process(ctx context.Context, jobs <-chan job, out chan<- outcome) error
}

// Config says how to run one batch job.
type Config struct {
	// Window is the most lines in flight: read but not yet written. It bounds
	// the reorder buffer, and so memory, whatever the input size.
	Window int
	// MaxLineBytes caps one input line; a longer line gets a RESOURCE_EXHAUSTED
	// record and is never held in memory whole.
	MaxLineBytes int
	// Resume continues after what an earlier run wrote (see Recover); zero
	// starts at line 1.
	Resume Done
	// Replay, when resuming, is the first kept line to feed the backend again
	// without writing it (see Done.ReplayFrom), so that the resumed lines'
	// cross-article links reach back into the kept ones; 0 replays nothing.
	Replay int64
	// Progress, when not nil, is kept up to date for a progress display.
	Progress *Progress
}

// Run reads JSON Lines articles from in and writes one record per input line
// to out, in input order. Per-line problems (malformed JSON, invalid articles,
// repeated IDs, failures inside the pipeline) become error records and the run
// goes on. Run returns an error only when it could not finish: the input or
// output failed, the backend failed, or ctx was cancelled. The output then
// holds complete records for the input's first lines (through Summary.LastLine
// unless the output itself failed) and at most a partial line after them, which
// Recover cuts: a resumed run (Config.Resume) picks up exactly where it ends.
func Run(ctx context.Context, in io.Reader, out io.Writer, be Backend, cfg Config) (Summary, error) {
	if cfg.Window <= 0 {
		return Summary{}, fmt.Errorf("batch: window must be positive, got %d", cfg.Window)
	}
	if cfg.MaxLineBytes <= 0 {
		return Summary{}, fmt.Errorf("batch: max line bytes must be positive, got %d", cfg.MaxLineBytes)
	}
	start := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, gctx := errgroup.WithContext(ctx)

	slots := make(chan struct{}, cfg.Window)
	jobs := make(chan job)
	results := make(chan outcome, cfg.Window)
	var producers sync.WaitGroup
	producers.Add(2)
	g.Go(func() error {
		defer producers.Done()
		defer close(jobs)
		return read(gctx, in, cfg, slots, jobs, results)
	})
	g.Go(func() error {
		defer producers.Done()
		if err := be.Process(gctx, jobs, results); err != nil {
			return fmt.Errorf("batch: %w", err)
		}
		return nil
	})
	go func() {
		producers.Wait()
		close(results)
	}()

	sum, werr := write(out, results, slots, cfg, cancel)
	err := g.Wait()
	sum.Elapsed = time.Since(start)
	switch {
	case werr != nil:
		return sum, werr
	case err != nil:
		return sum, err
	case ctx.Err() != nil:
		return sum, ctx.Err()
	case sum.Pending > 0:
		return sum, fmt.Errorf("batch: %d lines after line %d were processed but not written (a line before them never finished)", sum.Pending, sum.LastLine)
	}
	return sum, nil
}

// read turns input lines into jobs, or straight into error records for lines
// that are not articles. It takes a window slot per line, so it never runs
// more than the window ahead of the writer.
func read(ctx context.Context, in io.Reader, cfg Config, slots chan<- struct{}, jobs chan<- job, results chan<- outcome) error {
	lr := newLineReader(in, cfg.MaxLineBytes)
	replay := func(num int64, line []byte) error {
		art, id, err := parseLine(line, num)
		if err != nil {
			return nil // an error record: nothing to link
		}
		return send(ctx, slots, jobs, job{line: num, id: id, article: art, inBytes: len(line)})
	}
	if cfg.Replay == 0 {
		replay = nil
	}
	if err := skipDone(lr, cfg.Resume, cfg.Replay, replay); err != nil {
		return err
	}
	seen := cfg.Resume.IDs
	if seen == nil {
		seen = make(map[string]int64)
	}
	for num := cfg.Resume.Lines + 1; ; num++ {
		line, size, tooLong, err := lr.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("batch: read input line %d: %w", num, err)
		}
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		var art *claimsv1.Article
		var id string
		if tooLong {
			err = tooLongError(size, cfg.MaxLineBytes)
		} else {
			art, id, err = parseLine(line, num)
		}
		if err == nil {
			err = duplicateID(seen, id, num)
		}
		if err != nil {
			results <- errorOutcome(num, id, size, status.Convert(err).Proto())
			continue
		}
		select {
		case jobs <- job{line: num, id: id, article: art, inBytes: size}:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// send hands a job to the backend once it has a window slot.
func send(ctx context.Context, slots chan<- struct{}, jobs chan<- job, j job) error {
	select {
	case slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case jobs <- j:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// skipDone reads past the lines an earlier run finished, checking that the last
// of them is the article the output says it is: resuming against another input
// file would otherwise quietly mix two jobs. Lines from replayFrom on go to
// replay, when set (see Config.Replay).
func skipDone(lr *lineReader, d Done, replayFrom int64, replay func(num int64, line []byte) error) error {
	for num := int64(1); num <= d.Lines; num++ {
		line, _, tooLong, err := lr.next()
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("batch: resume: the output has %d lines but the input only %d: is it the same input?", d.Lines, num-1)
		}
		if err != nil {
			return fmt.Errorf("batch: resume: read input line %d: %w", num, err)
		}
		if replay != nil && num >= replayFrom && !tooLong {
			if err := replay(num, line); err != nil {
				return err
			}
		}
		if num != d.Lines || d.LastID == "" || tooLong {
			continue
		}
		if _, id, _ := parseLine(line, num); id != "" && id != d.LastID {
			return fmt.Errorf("batch: resume: output line %d is article %q but input line %d is %q: is it the same input?", num, d.LastID, num, id)
		}
	}
	return nil
}

// duplicateID records id at line num and refuses an ID an earlier line had:
// claim IDs are built from article IDs, so they must be unique in the output.
func duplicateID(seen map[string]int64, id string, num int64) error {
	if prev, dup := seen[id]; dup {
		return lineError("id", "%q repeats the ID of line %d", id, prev)
	}
	seen[id] = num
	return nil
}

// write puts outcomes in input order and writes each as soon as every line
// before it is written, releasing its window slot. It flushes whenever no
// further outcome is waiting, so a killed run loses only lines still in
// flight, which a resumed run redoes. On a write error it cancels the run and
// drains the rest.
func write(out io.Writer, results <-chan outcome, slots <-chan struct{}, cfg Config, cancel func()) (Summary, error) {
	sum := Summary{Resumed: cfg.Resume.Lines, LastLine: cfg.Resume.Lines, ErrorsByCode: map[string]int64{}}
	w := bufio.NewWriterSize(out, 256<<10)
	pending := make(map[int64]outcome, cfg.Window)
	var werr error
	for o := range results {
		if werr != nil {
			continue
		}
		if o.line <= cfg.Resume.Lines { // a replayed line: the earlier run wrote it
			releaseLine(o.data)
			<-slots
			continue
		}
		pending[o.line] = o
		for {
			next, ok := pending[sum.LastLine+1]
			if !ok {
				break
			}
			delete(pending, next.line)
			if _, err := w.Write(next.data); err != nil {
				werr = fmt.Errorf("batch: write output line %d: %w", next.line, err)
				cancel()
				break
			}
			releaseLine(next.data)
			sum.add(next)
			if cfg.Progress != nil {
				cfg.Progress.wrote(next)
			}
			<-slots
		}
		if werr == nil && len(results) == 0 {
			if err := w.Flush(); err != nil {
				werr = fmt.Errorf("batch: write output: %w", err)
				cancel()
			}
		}
	}
	if werr == nil {
		if err := w.Flush(); err != nil {
			werr = fmt.Errorf("batch: write output: %w", err)
		}
	}
	sum.Pending = len(pending)
	return sum, werr
}

// transient reports whether a per-article status says the article was not
// really tried (the server was going away or the call was cut): such an
// article must be redone on resume, not written as failed.
func transient(c codes.Code) bool {
	switch c {
	case codes.Canceled, codes.DeadlineExceeded, codes.Unavailable, codes.Aborted:
		return true
	}
	return false
}
