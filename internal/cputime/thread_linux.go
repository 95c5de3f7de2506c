package cputime

import (
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Precise is true where Of measures the thread's CPU time rather than wall time.
const Precise = true

// threadNow reads the calling thread's CPU clock.
func threadNow() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ts.Nano())
}

// processNow reads the process's user + system time.
func processNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
