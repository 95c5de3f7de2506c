// Package cputime measures the CPU time one piece of work costs the calling
// goroutine, for tests and fuzz targets that bound how time grows with input size.
// Wall-clock time on a shared two-core machine mostly measures the neighbours;
// the CPU time of the one OS thread doing the work does not (GC workers on other
// threads are left out, GC assists charged to the work are counted).
package cputime

import (
	"runtime"
	"time"
)

// Of runs f on the calling goroutine, locked to its OS thread, and returns the CPU
// time (user + system) that thread spent in f. Where no per-thread clock exists it
// falls back to wall-clock time; Precise says which.
func Of(f func()) time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	t0 := threadNow()
	f()
	return threadNow() - t0
}

// Now is the calling thread's CPU clock (wall time where there is none). Only
// differences taken on one OS thread mean anything: call it inside Of, or with the
// goroutine locked to its thread.
func Now() time.Duration { return threadNow() }

// OfProcess runs f and returns the CPU time the whole process spent meanwhile
// (every thread: for work that fans out to goroutines). Other work in the process
// counts too, so it suits fuzz targets and single tests, not parallel ones.
func OfProcess(f func()) time.Duration {
	t0 := processNow()
	f()
	return processNow() - t0
}

// Budget is a bound proportional to the size of an input: base plus perByte for
// each of its n bytes. Fuzz targets fail inputs that cost more, which catches
// superlinear paths however the fuzzer grows its inputs.
func Budget(n int, base, perByte time.Duration) time.Duration {
	return base + time.Duration(n)*perByte
}

// MinOf runs f reps times (at least once) and returns the smallest CPU time: the
// run least disturbed by cache misses and GC assists.
func MinOf(reps int, f func()) time.Duration {
	best := time.Duration(-1)
	for i := 0; i < max(1, reps); i++ {
		if d := Of(f); best < 0 || d < best {
			best = d
		}
	}
	return best
}
