package contradiction

import (
	"hash/maphash"
	"slices"
	"testing"
	"time"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// TestCannotLinkSound checks what the Index relies on: no pair cannotLink
// rejects would be linked by compareShared. Every ordered pair of a few
// hundred statements (with every kind of cue, the seed sentences, synthetic
// claims) is compared in full under several speakers, types, hedgings and
// articles; the test also makes sure many pairs are rejected and many linked,
// so it proves something either way. For every pair rejected, it also checks
// the proof's steps: no alignment, and no cue or a weighted sum below zLink.
func TestCannotLinkSound(t *testing.T) {
	c := newClassifier(t)
	texts := []string{
		"The border crossing is open.", "The border crossing is not open.", "The border crossing is closed.",
		"The border crossing was previously closed.", "The border crossing is open to trucks.",
		"Three soldiers were killed in the attack.", "Five soldiers were killed in the attack.",
		"The ministry confirmed the report about the deal.", "The ministry denied the report about the deal.",
		"Contact between the United States and Russia has been frequent.", "Contact between Washington and Moscow has been rare.",
		"There is no line of communication between Washington and Moscow.",
		"Washington and Moscow agreed to reopen the line of communication.", "No formal line of communication exists.",
		"There is no formal line of communication.", "The minister attended the summit.", "The minister didn't attend the summit.",
		"The FBI told us they found traces of explosives at the crash sites near the airport.", "The FBI never found explosives.",
		"Thatcher became the second woman to lead a major party.", "Thatcher was not the first woman to lead a major party.",
		"The grant has helped twenty-five students so far.", "So far, twenty five students have been helped by the grant.",
		"The agencies started a teleconference before 9:30.", "The agencies had started a teleconference before 10:00.",
		"Russia and the United States resumed talks in May 2024.", "Russia and the United States did not resume talks in June 2023.",
		"The parliament rejected the budget on Monday.", "The parliament approved the budget on Friday.",
		"Prices rose sharply in 2019.", "Prices fell sharply in 2021.", "",
	}
	for _, cl := range syntheticClaims(150) {
		texts = append(texts, cl.Text)
	}
	if seeds, err := seedTexts(); err == nil {
		texts = append(texts, seeds...)
	}
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	sides := [][2]Statement{
		{{}, {}},
		{{Article: "x", Type: claim.TypeFact}, {Article: "y", Type: claim.TypeFact, Speaker: "Sergei Lavrov"}},
		{{Article: "x", Type: claim.TypeEvent, Published: day}, {Article: "x", Type: claim.TypeOpinion, Hedging: 0.3, Published: day.AddDate(0, 1, 0)}},
	}
	ix := c.NewIndex()
	an := make([]*analysis, len(texts))
	hot := make([]hotItem, len(texts))
	for i, text := range texts {
		an[i] = c.lx.analyze(text)
		hot[i] = hotOf(c.lx, &indexed{st: Statement{Text: text, Type: claim.TypeFact}, an: an[i]}, ix.textSeed, actorRuns(an[i]))
	}
	rejected, negRejected, bounded, linked, pairs := 0, 0, 0, 0, 0
	var sgBuf [64]sharedGroup
	for b := range texts {
		ix.ants.mark(c.lx, an[b])
		for a := range texts {
			sg := sharedGroups(an[a], an[b], sgBuf[:0])
			no := ix.cannotLink(&hot[a], &hot[b], countShared(an[a], an[b], sg), an[a], an[b], sg)
			if no {
				// each step of the proof: no proposition aligns, and the
				// weighted sum stays below zLink unless no cue fires
				if _, ok := align(an[a], an[b], sg); ok {
					t.Fatalf("%q / %q: cannotLink, but they align", texts[a], texts[b])
				}
				f, ev := features(c.lx, an[a], an[b], sg, false)
				z := 0.0
				for i, v := range f {
					z += c.w.Values[i] * v
				}
				cue := groupFired(fNegHigh, &ev) || groupFired(fAntonym, &ev) || groupFired(fNumeric, &ev)
				if cue && z >= ix.zLink {
					t.Fatalf("%q / %q: cannotLink, but a cue fired and z = %v >= %v", texts[a], texts[b], z, ix.zLink)
				}
				if cue {
					bounded++
				}
			}
			for _, s := range sides {
				sa, sb := s[0], s[1]
				sa.Text, sb.Text = texts[a], texts[b]
				v := c.compareShared(&sa, an[a], &sb, an[b], sg)
				pairs++
				if v.Linked() {
					linked++
					if no {
						t.Fatalf("%q / %q (%+v, %+v): cannotLink, but linked %v %v", texts[a], texts[b], sa, sb, v.Relation, v.Reason)
					}
				}
				if no {
					rejected++
					if an[a].negative() != an[b].negative() {
						negRejected++
					}
				}
			}
		}
	}
	t.Logf("%d comparisons: %d rejected (%d with a one-sided negation), %d of %d text pairs with a cue rejected by the score bound, %d linked",
		pairs, rejected, negRejected, bounded, len(texts)*len(texts), linked)
	if rejected < pairs/4 || negRejected < pairs/20 || bounded < len(texts)*len(texts)/20 || linked < 100 {
		t.Errorf("%d pairs: only %d rejected (%d negated) and %d linked; the test proves little", pairs, rejected, negRejected, linked)
	}
}

// TestAntonymsSymmetric checks what cannotLink's antonym test relies on: y is
// among antonymsOf(x) exactly when x is among antonymsOf(y).
func TestAntonymsSymmetric(t *testing.T) {
	c := newClassifier(t)
	lx := c.lx
	n := int32(len(lx.antFrom) - 2)
	if n < 1000 {
		t.Fatalf("only %d antonym numbers", n)
	}
	for x := int32(1); x <= n; x++ {
		for _, y := range lx.antonymsOf(x) {
			if y < 1 || y > n || !slices.Contains(lx.antonymsOf(y), x) {
				t.Fatalf("%d has antonym %d, which does not have it", x, y)
			}
		}
	}
}

// TestHotOf checks the hot item's fields against the analysis they summarise.
func TestHotOf(t *testing.T) {
	c := newClassifier(t)
	seed := maphash.MakeSeed()
	for _, tc := range []struct {
		text  string
		typ   claim.Type
		flags uint16
	}{
		{"The FBI never found explosives.", claim.TypeFact, hotProp | hotNeg | hotFlat},
		{"The border crossing may be open.", claim.TypeFact, hotProp | hotHedge},
		{"Moscow told Washington that President Biden lied.", claim.TypeFact, hotProp},
		{"The border crossing is open.", claim.TypeFact, hotProp},
		{"The border crossing is not open.", claim.TypeFact, hotProp | hotNeg},
		{"Editor's note", claim.TypeNotProposition, 0},
		{"Three soldiers were killed in 2019.", claim.TypeEvent, hotProp | hotNums | hotDates},
		{"The ministry confirmed the report.", claim.TypeFact, hotProp | hotStancePos},
		{"The ministry denied the report.", claim.TypeFact, hotProp | hotStanceNeg},
	} {
		an := c.lx.analyze(tc.text)
		h := hotOf(c.lx, &indexed{st: Statement{Text: tc.text, Type: tc.typ}, an: an}, seed, actorRuns(an))
		if got := h.flags &^ hotAntsMore; got != tc.flags {
			t.Errorf("%q: flags %b, want %b", tc.text, got, tc.flags)
		}
		if h.textHash != uint32(maphash.String(seed, tc.text)) || int(h.nKeys) != an.nKeys || int(h.nTerms) != len(an.terms) {
			t.Errorf("%q: text hash %x, %d keys, %d terms", tc.text, h.textHash, h.nKeys, h.nTerms)
		}
		actors := 0
		for g := 0; g < len(an.terms); g = int(an.terms[g].runEnd) {
			if an.terms[g].entity || an.terms[g].name {
				actors++
			}
		}
		if int(h.nActors) != actors {
			t.Errorf("%q: %d actor runs, want %d", tc.text, h.nActors, actors)
		}
		var ants []uint16
		for _, x := range an.ants {
			ants = append(ants, uint16(x.ant))
		}
		if more := h.flags&hotAntsMore != 0; more != (len(ants) > hotAnts) || !slices.Equal(h.ants[:h.nAnts], ants[:min(len(ants), hotAnts)]) {
			t.Errorf("%q: ants %v (more %v), analysis %v", tc.text, h.ants[:h.nAnts], more, ants)
		}
	}
}

// actorRuns counts the runs of an whose first term is an entity or a name,
// what keyNumbers counts for hotOf (hotItem.nActors), by walking the runs.
func actorRuns(an *analysis) int {
	n := 0
	for g := 0; g < len(an.terms); g = int(an.terms[g].runEnd) {
		if t := &an.terms[g]; t.entity || t.name {
			n++
		}
	}
	return n
}
