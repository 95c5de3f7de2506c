package claimtype

// wordTable holds the single words of words.tsv with their class masks in an
// open-addressing table keyed by FNV-1a of the lowered word: wordsOf hashes a
// word while it reads it, so the lookup costs one probe and one comparison, no
// second pass over the word as a map's hash would take.
type wordTable struct {
	slots []wordSlot // a power of two long, at most half full; empty: word ""
}

type wordSlot struct {
	word string
	hash uint64
	mask uint32
}

// FNV-1a constants.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnv is FNV-1a of w.
func fnv(w string) uint64 {
	h := uint64(fnvOffset)
	for k := 0; k < len(w); k++ {
		h = (h ^ uint64(w[k])) * fnvPrime
	}
	return h
}

// newWordTable builds the table of words.
func newWordTable(words map[string]uint32) wordTable {
	n := 16
	for n < 2*len(words) {
		n *= 2
	}
	t := wordTable{slots: make([]wordSlot, n)}
	mask := uint64(n - 1)
	for w, m := range words {
		h := fnv(w)
		k := spread(h) & mask
		for t.slots[k].word != "" {
			k = (k + 1) & mask
		}
		t.slots[k] = wordSlot{word: w, hash: h, mask: m}
	}
	return t
}

// spread mixes the hash's high bits into the low ones the table indexes by.
func spread(h uint64) uint64 { return h ^ h>>29 ^ h>>47 }

// get is the class mask of w, whose fnv is h (0 for an unknown word).
func (t *wordTable) get(w string, h uint64) uint32 {
	mask := uint64(len(t.slots) - 1)
	for k := spread(h) & mask; ; k = (k + 1) & mask {
		s := &t.slots[k]
		if s.word == "" {
			return 0
		}
		if s.hash == h && s.word == w {
			return s.mask
		}
	}
}

// getBytes is get for a word held in a byte slice (no string is made).
func (t *wordTable) getBytes(w []byte, h uint64) uint32 {
	mask := uint64(len(t.slots) - 1)
	for k := spread(h) & mask; ; k = (k + 1) & mask {
		s := &t.slots[k]
		if s.word == "" {
			return 0
		}
		if s.hash == h && s.word == string(w) {
			return s.mask
		}
	}
}
