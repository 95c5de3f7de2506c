package extractor

// Per-sentence bounds. Real sentences attribute one to three claims, whose spans
// together cover the sentence about once (twice for "A said that B said …"). A
// hostile line such as "— he said — he said — …" or "according to X, according to
// Y, …" makes a relation of every cue, each content reaching back over all the
// ones before it: the claims' text grows with the square of the sentence (32 KiB
// of input became 2 MB of claim text, and scoring and linking read all of it).
// The relations after these bounds are not claims anyone wants.
const (
	// maxClaimsPerSentence bounds the relations one sentence yields.
	maxClaimsPerSentence = 12
	// maxSentenceCover bounds the bytes of content (tails included) one sentence's
	// relations may cover together, as a multiple of the sentence's length.
	maxSentenceCover = 3
)

// boundRelations keeps the leading relations of one sentence that fit the bounds.
// A prefix is kept so a relation's srcFrom (an earlier relation of the sentence)
// stays valid.
func boundRelations(rels []relation, sentenceBytes int) []relation {
	budget := maxSentenceCover * sentenceBytes
	for i, r := range rels {
		budget -= (r.content.End - r.content.Start) + (r.tail.End - r.tail.Start)
		if i == maxClaimsPerSentence || budget < 0 {
			return rels[:i]
		}
	}
	return rels
}
