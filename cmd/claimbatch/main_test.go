package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/claimsvc/claimsvc/internal/pipeline"
	"github.com/claimsvc/claimsvc/internal/server"
)

// sentences are synthetic, written for these tests.
var sentences = []string{
	"The spokesman said the border crossing is open to aid trucks.",
	"Analysts said wheat prices could rise sharply in May.",
	"Officials said the new bridge would reopen next week.",
	"According to the ministry, 42 people were injured in the storm.",
	"The mayor told reporters that the water supply is safe.",
	"Egyptian officials said the border crossing is closed to aid trucks.",
}

// writeInput writes n articles (and, every 97th line, a malformed one) and
// returns the path and the ids expected on each line ("" for malformed).
func writeInput(t *testing.T, n int) (string, []string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.jsonl")
	var b bytes.Buffer
	ids := make([]string, n)
	for i := range n {
		if i%97 == 96 {
			b.WriteString("{\"id\": broken\n")
			continue
		}
		ids[i] = fmt.Sprintf("a%05d", i)
		text := sentences[i%len(sentences)] + " " + sentences[(i/len(sentences))%len(sentences)]
		line, _ := json.Marshal(map[string]string{"id": ids[i], "text": text})
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, ids
}

// checkOutput asserts that out answers every input line exactly once, in order.
func checkOutput(t *testing.T, out []byte, ids []string) {
	t.Helper()
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 16<<20)
	seen := map[string]int{}
	n := 0
	for sc.Scan() {
		n++
		var r struct {
			Line  int             `json:"line"`
			ID    string          `json:"id"`
			Error json.RawMessage `json:"error"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("output line %d is not a record: %v", n, err)
		}
		if r.Line != n {
			t.Fatalf("output line %d answers input line %d", n, r.Line)
		}
		if n > len(ids) || r.ID != ids[n-1] {
			t.Fatalf("output line %d has id %q, want %q", n, r.ID, ids[min(n, len(ids))-1])
		}
		if (r.ID == "") != (r.Error != nil) {
			t.Errorf("line %d: id %q, error %s", n, r.ID, r.Error)
		}
		if r.ID != "" {
			if prev, dup := seen[r.ID]; dup {
				t.Fatalf("id %q on lines %d and %d", r.ID, prev, n)
			}
			seen[r.ID] = n
		}
	}
	if n != len(ids) {
		t.Fatalf("%d output lines for %d input lines", n, len(ids))
	}
}

// TestKillAndResume runs the real command, kills it (SIGKILL) midway, resumes
// it, interrupts the resumed run (SIGINT), and resumes again: the final output
// answers every input line exactly once, nothing dropped or duplicated.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the command")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "claimbatch")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	in, ids := writeInput(t, 12000) // large enough that the first kill lands mid-run even on a fast build
	outPath := filepath.Join(dir, "out.jsonl")

	// 1. Kill -9 once some lines are out.
	cmd := exec.Command(bin, "-concurrency", "1", "-o", outPath, in)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitForLines(t, outPath, 50)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	killed := linesIn(t, outPath)
	if killed >= len(ids) {
		t.Fatalf("the run finished (%d lines) before it was killed; make the input larger", killed)
	}
	// A kill during a write leaves a partial line; make sure there is one.
	f, err := os.OpenFile(outPath, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"line":99999,"id":"torn","cla`)
	f.Close()

	// 2. Resume, and interrupt that run too, gracefully this time.
	var stderr bytes.Buffer
	cmd = exec.Command(bin, "-resume", "-concurrency", "1", "-o", outPath, in)
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitForLines(t, outPath, killed+50)
	cmd.Process.Signal(os.Interrupt)
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(stderr.String(), "interrupted") || !strings.Contains(stderr.String(), "-resume") {
		t.Fatalf("interrupted run: %v, stderr:\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), fmt.Sprintf("resuming %s after line %d", outPath, killed)) {
		t.Errorf("stderr does not say where it resumed (line %d):\n%s", killed, stderr.String())
	}

	// 3. Resume to the end.
	stderr.Reset()
	cmd = exec.Command(bin, "-resume", "-o", outPath, in)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("final resume: %v\n%s", err, stderr.String())
	}
	out, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatal(err)
	}
	checkOutput(t, out, ids)
}

func waitForLines(t *testing.T, path string, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if linesIn(t, path) >= n {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%s did not reach %d lines", path, n)
}

func linesIn(t *testing.T, path string) int {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(b, []byte{'\n'})
}

// TestStdinToStdout runs in-process from stdin to stdout: no progress bar when
// stderr is not a terminal, a summary at the end.
func TestStdinToStdout(t *testing.T) {
	in, ids := writeInput(t, 200)
	data, _ := os.ReadFile(in)
	var stdout, stderr bytes.Buffer
	if code := dispatch(context.Background(), []string{"-concurrency", "2"}, bytes.NewReader(data), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	checkOutput(t, stdout.Bytes(), ids)
	if strings.Contains(stderr.String(), "\r") {
		t.Error("progress drawn on a non-terminal stderr")
	}
	for _, want := range []string{"lines      200 (198 articles, 2 errors)", "INVALID_ARGUMENT", "claims", "across articles", "articles/s"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, stderr.String())
		}
	}
}

// TestServerMode runs the command against a running server.
func TestServerMode(t *testing.T) {
	p, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	g, err := server.NewGRPC(server.NewService(p, server.DefaultLimits(), server.StreamOptions{Workers: 2}, log), server.Options{
		MaxConcurrent: 4, QueueWait: time.Second, RequestTimeout: 10 * time.Second, MaxRecvBytes: 16 << 20, Log: log,
	})
	if err != nil {
		t.Fatal(err)
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go g.Server.Serve(lis)
	defer g.Server.Stop()

	in, ids := writeInput(t, 300)
	outPath := filepath.Join(t.TempDir(), "out.jsonl")
	var stderr bytes.Buffer
	if code := dispatch(context.Background(), []string{"-server", lis.Addr().String(), "-o", outPath, in}, nil, io.Discard, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	out, _ := os.ReadFile(outPath)
	checkOutput(t, out, ids)

	// A server that is not there: a clear error and exit 1, not a hang.
	lis2, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := lis2.Addr().String()
	lis2.Close()
	stderr.Reset()
	if code := dispatch(context.Background(), []string{"-server", addr, "-o", outPath, in}, nil, io.Discard, &stderr); code != 1 || !strings.Contains(stderr.String(), "Unavailable") {
		t.Errorf("unreachable server: exit %d, stderr %s", code, stderr.String())
	}
}

// TestUsage checks flag errors exit 2 with a message.
func TestUsage(t *testing.T) {
	tests := [][]string{
		{"-resume"},
		{"-concurrency", "0"},
		{"-encoding", "latin1"},
		{"-progress", "sometimes"},
		{"a.jsonl", "b.jsonl"},
		{"-no-such-flag"},
		{"-server", "localhost:8081", "-link-window", "10"},
	}
	for _, args := range tests {
		var stderr bytes.Buffer
		if code := dispatch(context.Background(), args, strings.NewReader(""), io.Discard, &stderr); code != 2 || stderr.Len() == 0 {
			t.Errorf("%q: exit %d, stderr %q; want 2 and a message", args, code, stderr.String())
		}
	}
}

// TestOutputToDevice writes to a device that cannot be synced (-o /dev/null, as
// people do to time a run) and still exits 0.
func TestOutputToDevice(t *testing.T) {
	if _, err := os.Stat(os.DevNull); err != nil {
		t.Skipf("no %s: %v", os.DevNull, err)
	}
	in, _ := writeInput(t, 3)
	var stderr bytes.Buffer
	if code := dispatch(context.Background(), []string{"-o", os.DevNull, in}, nil, io.Discard, &stderr); code != 0 {
		t.Errorf("exit %d, want 0: %s", code, stderr.String())
	}
}

// TestOutputIsInput refuses to overwrite the input.
func TestOutputIsInput(t *testing.T) {
	in, _ := writeInput(t, 3)
	before, _ := os.ReadFile(in)
	var stderr bytes.Buffer
	if code := dispatch(context.Background(), []string{"-o", in, in}, nil, io.Discard, &stderr); code != 1 {
		t.Errorf("exit %d, want 1: %s", code, stderr.String())
	}
	if after, _ := os.ReadFile(in); !bytes.Equal(before, after) {
		t.Error("the input was changed")
	}
}

// TestGenSynthetic checks the generator: n lines, unique ids, every text made
// of the seed's paragraphs, and the same file for the same -rand-seed.
func TestGenSynthetic(t *testing.T) {
	seeds := t.TempDir()
	paras := map[string]bool{}
	for d := range 3 {
		var b strings.Builder
		for p := range 4 {
			para := fmt.Sprintf("Paragraph %d of seed %d, the official said.", p, d)
			paras[para] = true
			b.WriteString(para + "\n\n")
		}
		os.WriteFile(filepath.Join(seeds, fmt.Sprintf("s%d.txt", d)), []byte(b.String()), 0o644)
	}
	gen := func() []byte {
		var out, stderr bytes.Buffer
		if code := dispatch(context.Background(), []string{"gen-synthetic", "-seeds", seeds, "-n", "500"}, nil, &out, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		return out.Bytes()
	}
	first := gen()
	if !bytes.Equal(first, gen()) {
		t.Error("same -rand-seed, different output")
	}
	lines := strings.Split(strings.TrimSuffix(string(first), "\n"), "\n")
	if len(lines) != 500 {
		t.Fatalf("%d lines, want 500", len(lines))
	}
	ids := map[string]bool{}
	texts := map[string]bool{}
	for _, l := range lines {
		var a struct{ ID, Text, Published string }
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatal(err)
		}
		if ids[a.ID] {
			t.Fatalf("id %q repeats", a.ID)
		}
		ids[a.ID] = true
		texts[a.Text] = true
		for _, p := range strings.Split(a.Text, "\n") {
			if !paras[p] {
				t.Fatalf("text has %q, not a seed paragraph", p)
			}
		}
		if _, err := time.Parse(time.RFC3339, a.Published); err != nil {
			t.Errorf("published %q: %v", a.Published, err)
		}
	}
	if len(texts) < 50 {
		t.Errorf("only %d distinct texts in 500: not varied", len(texts))
	}
}
