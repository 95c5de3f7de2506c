package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// requireE2EEnv, when set to 1, turns the skips of the Node.js and browser
// tests into failures: .ci/run sets it after installing Chromium and running
// npm ci, so CI cannot pass by skipping them.
const requireE2EEnv = "CLAIMSVC_REQUIRE_E2E"

// nodeProject returns the absolute path of one of the repository's Node.js
// projects (rel from the repository root, e.g. "clients/node") and the node
// binary. Without Node.js or the project's node_modules it skips the test with
// the command that installs them, or fails when requireE2EEnv is set.
func nodeProject(t *testing.T, rel string) (dir, node string) {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	node, err = exec.LookPath("node")
	if err != nil {
		missing(t, "Node.js (node) is not on PATH")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err != nil {
		missing(t, "%s/node_modules is missing: run `npm ci --prefix %s` (.ci/run does)", rel, rel)
	}
	return dir, node
}

// missing skips the test, or fails it when CI requires the end-to-end tests.
func missing(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv(requireE2EEnv) == "1" {
		t.Fatalf("%s=1 but "+format, append([]any{requireE2EEnv}, args...)...)
	}
	t.Skipf("skipping: "+format, args...)
}

// runNode runs a Node.js script of the project in dir with extra environment
// variables and fails the test with the script's output if it fails. The
// script's output is logged either way (go test -v shows it).
func runNode(t *testing.T, dir, node, script string, timeout time.Duration, env ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.WaitDelay = 5 * time.Second
	start := time.Now()
	out, err := cmd.CombinedOutput()
	t.Logf("node %s (%s):\n%s", script, time.Since(start).Round(time.Millisecond), out)
	if ctx.Err() != nil {
		t.Fatalf("node %s did not finish within %s", script, timeout)
	}
	if err != nil {
		t.Fatalf("node %s failed: %v (output above)", script, err)
	}
}

// TestNodeClient proves the gRPC API works from another language: the Node.js
// client (clients/node, @grpc/grpc-js with the repository's .proto files) calls
// ExtractClaims, StreamExtractClaims and CompareClaims on the real server.
func TestNodeClient(t *testing.T) {
	dir, node := nodeProject(t, "clients/node")
	conn, _ := testServer(t, nil)
	runNode(t, dir, node, "client.test.mjs", 2*time.Minute, "CLAIMSVC_GRPC_ADDR="+conn.Target())
}
