package batch

import (
	"context"
	"sync"
)

// inOrder hands jobs to concurrent workers together with their turn, so that
// the one step that must follow input order (adding an article to the
// cross-article index) does, while everything before it runs in parallel.
// Without it articles would enter the index in completion order, and two runs
// of the same input could link differently (and a resumed run differently
// from an uninterrupted one).
type inOrder struct {
	mu   sync.Mutex
	jobs <-chan job
	last chan struct{} // closed when the latest job given out has had its turn
}

// newInOrder gives out the jobs of ch in the order ch delivers them.
func newInOrder(ch <-chan job) *inOrder {
	done := make(chan struct{})
	close(done)
	return &inOrder{jobs: ch, last: done}
}

// next returns the next job and its turn; ok is false once the channel is
// closed. Receiving and numbering happen under one lock, so turns follow the
// channel's order.
func (o *inOrder) next() (j job, t turn, ok bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if j, ok = <-o.jobs; !ok {
		return job{}, turn{}, false
	}
	t = turn{prev: o.last, mine: make(chan struct{})}
	o.last = t.mine
	return j, t, true
}

// turn is one job's place in the order: the jobs before it end their turns
// first.
type turn struct {
	prev <-chan struct{}
	mine chan struct{}
}

// wait blocks until every earlier job has ended its turn, or ctx is done.
// It may be called more than once.
func (t turn) wait(ctx context.Context) error {
	select {
	case <-t.prev:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// end ends the turn, after the earlier ones (or when ctx is done, when order
// no longer matters: nothing more is written). Every job given out must end
// its turn exactly once, whatever happened to it, or the later ones wait
// forever.
func (t turn) end(ctx context.Context) {
	_ = t.wait(ctx)
	close(t.mine)
}
