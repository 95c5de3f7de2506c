package batch

import "sync"

// Output lines are most of what a batch run allocates (36 MB of JSON for 840
// news articles, a sixth of all its allocation), and each is garbage as soon
// as the writer has copied it out. lineBufs hands the buffers back: a run
// allocates about as many as it has lines in flight, not one per line, and the
// collector has that much less to reclaim.
var lineBufs sync.Pool

// maxPooledLine is the largest buffer kept for reuse; the line of an unusually
// long article is left to the collector rather than pinned in the pool.
const maxPooledLine = 1 << 20

// newLine returns an empty buffer to write one output line into.
func newLine() []byte {
	if p, ok := lineBufs.Get().(*[]byte); ok {
		return (*p)[:0]
	}
	return make([]byte, 0, 32<<10)
}

// releaseLine returns a line's buffer once it is written; b must not be used
// after.
func releaseLine(b []byte) {
	if cap(b) == 0 || cap(b) > maxPooledLine {
		return
	}
	lineBufs.Put(&b)
}
