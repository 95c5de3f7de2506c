package contradiction

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// Scores of links decided by proposition alignment (stance.go) rather than by the
// learned cue model: a base for the readable stance cue, plus a share for how much
// of the shorter claim the two have in common, tempered by hedging like every
// score. With overlap o the score is alignBase + alignOverlap·o, so a pair sharing
// little beyond the actors and the concept scores just above the threshold.
const (
	alignBase    = 0.52
	alignOverlap = 0.3
	// agreeOverlap is the overlap two claims that both assert (no negation, no
	// change) must reach to corroborate: sharing actors and a concept alone is
	// not saying the same thing.
	agreeOverlap = 0.7
	// agreeMinTerms is how many content words each of two asserting claims needs
	// before their overlap counts as saying the same thing.
	agreeMinTerms = 5
	// agreeHedge is how much the more hedged side's hedging lowers an agreement.
	agreeHedge = 0.2
)

// judgeAligned decides a pair whose claims share a proposition (same actors, one
// concept next to them) from the stance each takes on it. decided is false when
// the alignment has nothing to say and the cue model's verdict stands: the stances
// agree but the model found an antonym, number or date that may oppose them.
func (c *Classifier) judgeAligned(a *Statement, aa *analysis, b *Statement, ab *analysis, p proposition, score float64, reason claim.Reason, temper float64) (Verdict, bool) {
	polarity := reason == claim.ReasonNegation || reason == claim.ReasonQuantity || reason == claim.ReasonUnspecified
	ruleScore := (alignBase + alignOverlap*p.overlap) * temper
	if p.listed < 2 {
		// actors known only as capitalised names anchor agreements; an opposition
		// or update between them needs the cue model's own verdict
		ruleScore = 0
	}
	// hedging weakens an agreement less than an opposition: two hedged reports of
	// scarce contact still corroborate each other
	agreeScore := alignBase + alignOverlap*p.overlap - agreeHedge*max(clamp01(a.Hedging), clamp01(b.Hedging))
	v := Verdict{Score: score}
	switch {
	case p.a.stance == p.b.stance:
		if !polarity && score >= DefaultThreshold {
			return v, false
		}
		// the same stance on the proposition: a negation elsewhere is no opposition
		v.Score = min(score, DefaultThreshold*0.99)
		// one article restating itself is no corroboration, nor is one text
		// syndicated verbatim (a boilerplate editor's note) in two articles
		if (a.Article != "" && a.Article == b.Article) || !typesMayAgree(a.Type, b.Type) || sameWords(a.Text, b.Text) {
			return v, true
		}
		// two assertions corroborate only when they say much the same thing at
		// some length: sharing a topic ("private email", "Editor's note") is not
		// agreeing
		if p.a.stance == stanceAsserts && (p.overlap < agreeOverlap || min(len(aa.terms), len(ab.terms)) < agreeMinTerms) ||
			p.a.stance != stanceAsserts && !(p.a.direct && p.b.direct) {
			return v, true
		}
		if agreeScore < DefaultThreshold {
			return v, true
		}
		v.Score, v.Relation, v.Reason = agreeScore, claim.RelationAgrees, claim.ReasonSameStance
	case p.a.stance == stanceChange || p.b.stance == stanceChange:
		changer := a.Type
		if p.b.stance == stanceChange {
			changer = b.Type
		}
		if !mayReportChange(changer) || !typesMayOppose(a.Type, b.Type, claim.ReasonChangeOfState, nil) {
			v.Score = min(score, DefaultThreshold*0.99)
			return v, true
		}
		v.Score = max(score, ruleScore)
		if v.Score < DefaultThreshold {
			return v, true
		}
		v.Relation, v.Reason = claim.RelationUpdate, claim.ReasonChangeOfState
	default: // one asserts, the other denies
		if a.Type == claim.TypeOpinion || b.Type == claim.TypeOpinion {
			if a.Type != b.Type {
				return v, false // an opinion opposes a fact only through the cue model's readable cue
			}
		}
		if !typesMayOppose(a.Type, b.Type, claim.ReasonNegation, nil) {
			v.Score = min(score, DefaultThreshold*0.99)
			return v, true
		}
		deny := p.a
		if p.b.stance == stanceDenies {
			deny = p.b
		}
		// a denial of a phrase around the concept ("little interest in engaging …
		// in dialogue") links only when the cue model finds the opposition too
		if !deny.direct {
			ruleScore = 0
		}
		v.Score = max(score, ruleScore)
		if v.Score < DefaultThreshold {
			return v, true
		}
		v.Reason = claim.ReasonNegation
		if deny.quant {
			v.Reason = claim.ReasonQuantity
		}
		v.Contradiction = true
		v.Relation = claim.RelationContradiction
		switch {
		case !a.Published.IsZero() && !b.Published.IsZero() && absDuration(a.Published.Sub(b.Published)) > updateGap:
			v.Relation = claim.RelationUpdate
		case a.Speaker != b.Speaker && (a.Speaker != "" || b.Speaker != ""):
			v.Relation = claim.RelationDispute
		}
	}
	if v.Relation == claim.RelationUpdate {
		v.Contradiction = true
	}
	v.StanceA, v.StanceB = p.a.claimStance(), p.b.claimStance()
	pa, spa := quote(a.Text, aa, p.a)
	pb, spb := quote(b.Text, ab, p.b)
	v.EvidenceA, v.EvidenceB = spa, spb
	v.DatesA, v.DatesB = datesOf(a.Text, aa), datesOf(b.Text, ab)
	v.Explanation = explainAligned(a, b, p, pa, pb, v.Relation)
	return v, true
}

// explainAligned words an aligned link from the claims' own words: `Sergei
// Ryabkov says "no direct, formal line of communication"; the article says
// "maintaining open lines of communication"`.
func explainAligned(a, b *Statement, p proposition, pa, pb string, rel claim.Relation) string {
	sa, sb := speakerName(a.Speaker), speakerName(b.Speaker)
	if a.Article == "" && b.Article == "" { // bare statements (CompareClaims)
		if a.Speaker == "" {
			sa = "the first statement"
		}
		if b.Speaker == "" {
			sb = "the second statement"
		}
	}
	verb := func(s sideStance) string {
		if s.stance == stanceChange {
			return "reports a change"
		}
		return "says"
	}
	var out string
	switch rel {
	case claim.RelationAgrees:
		out = fmt.Sprintf("%s says %q; %s also says %q", sa, pa, sb, pb)
	default:
		out = fmt.Sprintf("%s %s: %q; %s %s: %q", sa, verb(p.a), pa, sb, verb(p.b), pb)
		if p.a.stance != stanceChange && p.b.stance != stanceChange {
			out = fmt.Sprintf("%s says %q; %s says %q", sa, pa, sb, pb)
		}
	}
	if !a.Published.IsZero() && !b.Published.IsZero() && absDuration(a.Published.Sub(b.Published)) > updateGap {
		out += fmt.Sprintf(" (published %s apart)", roundDays(a.Published.Sub(b.Published)))
	}
	return capitalize(out)
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// typesMayOppose says whether claims of these types can oppose each other with
// this reason (ev, when given, is the cue model's evidence): a prediction or a
// recommendation opposes only another of its kind ("talks will resume" against
// "there are no talks" speaks of two times), and an opinion opposes a claim of
// another type only through a negation of the very word the other asserts, or an
// antonym.
func typesMayOppose(ta, tb claim.Type, reason claim.Reason, ev *evidence) bool {
	modal := func(t claim.Type) bool { return t == claim.TypePrediction || t == claim.TypeRecommendation }
	if modal(ta) || modal(tb) {
		return ta == tb || ta == claim.TypeUnspecified || tb == claim.TypeUnspecified
	}
	if (ta == claim.TypeOpinion) != (tb == claim.TypeOpinion) && ta != claim.TypeUnspecified && tb != claim.TypeUnspecified {
		if ev == nil {
			return false
		}
		return reason == claim.ReasonAntonym || reason == claim.ReasonOpposingStance || (reason == claim.ReasonNegation && ev.negHead != "")
	}
	return true
}

// typesMayAgree says whether claims of these types can corroborate each other:
// facts and events with each other, every other type only with its own kind.
func typesMayAgree(ta, tb claim.Type) bool {
	family := func(t claim.Type) claim.Type {
		if t == claim.TypeEvent {
			return claim.TypeFact
		}
		return t
	}
	return ta == claim.TypeUnspecified || tb == claim.TypeUnspecified || family(ta) == family(tb)
}

// mayReportChange says whether a claim of this type can report a change that
// happened: a prediction or plan ("the path to reopening … will unfold over
// months") or a recommendation never updates a past state.
func mayReportChange(t claim.Type) bool {
	return t == claim.TypeUnspecified || t == claim.TypeEvent || t == claim.TypeFact
}

// maxPhraseTokens bounds a quoted phrase; longer stretches are quoted as the cue
// and the concept alone.
const maxPhraseTokens = 12

// quote quotes the words of a claim that carry its stance, from the original
// text: the negator through the concept ("no direct, formal line of
// communication"), the concept through a predicative cue ("formal contact between
// the United States and Russia has been scarce"), the change cue through the
// concept ("reopen military communication channels"), or the concept with its
// modifiers and actors ("direct contact between Washington and Moscow"). spans are
// the cue's and the concept's byte ranges in the text.
func quote(text string, an *analysis, s sideStance) (string, []claim.Span) {
	isTerm := func(p int) bool { return p >= 0 && p < len(an.clause) && an.termAt(p) >= 0 }
	n := len(an.clause)
	lo, hi := s.concept, s.concept
	// modifiers just before the concept ("formal contact"), and the head it
	// completes with theirs ("open lines of communication")
	modifiers := func() {
		for k := 0; k < 2 && lo-1 >= 0 && isTerm(lo-1) && an.clause[lo-1] == an.clause[s.concept] && (s.cue < 0 || lo-1 != s.cue); k++ {
			lo--
		}
	}
	modifiers()
	if lo-2 >= 0 && strings.EqualFold(word(text, an, lo-1), "of") && isTerm(lo-2) && an.clause[lo-2] == an.clause[s.concept] && (s.cue < 0 || s.cue < lo-2) {
		lo -= 2
		modifiers()
	}
	if s.cue >= 0 {
		lo, hi = min(lo, s.cue), max(hi, s.cue)
	}
	if s.cue < 0 || s.cue < s.concept {
		// "of communication", "between Washington and Moscow"
		for k := hi + 1; k < n && k <= hi+5 && an.clause[k] == an.clause[s.concept]; k++ {
			w := word(text, an, k)
			switch strings.ToLower(w) {
			case "of", "between", "with", "and", "the":
				continue
			}
			if n := entityAt(an, k); n > 0 {
				hi = min(k+n-1, len(an.clause)-1)
				k = hi
				continue
			}
			if isTerm(k) && k == hi+2 && strings.EqualFold(word(text, an, hi+1), "of") {
				hi = k
				continue
			}
			break
		}
	}
	spans := []claim.Span{}
	if s.cue >= 0 {
		spans = append(spans, tokSpan(an, s.cue))
	}
	spans = append(spans, tokSpan(an, s.concept))
	if hi-lo+1 > maxPhraseTokens {
		if s.cue < 0 {
			return word(text, an, s.concept), spans
		}
		return word(text, an, s.cue) + " … " + word(text, an, s.concept), spans
	}
	return text[an.offs[2*lo]:an.offs[2*hi+1]], spans
}

// entityAt is the number of tokens of the named entity starting at pos; 0 when
// none starts there.
func entityAt(an *analysis, pos int) int {
	if i := an.termAt(pos); i >= 0 && an.terms[i].entity {
		return int(an.terms[i].n)
	}
	return 0
}

func word(text string, an *analysis, pos int) string {
	return text[an.offs[2*pos]:an.offs[2*pos+1]]
}

func tokSpan(an *analysis, pos int) claim.Span {
	return claim.Span{Start: int(an.offs[2*pos]), End: int(an.offs[2*pos+1])}
}

// datesOf returns the dates a statement names, as written ("February 12", "2019").
func datesOf(text string, an *analysis) []string {
	var out []string
	for _, pos := range an.dateToks {
		w := word(text, an, pos)
		// a month with its day ("February 12")
		if pos+1 < len(an.clause) && an.offs[2*(pos+1)] <= int32(len(text)) {
			next := word(text, an, pos+1)
			if len(next) <= 2 && next != "" && next[0] >= '0' && next[0] <= '9' {
				w = text[an.offs[2*pos]:an.offs[2*(pos+1)+1]]
			}
		}
		out = append(out, w)
	}
	return out
}

// cueEvidence locates the cue model's evidence words on one side ("a" or "b"):
// the negator and the shared words in its scope, the antonym or stance verb.
func cueEvidence(an *analysis, ev *evidence, side string) []claim.Span {
	var out []claim.Span
	if ev.negWord != "" {
		if ev.negSide == side {
			if cues := an.polarityCues(); len(cues) > 0 {
				out = append(out, tokSpan(an, cues[0].pos))
			}
		}
		for _, t := range an.terms {
			for _, w := range ev.negScope {
				if t.word == w {
					out = append(out, tokSpan(an, t.pos))
					break
				}
			}
		}
		return out
	}
	want := ev.antA
	if side == "b" {
		want = ev.antB
	}
	for _, t := range an.terms {
		if want != "" && t.word == want {
			out = append(out, tokSpan(an, t.pos))
		}
	}
	st := ev.stanceA
	if side == "b" {
		st = ev.stanceB
	}
	for _, c := range an.stances {
		if st != "" && c.word == st {
			out = append(out, tokSpan(an, c.pos))
		}
	}
	return out
}

// claimStance is the stance as the API names it.
func (s sideStance) claimStance() claim.Stance {
	switch s.stance {
	case stanceDenies:
		return claim.StanceDenies
	case stanceChange:
		return claim.StanceReportsChange
	}
	return claim.StanceAsserts
}

// cueStances are the stances of a link the cue model made: the negated side
// denies, a side with a change cue the other lacks reports a change, the other
// side asserts.
func cueStances(aa, ab *analysis, ev *evidence, update bool) (claim.Stance, claim.Stance) {
	sa, sb := claim.StanceAsserts, claim.StanceAsserts
	switch ev.negSide {
	case "a":
		sa = claim.StanceDenies
	case "b":
		sb = claim.StanceDenies
	}
	if update && len(aa.changes) > 0 && len(ab.changes) == 0 {
		sa = claim.StanceReportsChange
	}
	if update && len(ab.changes) > 0 && len(aa.changes) == 0 {
		sb = claim.StanceReportsChange
	}
	return sa, sb
}

// sameWords reports whether two texts are the same words, whatever the spacing
// and line breaks between them: strings.Fields of both are equal. It walks both
// texts word by word without building the field lists (the Index asks this of
// every aligned pair, and most differ in their first word).
func sameWords(a, b string) bool {
	if a == b {
		return true // syndicated and repeated text: one memory compare
	}
	for {
		a, b = skipSpace(a), skipSpace(b)
		if a == "" || b == "" {
			return a == b
		}
		wa, wb := wordEnd(a), wordEnd(b)
		if a[:wa] != b[:wb] {
			return false
		}
		a, b = a[wa:], b[wb:]
	}
}

// isFieldSpace is the separator of strings.Fields: unicode.IsSpace of the rune
// (an invalid byte decodes to utf8.RuneError, which is no space).
func isFieldSpace(s string) (space bool, size int) {
	if c := s[0]; c < utf8.RuneSelf {
		return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r', 1
	}
	r, n := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r), n
}

// skipSpace drops the leading field separators of s.
func skipSpace(s string) string {
	for s != "" {
		sp, n := isFieldSpace(s)
		if !sp {
			break
		}
		s = s[n:]
	}
	return s
}

// wordEnd is the length of the field s starts with (s does not start with a
// separator).
func wordEnd(s string) int {
	i := 0
	for i < len(s) {
		sp, n := isFieldSpace(s[i:])
		if sp {
			break
		}
		i += n
	}
	return i
}
