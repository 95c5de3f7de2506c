package contradiction

import "math/bits"

// factTable is a read-only string-keyed table of the lexicon (word → facts,
// stem → stemFacts) as one flat open-addressing array: analyze probes both for
// nearly every token, and a Go map cost about 25 ns a probe there (a quarter of
// analysing a claim). A slot holds the key's first 8 bytes and its length, so
// a probe decides a key of up to 8 bytes (most words and stems) in the slot it
// reads, and the value sits in the entry the slot names: a found key costs two
// cache lines (the slot, the entry), an absent one usually the slot alone. The
// stem table is several times larger than the caches the rest of a server
// call leaves it, so each line it saves is a miss saved.
type factTable[V any] struct {
	slots   []factSlot // a power of two long, at most half full
	entries []factEntry[V]
	tails   string // bytes 8.. of the keys longer than 8, concatenated
	shift   uint   // 64 - log2(len(slots)): the mixed hash's top bits pick the slot
}

// factSlot is one slot of a factTable: k is the key's first 8 bytes
// (little-endian, zero-padded), n is 1 + its length (0 for an empty slot) and
// e the entry's index.
type factSlot struct {
	k    uint64
	n, e uint32
}

// factEntry is one value of a factTable and, for a key longer than 8 bytes,
// where the rest of the key starts in tails.
type factEntry[V any] struct {
	v    V
	tail uint32
}

// keyHead packs the first 8 bytes of s little-endian, zero-padded: one or two
// loads (overlapping for 4-7 bytes) instead of a loop over the bytes.
func keyHead(s string) uint64 {
	switch n := len(s); {
	case n >= 8:
		return le64(s)
	case n >= 4:
		return uint64(le32(s)) | uint64(le32(s[n-4:]))<<(8*(n-4))
	case n > 0:
		return uint64(s[0]) | uint64(s[n/2])<<(8*(n/2)) | uint64(s[n-1])<<(8*(n-1))
	}
	return 0
}

// le64 reads the first 8 bytes of s little-endian (one load).
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// le32 reads the first 4 bytes of s little-endian (one load).
func le32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// keyHash mixes a key's head and length into 64 bits, whose top bits pick
// the slot. The bytes past the first 8 are left out, so the hash inlines:
// keys that share head and length share a probe chain (at most 3 of the
// stems do) and are told apart by their tails.
func keyHash(k uint64, n int) uint64 {
	return (k ^ uint64(n)*(1<<56|1)) * 0x9E3779B97F4A7C15
}

// newFactTable builds the table of m's entries (nil values are left out); the
// values are copied into it.
func newFactTable[V any](m map[string]*V) factTable[V] {
	n, size := 0, 0
	for k, v := range m {
		if v != nil {
			n++
			size += max(0, len(k)-8)
		}
	}
	logSize := bits.Len(uint(n)) + 1
	t := factTable[V]{slots: make([]factSlot, 1<<logSize), entries: make([]factEntry[V], 0, n), shift: uint(64 - logSize)}
	tails := make([]byte, 0, size)
	for k, v := range m {
		if v == nil {
			continue
		}
		head := keyHead(k)
		i := t.slot(keyHash(head, len(k)))
		for t.slots[i].n != 0 {
			i = (i + 1) & (len(t.slots) - 1)
		}
		t.slots[i] = factSlot{k: head, n: uint32(len(k)) + 1, e: uint32(len(t.entries))}
		t.entries = append(t.entries, factEntry[V]{v: *v, tail: uint32(len(tails))})
		if len(k) > 8 {
			tails = append(tails, k[8:]...)
		}
	}
	t.tails = string(tails)
	return t
}

// slot is where the probe for hash h starts.
func (t *factTable[V]) slot(h uint64) int { return int(h >> t.shift) }

// get returns the value of key k, nil when the table has none.
func (t *factTable[V]) get(k string) *V {
	if e := t.find(k); e >= 0 {
		return &t.entries[e].v
	}
	return nil
}

// find returns the index in entries of key k, -1 when the table has none.
func (t *factTable[V]) find(k string) int32 { return t.findHead(k, keyHead(k)) }

// findHead is find of key k whose keyHead is head: analyze has it from the
// word's, without reading the key again (stemHeadOf).
func (t *factTable[V]) findHead(k string, head uint64) int32 {
	if len(t.slots) == 0 {
		return -1
	}
	n := uint32(len(k)) + 1
	for i := t.slot(keyHash(head, len(k))); ; i = (i + 1) & (len(t.slots) - 1) {
		s := &t.slots[i]
		if s.n == 0 {
			return -1
		}
		if s.k == head && s.n == n {
			e := &t.entries[s.e]
			if len(k) <= 8 || t.tails[e.tail:e.tail+n-9] == k[8:] {
				return int32(s.e)
			}
		}
	}
}
