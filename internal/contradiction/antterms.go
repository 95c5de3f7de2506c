package contradiction

// antTerm is a term whose stem the antonym list numbers: its index in the
// analysis' terms and the number (term.ant).
type antTerm struct{ i, ant int32 }

// antTermsInline is how many antTerms an analysis holds in itself (most
// claims have no more), so reading them costs no cache line beyond the
// analysis' own.
const antTermsInline = 6

// antTerms lists the terms with an antonym number, in order, or nil when none
// has one: in buf when they fit, else in a slice of their exact number carved
// from b.
// Comparing a pair reads this short list of each side instead of walking every
// term of an earlier claim (whose terms are cold in the cache) to find the few
// the antonym test can use.
func antTerms(terms []term, buf []antTerm, b *block[antTerm]) []antTerm {
	n := 0
	for i := range terms {
		if terms[i].ant != 0 {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := buf[:0:len(buf)]
	if n > len(buf) {
		out = b.take(n)[:0]
	}
	for i := range terms {
		if terms[i].ant != 0 {
			out = append(out, antTerm{int32(i), terms[i].ant})
		}
	}
	return out[:n:n]
}
