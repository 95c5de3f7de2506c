//go:build !linux

package cputime

import "time"

// Precise is true where Of measures the thread's CPU time rather than wall time.
const Precise = false

var start = time.Now()

// threadNow falls back to the monotonic wall clock.
func threadNow() time.Duration { return time.Since(start) }

// processNow falls back to the monotonic wall clock.
func processNow() time.Duration { return time.Since(start) }
