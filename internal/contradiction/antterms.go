package contradiction

// antTerm is a term whose stem the antonym list numbers: its index in the
// analysis' terms and the number (term.ant).
type antTerm struct{ i, ant int32 }

// antTerms lists the terms with an antonym number, in order, or nil when none
// has one. Comparing a pair reads this short list of each side instead of
// walking every term of an earlier claim (whose terms are cold in the cache)
// to find the few the antonym test can use.
func antTerms(terms []term) []antTerm {
	n := 0
	for i := range terms {
		if terms[i].ant != 0 {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]antTerm, 0, n)
	for i := range terms {
		if terms[i].ant != 0 {
			out = append(out, antTerm{int32(i), terms[i].ant})
		}
	}
	return out
}
