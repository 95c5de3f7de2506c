package pipeline

import (
	"sync"

	"github.com/claimsvc/claimsvc/internal/contradiction"
)

// preparedCacheSize bounds one generation of preparedCache: two generations
// hold at most twice this many analysed stored claims (a few MB).
const preparedCacheSize = 4096

// preparedKey names one stored version of a claim: its ID and the time it
// was stored. An article stored again gets a new time, so a replaced claim
// is never served from an older analysis.
type preparedKey struct {
	id     string
	stored int64
}

// preparedCache keeps the analyses of stored claims recently compared, so a
// stored-claim lookup neither reads nor re-analyses the candidates it met in
// the calls before: candidates are the most recently stored claims under each
// key, so the same ones come back call after call. Analysis depends only on
// what the store holds under the key, so a hit is exactly what a fresh read
// would give. Two generations: when the current one is full it becomes the
// previous and a new one starts; a hit in the previous moves to the current.
// The zero value is ready; safe for concurrent use.
type preparedCache struct {
	mu        sync.Mutex
	cur, prev map[preparedKey]contradiction.Prepared
}

func (c *preparedCache) get(k preparedKey) (contradiction.Prepared, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.cur[k]; ok {
		return p, true
	}
	p, ok := c.prev[k]
	if ok {
		c.putLocked(k, p)
	}
	return p, ok
}

func (c *preparedCache) put(k preparedKey, p contradiction.Prepared) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(k, p)
}

func (c *preparedCache) putLocked(k preparedKey, p contradiction.Prepared) {
	if len(c.cur) >= preparedCacheSize {
		c.prev, c.cur = c.cur, nil
	}
	if c.cur == nil {
		c.cur = make(map[preparedKey]contradiction.Prepared, preparedCacheSize)
	}
	c.cur[k] = p
}
