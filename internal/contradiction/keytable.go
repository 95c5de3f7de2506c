package contradiction

import "hash/maphash"

// keyTable numbers an Index's blocking keys: 0, 1, 2, … in the order they are
// first seen. It replaces a map[string]int32 on the path every claim of every
// index takes, because numbering a key not seen before cost a map look-up and
// then an assignment (two hashes and two probes); here one hash and one probe
// sequence either find the key or claim the empty slot it stopped at. Open
// addressing, linear probing, at most half full; a slot holds the key's
// number and the high half of its hash (so most probes of other keys fail
// without reading them), the key itself is keys[number].
type keyTable struct {
	seed  maphash.Seed
	slots []keySlot // len is a power of two; a zero slot is empty
	keys  []string  // by number
}

// keySlot is one slot of a keyTable: the key's number plus one (0: empty) and
// the high 32 bits of its hash.
type keySlot struct {
	num int32
	tag uint32
}

// newKeyTable returns a table with room for about n keys before it grows.
func newKeyTable(n int) keyTable {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return keyTable{seed: maphash.MakeSeed(), slots: make([]keySlot, size), keys: make([]string, 0, n)}
}

// number returns k's number, numbering it len(keys) if it is new (isNew).
func (kt *keyTable) number(k string) (n int32, isNew bool) {
	h := maphash.String(kt.seed, k)
	tag, mask := uint32(h>>32), uint64(len(kt.slots)-1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &kt.slots[i]
		if s.num == 0 {
			n = int32(len(kt.keys))
			kt.keys = append(kt.keys, k)
			*s = keySlot{num: n + 1, tag: tag}
			if 2*len(kt.keys) > len(kt.slots) {
				kt.grow()
			}
			return n, true
		}
		if s.tag == tag && kt.keys[s.num-1] == k {
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
		h := maphash.String(kt.seed, k)
		i := h & mask
		for slots[i].num != 0 {
			i = (i + 1) & mask
		}
		slots[i] = keySlot{num: int32(n + 1), tag: uint32(h >> 32)}
	}
	kt.slots = slots
}
