package contradiction

import "math/bits"

// factTable is a read-only string-keyed table of the lexicon (word → facts,
// stem → stemFacts) as one flat open-addressing array: analyze probes both for
// nearly every token, and a Go map cost about 25 ns a probe there (a quarter of
// analysing a claim). The key is hashed with FNV-1a; a slot is 8 bytes (the
// hash and the entry's number), so the stem table's slots stay in cache, and a
// probe usually ends at the first slot it reads: the entry, or an empty slot.
type factTable[V any] struct {
	slots   []factSlot // a power of two long, at most a quarter full
	entries []factEntry[V]
	keys    string // every key, concatenated; an entry names its key by offset
	shift   uint   // 32 - log2(len(slots)): the mixed hash's top bits pick the slot
}

// factSlot is one slot of a factTable: e is 1 + the entry's index, 0 for an
// empty slot; h is the FNV-1a hash of the entry's key.
type factSlot struct{ h, e uint32 }

// factEntry is one key of a factTable (keys[off:off+n]) and its value.
type factEntry[V any] struct {
	v      *V
	off, n uint32
}

// FNV-1a parameters (32 bits).
const (
	fnvOffset32 = 2166136261
	fnvPrime32  = 16777619
)

// fnv32 is the FNV-1a hash of s.
func fnv32(s string) uint32 {
	h := uint32(fnvOffset32)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * fnvPrime32
	}
	return h
}

// newFactTable builds the table of m's entries (nil values are left out).
func newFactTable[V any](m map[string]*V) factTable[V] {
	n, size := 0, 0
	for k, v := range m {
		if v != nil {
			n++
			size += len(k)
		}
	}
	logSize := bits.Len(uint(2*n)) + 1
	t := factTable[V]{slots: make([]factSlot, 1<<logSize), entries: make([]factEntry[V], 0, n), shift: uint(32 - logSize)}
	keys := make([]byte, 0, size)
	for k, v := range m {
		if v == nil {
			continue
		}
		h := fnv32(k)
		i := t.slot(h)
		for t.slots[i].e != 0 {
			i = (i + 1) & (len(t.slots) - 1)
		}
		t.entries = append(t.entries, factEntry[V]{v: v, off: uint32(len(keys)), n: uint32(len(k))})
		t.slots[i] = factSlot{h: h, e: uint32(len(t.entries))}
		keys = append(keys, k...)
	}
	t.keys = string(keys)
	return t
}

// slot is where the probe for hash h starts.
func (t *factTable[V]) slot(h uint32) int { return int((h * 0x9E3779B1) >> t.shift) }

// get returns the value of key k, nil when the table has none.
func (t *factTable[V]) get(k string) *V {
	if len(t.slots) == 0 {
		return nil
	}
	h := fnv32(k)
	for i := t.slot(h); ; i = (i + 1) & (len(t.slots) - 1) {
		s := t.slots[i]
		if s.e == 0 {
			return nil
		}
		if s.h == h {
			if e := &t.entries[s.e-1]; int(e.n) == len(k) && t.keys[e.off:e.off+e.n] == k {
				return e.v
			}
		}
	}
}
