package tokens

import "sort"

// Within returns the tokens of toks (the tokens of a whole text, in order) that
// lie inside the byte range [start, end) of that text, and whether the range cuts
// no token: no token straddles either edge and neither edge falls between a verb
// and its split-off "n't". When ok, they are exactly the tokens Append gives for
// text[start:end] alone, offsets shifted by start: a stage can take a sentence's
// or a claim's tokens from the article's instead of tokenising it again. When not
// ok, the caller tokenises the range itself.
func Within(toks []Token, start, end int) ([]Token, bool) {
	i := sort.Search(len(toks), func(k int) bool { return toks[k].End > start })
	if i < len(toks) && toks[i].Start < start || joined(toks, i) {
		return nil, false
	}
	j := i
	for j < len(toks) && toks[j].End <= end {
		j++
	}
	if j < len(toks) && toks[j].Start < end || joined(toks, j) {
		return nil, false
	}
	return toks[i:j], true
}

// joined reports whether toks[k-1] and toks[k] are the two halves of one written
// word ("could" + "n't"): two word tokens with nothing between them. Append never
// puts two words side by side otherwise; a word ends where a non-word rune starts.
func joined(toks []Token, k int) bool {
	return k > 0 && k < len(toks) && toks[k-1].Word && toks[k].Word && toks[k-1].End == toks[k].Start
}

// WithinAt is Within for a caller that has found the range's tokens itself:
// i is the index of the first token starting at or after start and j that of
// the first token from i on ending after end (so toks[i:j] are the tokens
// inside the range). It reports whether Within(toks, start, end) is ok, in
// which case it gives exactly toks[i:j]; it costs no search.
func WithinAt(toks []Token, i, j, start, end int) bool {
	if i > 0 && toks[i-1].End > start || joined(toks, i) {
		return false // the token before i straddles start, or i splits a word
	}
	return !(j < len(toks) && toks[j].Start < end || joined(toks, j))
}
