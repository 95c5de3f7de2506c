package main

import (
	"sync"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ms := func(n ...int) []time.Duration {
		out := make([]time.Duration, len(n))
		for i, v := range n {
			out[i] = time.Duration(v) * time.Millisecond
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	cases := []struct {
		sorted []time.Duration
		p      int
		want   time.Duration
	}{
		{nil, 99, 0},
		{ms(7), 50, 7 * time.Millisecond},
		{ms(7), 99, 7 * time.Millisecond},
		{ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{ms(1, 2, 3, 4), 99, 4 * time.Millisecond},
		{ms(hundred...), 50, 50 * time.Millisecond},
		{ms(hundred...), 99, 99 * time.Millisecond},
		{ms(hundred...), 100, 100 * time.Millisecond},
	}
	for _, tc := range cases {
		if got := pct(tc.sorted, tc.p); got != tc.want {
			t.Errorf("pct(%d values, %d) = %v, want %v", len(tc.sorted), tc.p, got, tc.want)
		}
	}
}

// TestCallBudget: -n hands out exactly n calls among concurrent callers; 0 is
// no limit.
func TestCallBudget(t *testing.T) {
	b := &callBudget{limit: 1000}
	var mu sync.Mutex
	taken := 0
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for b.take() {
				mu.Lock()
				taken++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if taken != 1000 {
		t.Errorf("%d calls taken, want 1000", taken)
	}
	unlimited := &callBudget{}
	for range 5000 {
		if !unlimited.take() {
			t.Fatal("a zero limit refused a call")
		}
	}
}
