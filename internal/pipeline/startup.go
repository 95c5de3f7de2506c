package pipeline

import (
	"os"
	"runtime/debug"
	"strconv"
)

// NewAtStartup is New for a process's start-up (claimbatch, claimsvc), with
// the garbage collector paused while the stages are built. Building them
// allocates megabytes of tables that all stay live, so the collections the
// growing heap sets off find nothing to free: they were a third of the CPU an
// empty claimbatch run spends. Afterwards the collector is set back to what
// GOGC says (the default when unset), not to the percent found on entry, so
// two overlapping calls (tests starting servers side by side) cannot leave it
// off. GOMEMLIMIT still bounds the heap while it is paused. Outputs are those
// of New; only when garbage is collected changes.
//
// concurrent builds the extractor on a second goroutine beside the other
// stages: on two cores that cut the time to a serving claimsvc by a fifth
// (startup= 38 -> 30 ms) but cost about 15 % more CPU (41.5 -> 48 ms for an
// empty claimbatch: two threads fault in the fresh heap), so claimsvc, which
// waits for it, asks for it and claimbatch, whose CPU per batch counts, does not.
func NewAtStartup(concurrent bool) (*Pipeline, error) {
	debug.SetGCPercent(-1)
	defer debug.SetGCPercent(envGCPercent(os.Getenv("GOGC")))
	return build(concurrent)
}

// envGCPercent is the collector's percent for the GOGC value s, read as the
// runtime reads it: "off" is -1, a number is itself, anything else (unset
// included) the default 100.
func envGCPercent(s string) int {
	if s == "off" {
		return -1
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return 100
}
