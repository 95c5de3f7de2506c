package contradiction

import "slices"

// buildAntonymIDs numbers every stem of the antonym list (1, 2, …; 0 is "no
// antonyms") and fills lx.antOf with each stem's antonyms as numbers, in the
// list's order. A term carries its stem's number (term.ant), so comparing a pair
// looks antonyms up by slice index and matches them by integer instead of probing
// lx.antonyms per word and building a map of the other side's stems per pair
// (that was half of features' time over a batch).
func (lx *lexicon) buildAntonymIDs() {
	stems := make([]string, 0, len(lx.antonyms))
	for s, ants := range lx.antonyms {
		stems = append(stems, s)
		stems = append(stems, ants...)
	}
	slices.Sort(stems)
	stems = slices.Compact(stems)
	lx.antID = make(map[string]int32, len(stems))
	lx.antOf = make([][]int32, len(stems)+1)
	for i, s := range stems {
		lx.antID[s] = int32(i + 1)
	}
	for s, ants := range lx.antonyms {
		if len(ants) == 0 {
			continue
		}
		ids := make([]int32, len(ants))
		for k, y := range ants {
			ids[k] = lx.antID[y]
		}
		lx.antOf[lx.antID[s]] = ids
	}
}

// antonymsOf is the antonym numbers of the stem numbered id (nil for 0).
func (lx *lexicon) antonymsOf(id int32) []int32 { return lx.antOf[id] }
