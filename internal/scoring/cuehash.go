package scoring

// Fixed parts of a phrase's context features (cueFinder.features) whose
// hashes each phrase keeps (phrase.fixed): a feature head followed by a
// constant, or by the constant before a word of the context.
const (
	fixFormPrev    = iota // form head + "|p="
	fixFormNext           // form head + "|n="
	fixClassPrev          // class head + "|p="
	fixClassNext          // class head + "|n="
	fixFormFirst          // form head + "|first"
	fixFormCap            // form head + "|cap"
	fixFormNum            // form head + "|nnum"
	fixFormNeg            // form head + "|neg"
	fixClassNeg           // class head + "|neg"
	fixFormNextNeg        // form head + "|nextneg"
	numFixed
)

// fixedHashes are the hashes of p's fixed feature parts, from its head hashes.
func fixedHashes(p *phrase) [numFixed]uint64 {
	f, c := p.headHash[headForm], p.headHash[headClass]
	return [numFixed]uint64{
		fixFormPrev:    fnvString(f, "|p="),
		fixFormNext:    fnvString(f, "|n="),
		fixClassPrev:   fnvString(c, "|p="),
		fixClassNext:   fnvString(c, "|n="),
		fixFormFirst:   fnvString(f, "|first"),
		fixFormCap:     fnvString(f, "|cap"),
		fixFormNum:     fnvString(f, "|nnum"),
		fixFormNeg:     fnvString(f, "|neg"),
		fixClassNeg:    fnvString(c, "|neg"),
		fixFormNextNeg: fnvString(f, "|nextneg"),
	}
}

// featureHashes writes the hashes of the context features of c, as
// cueFinder.features lists them and in its order, into out and returns how
// many: the scorer's way to them, which hashes only the context words (the
// rest of each feature is hashed once per phrase, and "|n=next" once for the
// two features it opens) instead of building each feature's parts and
// hashing them all. TestFeatureHashesMatchFeatures holds the two together.
func featureHashes(toks []token, c candidate, out *[maxCueFeats]uint64) int {
	p := c.p
	prev, next, next2, negBefore, negAfter := cueContext(toks, c)
	formNext := fnvString(p.fixed[fixFormNext], next)
	out[0] = p.headHash[headForm]
	out[1] = p.headHash[headClass]
	out[2] = fnvString(p.fixed[fixFormPrev], prev)
	out[3] = formNext
	out[4] = fnvString(fnvString(formNext, "_"), next2)
	out[5] = fnvString(p.fixed[fixClassPrev], prev)
	out[6] = fnvString(p.fixed[fixClassNext], next)
	out[7] = p.headHash[headStem]
	n := 8
	if c.i == 0 {
		out[n] = p.fixed[fixFormFirst]
		n++
	} else if toks[c.i].Upper {
		out[n] = p.fixed[fixFormCap]
		n++
	}
	if c.j < len(toks) && toks[c.j].Digit {
		out[n] = p.fixed[fixFormNum]
		n++
	}
	if negBefore {
		out[n], out[n+1] = p.fixed[fixFormNeg], p.fixed[fixClassNeg]
		n += 2
	}
	if negAfter {
		out[n] = p.fixed[fixFormNextNeg]
		n++
	}
	return n
}
