package scoring

// wordTable is every lexicon word the scorer looks a token up for — its
// check-worthiness classes, the cue phrases it starts (or that it is a
// negator) and its claim-type classes (claimtype.Typer.WordMasks) — in one open-addressing table keyed by the word's FNV-1a hash,
// the hash the check-worthiness n-gram features need anyway. A token is hashed
// once and probed once per sentence (lookup), instead of hashed and probed by
// each of the cue finder, the check-worthiness features and the claim typer.
type wordTable struct {
	slots []wordSlot // a power of two long, at most half full
	// firsts are the cue finder's entries, numbered from 1 (firsts[0] is
	// nil): slots and tokInfo hold an entry's number, not a pointer, so
	// writing a token's tokInfo needs no write barrier and the collector
	// never scans them.
	firsts []*firstEntry
}

// wordSlot is one word of the table; an empty slot has word "".
type wordSlot struct {
	word  string
	hash  uint64
	cls   uint32 // checkworthy-lexicon.tsv classes
	typ   uint32 // claimtype word mask
	first uint32 // cue phrases the word starts: their number in firsts, 0 for none
}

// tokInfo is what the table says of one token: its check-worthiness classes
// and the cue phrases it starts (its word hash is the token's own Hash). Its
// claimtype word mask is kept apart (lookup's types), in the form
// claimtype.Typer.ClassifyTokens takes, so a claim's masks need no copy.
type tokInfo struct {
	cls   uint32
	first uint32 // the entry's number in wordTable.firsts, 0 for none
}

// newWordTable joins the check-worthiness classes and the claimtype word masks
// (nil: none) and the cue finder's first words.
func newWordTable(classes, types map[string]uint32, byFirst map[string]*firstEntry) *wordTable {
	n := 16
	for n < 2*(len(classes)+len(types)+len(byFirst)) {
		n *= 2
	}
	t := &wordTable{slots: make([]wordSlot, n), firsts: make([]*firstEntry, 1, 1+len(byFirst))}
	for w, c := range classes {
		t.slot(w).cls = c
	}
	for w, m := range types {
		t.slot(w).typ = m
	}
	for w, e := range byFirst {
		t.firsts = append(t.firsts, e)
		t.slot(w).first = uint32(len(t.firsts) - 1)
	}
	return t
}

// slot returns w's slot, claiming an empty one for a new word.
func (t *wordTable) slot(w string) *wordSlot {
	h := wordHash(w)
	mask := uint64(len(t.slots) - 1)
	for k := spread(h) & mask; ; k = (k + 1) & mask {
		s := &t.slots[k]
		if s.word == "" {
			s.word, s.hash = w, h
			return s
		}
		if s.hash == h && s.word == w {
			return s
		}
	}
}

// get returns the slot of w (whose wordHash is h), or nil.
func (t *wordTable) get(w string, h uint64) *wordSlot {
	mask := uint64(len(t.slots) - 1)
	for k := spread(h) & mask; ; k = (k + 1) & mask {
		s := &t.slots[k]
		if s.word == "" {
			return nil
		}
		if s.hash == h && sameWord(s.word, w) {
			return s
		}
	}
}

// sameWord is a == b compared byte by byte in the loop that calls it: the
// words a found hash leaves to compare are short, and runtime.memequal's
// call costs more than their bytes.
func sameWord(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for k := 0; k < len(a); k++ {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// lookup writes the tokInfo of every token into dst and its claimtype word
// mask into types (both reused) and returns them; the tokens are tokens.Append's,
// whose Hash is wordHash of Lower. The entries are written
// field by field in place: a tokInfo built apart and then copied in costs a
// stall per token (the copy reads what was just stored).
func (t *wordTable) lookup(toks []token, dst []tokInfo, types []uint32) ([]tokInfo, []uint32) {
	if cap(dst) < len(toks) {
		dst = make([]tokInfo, len(toks), len(toks)+len(toks)/2)
	}
	if cap(types) < len(toks) {
		types = make([]uint32, len(toks), len(toks)+len(toks)/2)
	}
	dst, types = dst[:len(toks)], types[:len(toks)]
	slots, mask := t.slots, uint64(len(t.slots)-1)
	for k := range toks {
		w, h := toks[k].Lower, toks[k].Hash // wordHash(w), taken by tokens
		in := &dst[k]
		in.cls, in.first, types[k] = 0, 0, 0
		for p := spread(h) & mask; ; p = (p + 1) & mask { // get, written out here
			s := &slots[p]
			if s.word == "" {
				break
			}
			if s.hash == h && sameWord(s.word, w) {
				in.cls, in.first, types[k] = s.cls, s.first, s.typ
				break
			}
		}
	}
	return dst, types
}

// spread folds the hash's high bits into the low ones the table indexes by
// (cheaper than mix64; the table only needs its probes spread).
func spread(h uint64) uint64 { return h ^ h>>29 ^ h>>47 }
