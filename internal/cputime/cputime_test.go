package cputime

import (
	"testing"
	"time"
)

var sink uint64

// work spins through n rounds of arithmetic.
func work(n int) {
	x := uint64(1)
	for i := 0; i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	sink += x
}

// TestOfCountsWorkNotSleep holds however busy the machine is: work is measured
// as more than nothing and more work as more, sleep as (almost) nothing.
func TestOfCountsWorkNotSleep(t *testing.T) {
	little := MinOf(3, func() { work(2e6) })
	lots := MinOf(3, func() { work(2e7) })
	if little <= 0 || lots <= little {
		t.Errorf("work measured as %v, ten times as much as %v", little, lots)
	}
	if !Precise {
		t.Skip("no per-thread CPU clock on this platform")
	}
	idle := MinOf(3, func() { time.Sleep(30 * time.Millisecond) })
	if idle > 5*time.Millisecond {
		t.Errorf("30 ms of sleep measured as %v of CPU", idle)
	}
}

func TestOfProcessAndBudget(t *testing.T) {
	if d := OfProcess(func() { work(2e7) }); d <= 0 {
		t.Errorf("process CPU of work = %v", d)
	}
	if b := Budget(1000, time.Millisecond, time.Microsecond); b != 2*time.Millisecond {
		t.Errorf("Budget = %v", b)
	}
}
