package contradiction

// buildAntonymIDs numbers every stem of the antonym list (1, 2, … in the
// list's order; 0 is "no antonyms") and fills lx.antOf with each stem's
// antonyms as numbers, in the list's order. A term carries its stem's number (term.ant), so comparing a pair
// looks antonyms up by slice index and matches them by integer instead of probing
// lx.antonyms per word and building a map of the other side's stems per pair
// (that was half of features' time over a batch).
func (lx *lexicon) buildAntonymIDs() {
	// The stems are numbered in the order the list first names them
	// (addAntonym records it): every antonym is a key too, as pairs are added
	// in both directions and removeAntonym drops values, never keys. The
	// numbers are only compared for equality, so any fixed order serves, and
	// this one needs no sort at start-up.
	stems := lx.antStems
	lx.antStems = nil
	lx.antID = make(map[string]int32, len(stems))
	for i, s := range stems {
		lx.antID[s] = int32(i + 1)
	}
	// One flat list, stem after stem in number order, and where each stem's
	// part starts: a pair's antonym test reads two dense arrays, not a slice
	// header per stem and a small allocation behind each.
	lx.antFrom = make([]int32, len(stems)+2)
	lx.antOf = lx.antOf[:0]
	for id := 1; id <= len(stems); id++ {
		lx.antFrom[id] = int32(len(lx.antOf))
		for _, y := range lx.antonyms[stems[id-1]] {
			lx.antOf = append(lx.antOf, lx.antID[y])
		}
	}
	lx.antFrom[len(stems)+1] = int32(len(lx.antOf))
}

// antonymsOf is the antonym numbers of the stem numbered id (nil for 0).
func (lx *lexicon) antonymsOf(id int32) []int32 {
	if id == 0 {
		return nil
	}
	return lx.antOf[lx.antFrom[id]:lx.antFrom[id+1]]
}
