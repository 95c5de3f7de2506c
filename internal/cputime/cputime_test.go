package cputime

import (
	"testing"
	"time"
)

func spin(d time.Duration) {
	for t0 := time.Now(); time.Since(t0) < d; {
	}
}

func TestOfCountsWorkNotSleep(t *testing.T) {
	busy := MinOf(3, func() { spin(20 * time.Millisecond) })
	if busy < 5*time.Millisecond || busy > 2*time.Second {
		t.Errorf("20 ms of spinning measured as %v", busy)
	}
	if !Precise {
		t.Skip("no per-thread CPU clock on this platform")
	}
	idle := MinOf(3, func() { time.Sleep(30 * time.Millisecond) })
	if idle > 5*time.Millisecond {
		t.Errorf("30 ms of sleep measured as %v of CPU", idle)
	}
}
