package batch

import (
	"context"
	"sync"
	"testing"
	"time"
)

// TestInOrderTurns gives jobs to workers that finish in reverse order and
// checks that the ordered step still runs in input order, and that a done
// context releases a worker waiting for a turn that never ends.
func TestInOrderTurns(t *testing.T) {
	const n = 8
	ch := make(chan job, n)
	for i := range n {
		ch <- job{line: int64(i + 1)}
	}
	close(ch)
	order := newInOrder(ch)
	var (
		mu  sync.Mutex
		got []int64
		wg  sync.WaitGroup
	)
	for range n {
		j, tu, ok := order.next()
		if !ok {
			t.Fatal("channel closed early")
		}
		wg.Go(func() {
			time.Sleep(time.Duration(n-j.line) * 2 * time.Millisecond) // later lines are ready first
			if err := tu.wait(context.Background()); err != nil {
				t.Error(err)
			}
			mu.Lock()
			got = append(got, j.line)
			mu.Unlock()
			tu.end(context.Background())
		})
	}
	wg.Wait()
	for i, line := range got {
		if line != int64(i+1) {
			t.Fatalf("ordered step ran as %v, want 1..%d", got, n)
		}
	}
	if _, _, ok := order.next(); ok {
		t.Error("next after the last job: want ok=false")
	}

	// A turn whose predecessor never ends is released by its context.
	ch2 := make(chan job, 2)
	ch2 <- job{line: 1}
	ch2 <- job{line: 2}
	o2 := newInOrder(ch2)
	_, _, _ = o2.next() // taken, never ended
	_, second, _ := o2.next()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := second.wait(ctx); err == nil {
		t.Error("wait returned nil while the earlier turn is still open")
	}
	second.end(ctx) // must not block
}
