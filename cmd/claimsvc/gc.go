package main

import (
	"fmt"
	"runtime/debug"
)

// defaultGCPercent is the server's garbage-collection target (GOGC) unless the
// operator sets one. The server's live heap is small (about 8 MB: models and
// tables), and an ExtractClaims call allocates about 130 KB of short-lived
// results, so at Go's default of 100 the collector ran every 60 calls or so and
// took about a tenth of the server's CPU under load (GODEBUG=gctrace=1, see
// BENCHMARKS.md). At 200 it runs half as often for about 11 MB more peak
// memory under the load test (47 → 58 MB); higher values buy less and cost
// more (400: 82 MB). Batch jobs (claimbatch) keep Go's default: their memory
// bound is the one that matters there.
const defaultGCPercent = 200

// gcSetting is the collector target applied at start-up and where it came from.
type gcSetting struct {
	percent int    // the GOGC value in force; -1 is off
	source  string // "GOGC" (the environment variable, left to the runtime) or "-gc-percent"
}

// applyGC sets the collector target: the GOGC environment variable, when set,
// is the runtime's own setting and wins (so the usual Go knob keeps working);
// otherwise percent (-gc-percent) is applied. It returns what is in force.
func applyGC(percent int, getenv func(string) string) gcSetting {
	if v := getenv("GOGC"); v != "" {
		cur := debug.SetGCPercent(100) // read the runtime's value without changing it:
		debug.SetGCPercent(cur)        // SetGCPercent returns the previous setting
		return gcSetting{percent: cur, source: "GOGC"}
	}
	debug.SetGCPercent(percent)
	return gcSetting{percent: percent, source: "-gc-percent"}
}

// validGCPercent checks a -gc-percent value: a non-negative target, or -1 for
// no collection at all (as GOGC=off).
func validGCPercent(p int) error {
	if p < -1 {
		return fmt.Errorf("-gc-percent must be -1 (off) or at least 0, got %d", p)
	}
	return nil
}
