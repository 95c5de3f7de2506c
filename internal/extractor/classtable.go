package extractor

import "math/bits"

// classTable is the lexicon's word → class map as one flat open-addressing table,
// read by the tokenizer once per word (and again for "word." and a possessive's
// stem). A Go map cost about 30 ns per lookup there, a sixth of the extractor's
// CPU on ordinary articles; this table hashes the word with FNV-1a and usually
// finds it, or an empty slot, in the first 16-byte slot it reads.
type classTable struct {
	slots []classSlot // a power of two long, at most half full
	keys  string      // every key, concatenated; a slot names its key by offset
	shift uint        // 32 - log2(len(slots)): the hash's top bits pick the slot
}

// classSlot is one entry of a classTable; n == 0 marks an empty slot.
type classSlot struct {
	h      uint32 // FNV-1a hash of the key
	cls    wordClass
	off, n uint32 // the key is keys[off:off+n]
	tail   uint64 // packTail of the key: the whole key when n <= 8
}

// newClassTable builds the table of the nonzero entries of m. The empty word has
// no entry (no token is empty), so its class reads as 0.
func newClassTable(m map[string]wordClass) classTable {
	n := 0
	size := 0
	for k, c := range m {
		if k != "" && c != 0 {
			n++
			size += len(k)
		}
	}
	logSize := bits.Len(uint(2*n)) + 1 // at most a quarter full: short probe runs
	t := classTable{slots: make([]classSlot, 1<<logSize), shift: uint(32 - logSize)}
	keys := make([]byte, 0, size)
	for k, c := range m {
		if k == "" || c == 0 {
			continue
		}
		h := hashStr(fnvOffset, k)
		i := t.slot(h)
		for t.slots[i].n != 0 {
			i = (i + 1) & (len(t.slots) - 1)
		}
		t.slots[i] = classSlot{h: h, cls: c, off: uint32(len(keys)), n: uint32(len(k)), tail: packTail(k)}
		keys = append(keys, k...)
	}
	t.keys = string(keys)
	return t
}

// slot is where the probe for hash h starts.
func (t *classTable) slot(h uint32) int { return int((h * 0x9E3779B1) >> t.shift) }

// lookup returns the classes of word w (0 when it has none), w already lower-cased.
func (t *classTable) lookup(w []byte) wordClass {
	return lookupHashed(t, hashBytes(fnvOffset, w), w)
}

// lookupHashed is lookup for a word whose hash h is already known (word
// folds it while it reads the word), either as bytes or as a piece of the text.
func lookupHashed[W string | []byte](t *classTable, h uint32, w W) wordClass {
	for i := t.slot(h); ; i = (i + 1) & (len(t.slots) - 1) {
		s := &t.slots[i]
		if s.n == 0 {
			return 0
		}
		if s.h == h && int(s.n) == len(w) && t.keys[s.off:s.off+s.n] == string(w) {
			return s.cls
		}
	}
}

// packTail packs the last eight bytes of w into a number, each earlier byte eight
// bits higher. A word of at most eight bytes is told apart from every other word
// of its length by it, so lookupShort compares it instead of the bytes.
func packTail(w string) uint64 {
	var v uint64
	for i := 0; i < len(w); i++ {
		v = v<<8 | uint64(w[i])
	}
	return v
}

// lookupShort is lookup for a lower-cased word of n <= 8 bytes known by its hash
// h and packTail: word computes both while it reads the word, so the word's
// bytes are neither copied nor compared.
func (t *classTable) lookupShort(h uint32, tail uint64, n int) wordClass {
	for i := t.slot(h); ; i = (i + 1) & (len(t.slots) - 1) {
		s := &t.slots[i]
		if s.n == 0 {
			return 0
		}
		if s.h == h && s.tail == tail && int(s.n) == n {
			return s.cls
		}
	}
}
