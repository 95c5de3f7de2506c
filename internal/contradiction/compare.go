package contradiction

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// Tempering of a verdict by what the pipeline knows beyond the text.
const (
	// hedgeDamping is how much a fully hedged side (Hedging 1) scales the score down:
	// "X may be closed" does not flatly oppose "X is open".
	hedgeDamping = 0.6
	// updateGap is how far apart two publication dates must be before opposing claims
	// are read as a change over time rather than a contradiction.
	updateGap = 7 * 24 * time.Hour
	// noCueFactor scales the score of a pair on which no readable cue fired.
	noCueFactor = 0.5
)

// Classifier decides whether two statements oppose each other. It holds the parsed
// word lists and the trained weights; it is immutable after New and safe for
// concurrent use.
type Classifier struct {
	lx *lexicon
	w  Weights
	// arenas and indexes pool what LinkArticle and PrepareArticle reuse
	// from call to call (*analysisArena, *Index; articlelinks.go).
	arenas, indexes sync.Pool
}

// New loads the embedded word lists and weights.
func New() (*Classifier, error) {
	lx, err := loadLexicon()
	if err != nil {
		return nil, err
	}
	w, err := parseWeights(weightsJSON)
	if err != nil {
		return nil, err
	}
	return &Classifier{lx: lx, w: w}, nil
}

// DefaultThreshold is the decision threshold on Verdict.Score: pairs scoring at or
// above it are linked (as contradictions, or with speakers and times, disputes and
// updates). Scores are calibrated so that the trained threshold maps to it.
const DefaultThreshold = 0.5

// Threshold is the default decision threshold on Verdict.Score (DefaultThreshold).
func (c *Classifier) Threshold() float64 { return DefaultThreshold }

// calibrate maps the model's raw probability onto [0,1] piecewise linearly so that
// the trained threshold lands on DefaultThreshold: a Score reads the same way
// whatever threshold training chose, and the order of pairs is unchanged.
func (c *Classifier) calibrate(p float64) float64 {
	t := c.w.Threshold
	if p < t {
		return DefaultThreshold * p / t
	}
	return DefaultThreshold + (1-DefaultThreshold)*(p-t)/(1-t)
}

// Statement is what the classifier compares: a claim's text plus what tempers a
// verdict. Compare on bare statements (no speaker, no time, no hedging) reads only
// the text.
//
// The fields are in the order a comparison reads them: type, hedging and
// article (every pair) together with the text, then what only links read, so
// that comparing with a claim the Index holds touches one cache line of it.
type Statement struct {
	// Type is the claim's type; TypeUnspecified (bare statements) is read as a
	// proposition of no particular kind.
	Type claim.Type
	// Hedging is the hedging scorer's score in [0,1]; 0 when unknown.
	Hedging float64
	Text    string
	// Article is the ID of the statement's article ("" for bare statements): claims
	// of one article never corroborate each other (they restate).
	Article string
	// Speaker is the canonical speaker name; "" for the article's own voice.
	Speaker string
	// Published is when the statement's article was published; zero if unknown.
	Published time.Time
	// URL is the article's URL when known, passed through to links.
	URL string
}

// Verdict is the classifier's reading of a pair.
type Verdict struct {
	// Score is the strength of opposition in [0,1]: the model's probability,
	// calibrated so that DefaultThreshold (0.5) is the trained decision threshold, then
	// tempered by hedging.
	Score float64
	// Contradiction is Score >= the default threshold: the pair should be linked.
	Contradiction bool
	// Relation says how to read a linked pair (contradiction, dispute, update); it is
	// RelationUnspecified when the pair is not linked.
	Relation claim.Relation
	// Reason is the strongest cue; ReasonUnspecified when none fired.
	Reason claim.Reason
	// Explanation is one readable line naming the cue words.
	Explanation string
	// EvidenceA and EvidenceB are the words that oppose or agree, as byte ranges of
	// each statement's text (the cue, then the concept it bears on).
	EvidenceA, EvidenceB []claim.Span
	// DatesA and DatesB are the dates each statement names, as written.
	DatesA, DatesB []string
	// StanceA and StanceB are what each statement does with the proposition the
	// link is about (asserts, denies, reports a change).
	StanceA, StanceB claim.Stance
	// TypeA and TypeB are the statements' types as compared.
	TypeA, TypeB claim.Type
}

// Linked reports whether the verdict links the pair (an opposition or an
// agreement).
func (v Verdict) Linked() bool { return v.Relation != claim.RelationUnspecified }

// Features returns the cue features of a pair of bare texts in FeatureNames order:
// what Train learns from. Exposed for the trainer (cmd/claimtrain).
func (c *Classifier) Features(a, b string) []float64 {
	f, _ := pairFeatures(c.lx, c.lx.analyze(a), c.lx.analyze(b))
	return f[:]
}

// RawScore is the model's score of two bare texts before any tempering, with pairs
// on which no readable cue fires at 0: what the trainer picks the threshold on.
func (c *Classifier) RawScore(a, b string) float64 {
	f, ev := pairFeatures(c.lx, c.lx.analyze(a), c.lx.analyze(b))
	if r, _ := c.reason(&f, &ev); r == claim.ReasonUnspecified {
		return 0
	}
	return c.w.score(&f)
}

// Compare reads two statements.
func (c *Classifier) Compare(a, b Statement) Verdict {
	v := c.compare(&a, c.lx.analyze(a.Text), &b, c.lx.analyze(b.Text))
	v.TypeA, v.TypeB = a.Type, b.Type
	return v
}

// compare is Compare on statements already analysed (the Index keeps analyses).
func (c *Classifier) compare(a *Statement, aa *analysis, b *Statement, ab *analysis) Verdict {
	if !a.Type.Proposition() || !b.Type.Proposition() {
		return Verdict{} // headings, filler and meta-commentary anchor no link
	}
	var sgBuf [32]sharedGroup
	return c.compareShared(a, aa, b, ab, sharedGroups(aa, ab, sgBuf[:0]))
}

// compareShared is compare given sg, sharedGroups(aa, ab) (the Index finds it
// from key numbers).
func (c *Classifier) compareShared(a *Statement, aa *analysis, b *Statement, ab *analysis, sg []sharedGroup) Verdict {
	if !a.Type.Proposition() || !b.Type.Proposition() {
		return Verdict{} // headings, filler and meta-commentary anchor no link
	}
	f, ev := features(c.lx, aa, ab, sg, false)
	score := c.calibrate(c.w.score(&f))
	temper := 1.0
	if h := max(clamp01(a.Hedging), clamp01(b.Hedging)); h > 0 {
		temper = 1 - hedgeDamping*h
		score *= temper
	}
	reason, best := c.reason(&f, &ev)
	if reason == claim.ReasonUnspecified {
		// Precision first: a link the user cannot read a reason for is not made.
		// Halving keeps the ranking for AUROC-style analysis below every cue pair.
		score = min(score*noCueFactor, DefaultThreshold*0.99)
	}
	if prop, ok := align(aa, ab, sg); ok {
		if v, decided := c.judgeAligned(a, aa, b, ab, prop, score, reason, temper); decided {
			return v
		}
	}
	v := Verdict{Score: score, Reason: reason}
	v.Contradiction = score >= DefaultThreshold && typesMayOppose(a.Type, b.Type, reason, &ev) && enoughShared(a, b, sg)
	if !v.Contradiction {
		return v // explanations are written only for links: most pairs compared are not
	}
	ev.shared = sharedWords(aa, sg)
	if ev.negWord != "" {
		ev.negScope = negScope(aa, ab, sg, &ev)
	}
	why := explain(best, &ev)
	v.Relation = claim.RelationContradiction
	switch {
	case len(aa.changes) > 0 != (len(ab.changes) > 0):
		v.Relation, v.Reason = claim.RelationUpdate, claim.ReasonChangeOfState
		ch := aa.changes
		if len(ch) == 0 {
			ch = ab.changes
		}
		words := make([]string, 0, len(ch))
		for _, c := range ch {
			words = append(words, c.word)
		}
		why = fmt.Sprintf("%q reports a change of state; %s", strings.Join(firstN(words, 3), " … "), why)
	case len(aa.temporals) > 0 != (len(ab.temporals) > 0):
		v.Relation = claim.RelationUpdate
		t := aa.temporals
		if len(t) == 0 {
			t = ab.temporals
		}
		why = fmt.Sprintf("%q places one side at another time; %s", t[0].word, why)
	case !a.Published.IsZero() && !b.Published.IsZero() && absDuration(a.Published.Sub(b.Published)) > updateGap:
		v.Relation = claim.RelationUpdate
		why = fmt.Sprintf("published %s apart; %s", roundDays(a.Published.Sub(b.Published)), why)
	case a.Speaker != b.Speaker && (a.Speaker != "" || b.Speaker != ""):
		v.Relation = claim.RelationDispute
		why = fmt.Sprintf("%s vs %s: %s", speakerName(a.Speaker), speakerName(b.Speaker), why)
	}
	v.Explanation = why
	v.EvidenceA, v.EvidenceB = cueEvidence(aa, &ev, "a"), cueEvidence(ab, &ev, "b")
	v.StanceA, v.StanceB = cueStances(aa, ab, &ev, v.Reason == claim.ReasonChangeOfState)
	v.DatesA, v.DatesB = datesOf(a.Text, aa), datesOf(b.Text, ab)
	return v
}

// reason picks the cue that contributed most to the score: its reason kind and
// feature index (-1 when none fired). A cue fires only when its features were set
// by a readable word (a negator on one side only, an antonym pair, a number or
// date mismatch) and together pull the score up.
func (c *Classifier) reason(f *[numFeatures]float64, ev *evidence) (claim.Reason, int) {
	// The features that make up each readable cue: a cue counts as far as its
	// features together raise the score. The first feature of a group is the one
	// explain keys its wording on.
	groups := [...][]int{
		{fNegHigh, fNegMid, fNegLow, fNegUnscoped, fNegScope, fNegShort, fNegUniversal, fNegHead, fNegHedge, fNegHeadNew, fNegOtherRejects},
		{fAntonym, fAntonymOnly},
		{fNumeric},
	}
	best, bestC := -1, 0.0
	for _, g := range groups {
		if !groupFired(g[0], ev) {
			continue
		}
		contrib := 0.0
		for _, i := range g {
			contrib += c.w.Values[i] * f[i]
		}
		if contrib > bestC {
			best, bestC = g[0], contrib
		}
	}
	switch best {
	case fNegHigh:
		if ev.negQuantity {
			return claim.ReasonQuantity, best
		}
		return claim.ReasonNegation, best
	case fAntonym:
		if ev.stanceA != "" {
			return claim.ReasonOpposingStance, best
		}
		return claim.ReasonAntonym, best
	case fNumeric:
		if len(ev.numA) == 0 {
			return claim.ReasonDateMismatch, best
		}
		return claim.ReasonNumericMismatch, best
	}
	return claim.ReasonUnspecified, -1
}

// groupFired reports whether the cue words behind a reason group were found.
func groupFired(first int, ev *evidence) bool {
	switch first {
	case fNegHigh:
		return ev.negWord != ""
	case fAntonym:
		return ev.antA != "" || ev.stanceA != ""
	case fNumeric:
		return len(ev.numA) > 0 || len(ev.dateA) > 0
	}
	return false
}

// explain words the cue picked by reason as one line naming the cue words.
func explain(best int, ev *evidence) string {
	about := ""
	if len(ev.shared) > 0 {
		about = " (both about: " + strings.Join(firstN(ev.shared, 5), ", ") + ")"
	}
	if ev.anchored {
		about = " (same actors and subject: " + strings.Join(firstN(ev.shared, 5), ", ") + ")"
	}
	switch best {
	case fNegHigh:
		scope := ev.shared
		if len(ev.negScope) > 0 {
			scope = ev.negScope
		}
		if ev.negHead != "" && (len(scope) == 0 || scope[0] != ev.negHead) {
			scope = append([]string{ev.negHead}, scope...)
		}
		what := strings.Join(firstN(distinct(scope), 4), " ")
		if what == "" {
			return fmt.Sprintf("%q in %s denies what %s asserts%s", ev.negWord, sideName(ev.negSide), sideName(other(ev.negSide)), about)
		}
		if ev.negQuantity {
			return fmt.Sprintf("%q in %s says there is little or none of %q, which %s asserts%s", ev.negWord, sideName(ev.negSide), what, sideName(other(ev.negSide)), about)
		}
		return fmt.Sprintf("%q in %s negates %q asserted in %s%s", ev.negWord, sideName(ev.negSide), what, sideName(other(ev.negSide)), about)
	case fAntonym:
		if ev.stanceA != "" {
			return fmt.Sprintf("%q in the first opposes %q in the second%s", ev.stanceA, ev.stanceB, about)
		}
		return fmt.Sprintf("%q in the first is the opposite of %q in the second%s", ev.antA, ev.antB, about)
	case fNumeric:
		if len(ev.numA) == 0 {
			return fmt.Sprintf("the first dates it %s, the second %s%s", dateText(ev.dateA), dateText(ev.dateB), about)
		}
		return fmt.Sprintf("the first says %s where the second says %s%s", strings.Join(ev.numA, ", "), strings.Join(ev.numB, ", "), about)
	}
	return ""
}

// sideName names a side as a reader sees it: the first claim of a link is its
// claim_id (the one linked first), the second its other_claim_id.
func sideName(s string) string {
	if s == "b" {
		return "the second"
	}
	return "the first"
}

func other(s string) string {
	if s == "b" {
		return "a"
	}
	return "b"
}

func speakerName(s string) string {
	if s == "" {
		return "the article"
	}
	return s
}

func dateText(d []string) string {
	names := map[byte]string{'y': "", 'm': "month ", 'd': "weekday "}
	out := make([]string, len(d))
	for i, v := range d {
		out[i] = names[v[0]] + v[1:]
	}
	return strings.Join(out, ", ")
}

// distinct drops repeated words, keeping the first of each ("afford afford miss"
// reads "afford miss").
func distinct(s []string) []string {
	out := make([]string, 0, len(s))
	for _, w := range s {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func clamp01(x float64) float64 { return min(1, max(0, x)) }

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func roundDays(d time.Duration) string {
	return fmt.Sprintf("%d days", int(absDuration(d).Hours()/24+0.5))
}

// NewWithWeights is New with other weights: for the trainer, which scores dev data
// with freshly learned weights before writing them, and for tests.
func NewWithWeights(w Weights) (*Classifier, error) {
	lx, err := loadLexicon()
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(w)
	if err != nil {
		return nil, fmt.Errorf("contradiction: %w", err)
	}
	if w, err = parseWeights(b); err != nil {
		return nil, err
	}
	return &Classifier{lx: lx, w: w}, nil
}

// minSharedAcross is how many content words two claims of different articles must
// share for the cue model alone to link them: one shared word ("came", "think")
// between two reports is a coincidence of vocabulary, not one proposition.
const minSharedAcross = 2

// enoughShared reports whether a pair shares enough to be about one proposition:
// always within an article or for bare statements, at least minSharedAcross
// distinct content words (after aliases and near-synonyms) across articles. sg
// is the keys the pair shares.
func enoughShared(a, b *Statement, sg []sharedGroup) bool {
	if a.Article == "" || b.Article == "" || a.Article == b.Article {
		return true
	}
	return len(sg) >= minSharedAcross
}
