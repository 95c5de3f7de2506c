package contradiction

import (
	"math/bits"
	"math/rand/v2"
	"slices"
)

// keyTable numbers an Index's blocking keys: 0, 1, 2, … in the order they are
// first seen. It replaces a map[string]int32 on the path every claim of every
// index takes, because numbering a key not seen before cost a map look-up and
// then an assignment (two hashes and two probes); here one hash and one probe
// sequence either find the key or claim the empty slot it stopped at. Open
// addressing, linear probing, at most half full; a slot holds the key's
// number, length and first 8 bytes (term.prefix), so a probe of another key
// fails, and a key of up to 8 bytes is found, without reading the key itself
// (keys[number], whose bytes lie in the analysis of the claim that brought it:
// two more cache misses per key of every claim added, on real news a tenth of
// the linker's time). Longer keys compare the rest.
type keyTable struct {
	seeds [3]uint64 // the hash's random keys (hash); zero until the first reset
	slots []keySlot // len is a power of two; a zero slot is empty
	keys  []string  // by number
}

// keySlot is one slot of a keyTable: the key's number plus one (0: empty),
// its length and its first 8 bytes (keyPrefix).
type keySlot struct {
	prefix uint64
	num    int32
	klen   int32
}

// reset empties the table and makes room for about n keys before it grows,
// in the memory it has when that is enough (an Index reused for article after
// article: the slots are cleared, not allocated again).
func (kt *keyTable) reset(n int) {
	if kt.seeds == [3]uint64{} {
		kt.seeds = [3]uint64{rand.Uint64(), rand.Uint64(), rand.Uint64()}
	}
	size := 16
	for size < 2*n {
		size *= 2
	}
	if cap(kt.slots) >= size {
		// numbers depend on the order keys come in, not on the slots' size
		kt.slots = kt.slots[:size]
		clear(kt.slots)
	} else {
		kt.slots = make([]keySlot, size)
	}
	clear(kt.keys) // the keys' strings lie in the analyses
	kt.keys = slices.Grow(kt.keys[:0], n)
}

// number returns k's number, numbering it len(keys) if it is new (isNew).
// prefix is keyPrefix(k) (a term has it as term.prefix).
func (kt *keyTable) number(k string, prefix uint64) (n int32, isNew bool) {
	mask := uint64(len(kt.slots) - 1)
	// hash's short-key case, written out: most keys are at most 8 bytes, and
	// the call to hash (which does not inline) cost a third of its own work
	var h uint64
	if len(k) <= 8 {
		h = mix(mix(prefix^kt.seeds[0], uint64(len(k))^kt.seeds[1]), kt.seeds[2])
	} else {
		h = kt.hash(k, prefix)
	}
	for i := h & mask; ; i = (i + 1) & mask {
		s := &kt.slots[i]
		if s.num == 0 {
			n = int32(len(kt.keys))
			kt.keys = append(kt.keys, k)
			*s = keySlot{prefix: prefix, num: n + 1, klen: int32(len(k))}
			if 2*len(kt.keys) > len(kt.slots) {
				kt.grow()
			}
			return n, true
		}
		// equal lengths and first 8 bytes are equal keys of up to 8 bytes
		if s.prefix == prefix && int(s.klen) == len(k) && (len(k) <= 8 || kt.keys[s.num-1][8:] == k[8:]) {
			return s.num - 1, false
		}
	}
}

// grow doubles the slots and places every key again (hashed anew: growing
// is rare, a slot is kept small).
func (kt *keyTable) grow() {
	slots := make([]keySlot, 2*len(kt.slots))
	mask := uint64(len(slots) - 1)
	for n, k := range kt.keys {
		i := kt.hash(k, keyPrefix(k)) & mask
		for slots[i].num != 0 {
			i = (i + 1) & mask
		}
		slots[i] = keySlot{prefix: keyPrefix(k), num: int32(n + 1), klen: int32(len(k))}
	}
	kt.slots = slots
}

// hash is the slot hash of key k, whose keyPrefix is prefix: its prefix and
// length, then each further 8 bytes, folded by a multiply-mix keyed by the
// table's random seeds, and mixed once more (one mix alone leaves keys that
// differ in a few bytes bunched in the low bits). A key of up to 8 bytes,
// most of them, costs two multiplications, where maphash.String was three
// calls deep (a quarter of numbering a key). Keyed, as maphash is, so that
// the words of an article cannot be chosen to fall into one probe chain.
func (kt *keyTable) hash(k string, prefix uint64) uint64 {
	h := mix(prefix^kt.seeds[0], uint64(len(k))^kt.seeds[1])
	for i := 8; i < len(k); i += 8 {
		h = mix(h^keyHead(k[i:]), kt.seeds[1])
	}
	return mix(h, kt.seeds[2])
}

// mix is the 128-bit product of a and b folded to 64 bits (its halves
// XORed): every bit of either factor reaches the low bits a slot is picked
// by.
func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}
