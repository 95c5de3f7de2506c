package contradiction

// Proposition alignment: two claims from different reports rarely share enough
// words to compare as one sentence pair, but when both name the same two or more
// actors and one concept next to them ("contact between the United States and
// Russia", "line of communication between Moscow and Washington"), they speak of
// one proposition. Each side then takes a stance on it: it asserts the concept,
// denies it (a negator or negative quantifier governs it: "no … line", "contact …
// is rare"), or reports a change of it ("agreed to reopen … channels"). Opposite
// stances are a dispute, a change against a state an update, the same stance in
// two reports an agreement. The stance is read where the concept stands, so a
// negation elsewhere in the sentence ("direct contact … does not imply a shift")
// leaves the concept asserted.

// Stances of a claim toward a proposition.
const (
	stanceDenies  = -1
	stanceChange  = 0
	stanceAsserts = 1
)

// changeBefore and changeAfter are how far a change cue may stand before ("reopen
// military communication channels") or after ("channels were restored") the
// concept it changes.
const (
	changeBefore = 4
	changeAfter  = 3
)

// sideStance is one claim's stance on the shared proposition and where it is read.
type sideStance struct {
	stance  int
	concept int // token index of the concept word
	cue     int // token index of the negator, quantifier or change cue; -1 when asserting
	quant   bool
	pred    bool // the cue is predicative ("contact … is rare")
	// direct marks a cue that bears on the concept itself ("no direct, formal line
	// of communication", "contact … is rare"), not on a phrase around it ("little
	// interest in engaging Russia in dialogue"): agreements need it on both sides.
	direct bool
}

// proposition is what two claims share: a concept next to the same actors.
type proposition struct {
	key      string
	a, b     sideStance
	entities int     // shared named entities
	listed   int     // of which the alias list names (the rest are capitalised names)
	overlap  float64 // shared keys over the keys of the side with fewer
}

// align finds the proposition two analysed claims share, if any. sg is the keys
// they share (sharedGroups).
func align(a, b *analysis, sg []sharedGroup) (proposition, bool) {
	var p proposition
	// The shared keys that name actors (entities: the alias list's entities, and
	// capitalised names inside both sentences, "Calais", "Dover", that it does not
	// list) and those that name concepts, as indices into sg.
	var entBuf, conBuf [16]int32
	ents, concepts := entBuf[:0], conBuf[:0]
	for k, s := range sg {
		x, y := &a.terms[s.a], &b.terms[s.b]
		if x.entity || x.name && y.name {
			ents = append(ents, int32(k))
			if x.entity {
				p.listed++
			}
		} else {
			concepts = append(concepts, int32(k))
		}
	}
	if len(ents) < 2 || len(concepts) == 0 {
		return p, false
	}
	best := -1
	for _, k := range concepts {
		pa, da := nearestToEntity(a, sg[k].a, sg, ents, true)
		pb, db := nearestToEntity(b, sg[k].b, sg, ents, false)
		if pa < 0 || pb < 0 {
			continue
		}
		if best < 0 || da+db < best {
			best = da + db
			p.key = a.terms[sg[k].a].key
			p.a, p.b = stanceAt(a, pa), stanceAt(b, pb)
		}
	}
	if best < 0 {
		return p, false
	}
	p.entities = len(ents)
	p.overlap = float64(len(sg)) / float64(max(1, min(a.nKeys, b.nKeys)))
	return p, true
}

// nearestToEntity returns the token index of the term of the run starting at g
// that stands closest to a shared entity in its clause (within entityWindow) and
// that distance; -1 when none does. The shared entities are the runs sg[ents] of
// side a (ofA) or b.
func nearestToEntity(an *analysis, g int32, sg []sharedGroup, ents []int32, ofA bool) (int, int) {
	pos, dist := -1, 0
	for ti := range an.run(g) {
		t := &an.terms[int(g)+ti]
		if t.name {
			continue
		}
		for _, k := range ents {
			eg := sg[k].b
			if ofA {
				eg = sg[k].a
			}
			for ei := range an.run(eg) {
				e := &an.terms[int(eg)+ei]
				if !(e.entity || e.name) || an.clause[e.pos] != an.clause[t.pos] {
					continue
				}
				if d := abs(e.pos - t.pos); d <= entityWindow && (pos < 0 || d < dist) {
					pos, dist = t.pos, d
				}
			}
		}
	}
	return pos, dist
}

// stanceAt reads the stance a claim takes on the concept at token pos: denied when
// a negator or negative quantifier governs it, changed when a change cue does (and
// no negation governs that cue: "has not reopened" denies), asserted otherwise.
func stanceAt(an *analysis, pos int) sideStance {
	for _, ch := range an.changes {
		if an.clause[ch.pos] != an.clause[pos] {
			continue
		}
		if d := pos - ch.pos; (d > 0 && d <= changeBefore) || (d < 0 && -d <= changeAfter) {
			if c, ok := governing(an, ch.pos); ok {
				return sideStance{stance: stanceDenies, concept: pos, cue: c.pos, quant: isQuantity(an, c), pred: c.pred, direct: direct(an, c.pos, pos)}
			}
			return sideStance{stance: stanceChange, concept: pos, cue: ch.pos, direct: direct(an, ch.pos, pos)}
		}
	}
	if c, ok := governing(an, pos); ok {
		return sideStance{stance: stanceDenies, concept: pos, cue: c.pos, quant: isQuantity(an, c), pred: c.pred, direct: direct(an, c.pos, pos)}
	}
	return sideStance{stance: stanceAsserts, concept: pos, cue: -1}
}

// governing returns the polarity cue whose scope holds token pos: a negator or
// quantifier before it within objectTokens and fewer than objectTerms content
// words ("no direct, formal line"), or a predicative one after its subject
// ("contact … has been scarce").
func governing(an *analysis, pos int) (cue, bool) {
	for _, c := range an.polarityCues() {
		if an.clause[c.pos] != an.clause[pos] {
			continue
		}
		if c.pred {
			if d := c.pos - pos; d > 0 && d <= subjectTokens {
				return c, true
			}
			continue
		}
		// "limited to practical matters" restricts to them rather than denying them
		if c.pos+1 < len(an.kinds) && an.kinds[c.pos+1] == kindPrep && isQuantity(an, c) {
			continue
		}
		if d := pos - c.pos; d > 0 && d <= objectTokens && termsBetween(an, c.pos, pos) < objectTerms {
			return c, true
		}
	}
	return cue{}, false
}

func isQuantity(an *analysis, c cue) bool {
	for _, q := range an.quantities {
		if q.pos == c.pos {
			return true
		}
	}
	return false
}

// direct reports whether nothing between token positions x and y (either order)
// opens another phrase: no gerund, no preposition but "of", "between", "with", "by".
func direct(an *analysis, x, y int) bool {
	lo, hi := min(x, y), max(x, y)
	for k := lo + 1; k < hi; k++ {
		if an.kinds[k] != 0 {
			return false
		}
	}
	return true
}

// restateOverlap is the share of the shorter claim's content keys two claims must
// share for one to restate the other.
const restateOverlap = 0.5

// Restates reports whether two claims say much the same thing (half the content
// words of the shorter one, after aliases and near-synonyms, are the other's), so
// that linking a third claim to both would repeat one link.
func (c *Classifier) Restates(a, b string) bool {
	return restatesKeys(a, b, c.lx.analyze(a).keys(), c.lx.analyze(b).keys())
}

// restatesKeys is Restates given both claims' keys.
func restatesKeys(a, b string, ka, kb []string) bool {
	if len(ka) == 0 || len(kb) == 0 {
		return a == b
	}
	shared, i, j := 0, 0, 0
	for i < len(ka) && j < len(kb) {
		switch {
		case ka[i] < kb[j]:
			i++
		case ka[i] > kb[j]:
			j++
		default:
			shared++
			i++
			j++
		}
	}
	return float64(shared) >= restateOverlap*float64(min(len(ka), len(kb)))
}

// termsBetween counts content words strictly between token positions from and to.
func termsBetween(an *analysis, from, to int) int {
	n := 0
	for p := from + 1; p < to; p++ {
		if an.termAt(p) >= 0 {
			n++
		}
	}
	return n
}
