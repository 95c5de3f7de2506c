// Package attreval scores predicted attribution relations (speaker, cue, content
// spans) against gold ones the way the PolNeAR literature does, so claimeval and the
// extractor's regression test report the same figures from one implementation.
//
// A gold content is matched one-to-one by the predicted content covering the largest
// share of its characters; a match at threshold τ needs that share ≥ τ. Speaker
// matches additionally need the predicted speaker mention to overlap the gold source
// (or both to be absent). Exact-span F1 compares whole span lists.
package attreval

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/metrics"
)

// Span is a [start, end) UTF-8 byte range, as in the gold files.
type Span = [2]int

// Relation is one attribution: where its speaker, cue and content stand. CueText is
// the cue as written, used to decide whether the relation is speech; QuoteType is
// PolNeAR's direct / mixed / indirect / no_content (see QuoteType), used to score
// each kind of quotation apart.
type Relation struct {
	Source    []Span
	Cue       []Span
	Content   []Span
	CueText   string
	QuoteType string
}

// Article pairs the gold and predicted relations of one text.
type Article struct {
	Gold, Pred []Relation
}

// Metrics are the figures of one subset. JSON names are the ones claimeval reports.
type Metrics struct {
	Gold       int     `json:"gold"`
	Predicted  int     `json:"predicted"`
	QuoteP03   float64 `json:"quote_p_03"`
	QuoteR03   float64 `json:"quote_r_03"`
	QuoteF103  float64 `json:"quote_f1_03"`
	QuoteP08   float64 `json:"quote_p_08"`
	QuoteR08   float64 `json:"quote_r_08"`
	QuoteF108  float64 `json:"quote_f1_08"`
	SpeakerF1  float64 `json:"speaker_f1_03"`
	SpeakerAcc float64 `json:"speaker_acc"`
	CueAcc     float64 `json:"cue_acc"`
	SourceF1   float64 `json:"source_exact_f1"`
	CueF1      float64 `json:"cue_exact_f1"`
	ContentF1  float64 `json:"content_exact_f1"`
	// Exact-span precision and recall behind the F1s above.
	SourceP  float64 `json:"source_exact_p"`
	SourceR  float64 `json:"source_exact_r"`
	CueP     float64 `json:"cue_exact_p"`
	CueR     float64 `json:"cue_exact_r"`
	ContentP float64 `json:"content_exact_p"`
	ContentR float64 `json:"content_exact_r"`
	// AttributedP is attributed-claim precision: the share of predicted relations
	// whose content covers ≥ 0.3 of a gold content (one-to-one) and whose speaker
	// mention overlaps that gold source — a claim a user can take as it is, right
	// words and right speaker.
	AttributedP float64 `json:"attributed_claim_p"`
}

// QuoteTypes are PolNeAR's quotation kinds, the keys of ScoreByQuoteType.
var QuoteTypes = []string{"direct", "mixed", "indirect"}

// ScoreByQuoteType scores each quotation kind apart: gold relations of that kind
// against predicted relations of that kind (as QuoteType derives it), so a
// direct-quote figure is not diluted by indirect speech. keep further filters
// both sides (nil keeps all).
func ScoreByQuoteType(arts []Article, keep func(Relation) bool) map[string]Metrics {
	out := make(map[string]Metrics, len(QuoteTypes))
	for _, qt := range QuoteTypes {
		out[qt] = Score(arts, func(r Relation) bool { return r.QuoteType == qt && (keep == nil || keep(r)) })
	}
	return out
}

// Score computes the metrics over the relations keep accepts (nil keeps all).
func Score(arts []Article, keep func(Relation) bool) Metrics {
	var c counts
	for _, a := range arts {
		g, p := filter(a.Gold, keep), filter(a.Pred, keep)
		c.add(g, p)
	}
	return c.metrics()
}

type counts struct {
	goldContent, predContent int
	m03, m08, speaker03      int
	speakerOK, cueOK         int
	exact                    [3]struct{ tp, gold, pred int } // source, cue, content
	gold, pred               int
}

func (c *counts) add(gold, pred []Relation) {
	c.gold += len(gold)
	c.pred += len(pred)
	var gc []Relation
	for _, g := range gold {
		if total(g.Content) > 0 {
			gc = append(gc, g)
		}
	}
	c.goldContent += len(gc)
	c.predContent += len(pred)
	pairs03 := match(gc, pred, 0.3, nil)
	c.m03 += len(pairs03)
	c.m08 += len(match(gc, pred, 0.8, nil))
	c.speaker03 += len(match(gc, pred, 0.3, speakerOK))
	for _, pr := range pairs03 {
		if speakerOK(gc[pr[0]], pred[pr[1]]) {
			c.speakerOK++
		}
		if overlap(gc[pr[0]].Cue, pred[pr[1]].Cue) > 0 {
			c.cueOK++
		}
	}
	fields := []func(Relation) []Span{
		func(r Relation) []Span { return r.Source },
		func(r Relation) []Span { return r.Cue },
		func(r Relation) []Span { return r.Content },
	}
	for i, f := range fields {
		c.exact[i].tp += exactMatches(gold, pred, f)
		for _, g := range gold {
			if len(f(g)) > 0 {
				c.exact[i].gold++
			}
		}
		for _, p := range pred {
			if len(f(p)) > 0 {
				c.exact[i].pred++
			}
		}
	}
}

func (c counts) metrics() Metrics {
	m := Metrics{Gold: c.gold, Predicted: c.pred}
	m.QuoteP03, m.QuoteR03, m.QuoteF103 = metrics.PRF(c.m03, c.predContent, c.goldContent)
	m.QuoteP08, m.QuoteR08, m.QuoteF108 = metrics.PRF(c.m08, c.predContent, c.goldContent)
	m.AttributedP, _, m.SpeakerF1 = metrics.PRF(c.speaker03, c.predContent, c.goldContent)
	if c.m03 > 0 {
		m.SpeakerAcc = float64(c.speakerOK) / float64(c.m03)
		m.CueAcc = float64(c.cueOK) / float64(c.m03)
	}
	m.SourceP, m.SourceR, m.SourceF1 = metrics.PRF(c.exact[0].tp, c.exact[0].pred, c.exact[0].gold)
	m.CueP, m.CueR, m.CueF1 = metrics.PRF(c.exact[1].tp, c.exact[1].pred, c.exact[1].gold)
	m.ContentP, m.ContentR, m.ContentF1 = metrics.PRF(c.exact[2].tp, c.exact[2].pred, c.exact[2].gold)
	return m
}

func filter(rs []Relation, keep func(Relation) bool) []Relation {
	if keep == nil {
		return rs
	}
	var out []Relation
	for _, r := range rs {
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}

// match pairs gold and predicted relations one-to-one, greedily by coverage of the
// gold content, keeping pairs with coverage ≥ tau that also pass ok (when given).
// It returns [gold index, pred index] pairs.
func match(gold, pred []Relation, tau float64, ok func(g, p Relation) bool) [][2]int {
	type cand struct {
		g, p int
		cov  float64
	}
	var cs []cand
	for gi, g := range gold {
		gl := total(g.Content)
		if gl == 0 {
			continue
		}
		for pi, p := range pred {
			cov := float64(overlap(g.Content, p.Content)) / float64(gl)
			if cov >= tau && (ok == nil || ok(g, p)) {
				cs = append(cs, cand{gi, pi, cov})
			}
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].cov > cs[j].cov })
	usedG, usedP := map[int]bool{}, map[int]bool{}
	var out [][2]int
	for _, c := range cs {
		if usedG[c.g] || usedP[c.p] {
			continue
		}
		usedG[c.g], usedP[c.p] = true, true
		out = append(out, [2]int{c.g, c.p})
	}
	return out
}

// speakerOK says whether the predicted speaker mention overlaps the gold source, or
// both are absent.
func speakerOK(g, p Relation) bool {
	if len(g.Source) == 0 {
		return len(p.Source) == 0
	}
	return overlap(g.Source, p.Source) > 0
}

// exactMatches counts gold relations whose field equals an unused predicted one's.
func exactMatches(gold, pred []Relation, f func(Relation) []Span) int {
	avail := map[string]int{}
	for _, p := range pred {
		if s := f(p); len(s) > 0 {
			avail[key(s)]++
		}
	}
	n := 0
	for _, g := range gold {
		s := f(g)
		if len(s) == 0 {
			continue
		}
		if k := key(s); avail[k] > 0 {
			avail[k]--
			n++
		}
	}
	return n
}

func key(s []Span) string {
	s = normalize(s)
	var b strings.Builder
	for _, x := range s {
		fmt.Fprintf(&b, "%d-%d,", x[0], x[1])
	}
	return b.String()
}

// normalize sorts spans and merges overlapping or touching ones.
func normalize(s []Span) []Span {
	out := make([]Span, 0, len(s))
	for _, x := range s {
		if x[1] > x[0] {
			out = append(out, x)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	merged := out[:0]
	for _, x := range out {
		if n := len(merged); n > 0 && x[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], x[1])
			continue
		}
		merged = append(merged, x)
	}
	return merged
}

func total(s []Span) int {
	n := 0
	for _, x := range normalize(s) {
		n += x[1] - x[0]
	}
	return n
}

// overlap is the number of bytes the two span sets share.
func overlap(a, b []Span) int {
	a, b = normalize(a), normalize(b)
	n := 0
	for _, x := range a {
		for _, y := range b {
			if lo, hi := max(x[0], y[0]), min(x[1], y[1]); hi > lo {
				n += hi - lo
			}
		}
	}
	return n
}

// SpeechVerbs is the set of reporting verbs that defines the speech subset.
type SpeechVerbs map[string]bool

// LoadSpeechVerbs reads a word list (one word a line, "#" comments), e.g.
// shared/data/lexicons/quote-verbs-ggt.txt.
func LoadSpeechVerbs(path string) (SpeechVerbs, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("attreval: %w", err)
	}
	defer f.Close()
	v := SpeechVerbs{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w := strings.TrimSpace(sc.Text())
		if w != "" && !strings.HasPrefix(w, "#") {
			v[strings.ToLower(w)] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("attreval: %s: %w", path, err)
	}
	return v, nil
}

// IsSpeech says whether a relation's cue makes it speech: a reporting verb of the list
// (alone or with auxiliaries and adverbs, "has said", "said in a statement"),
// "according to", or a colon.
func (v SpeechVerbs) IsSpeech(r Relation) bool {
	cue := strings.ToLower(strings.TrimSpace(r.CueText))
	if cue == ":" || cue == "according to" {
		return true
	}
	for _, w := range strings.Fields(cue) {
		if v[strings.Trim(w, ":,")] {
			return true
		}
	}
	return false
}

// FromClaims turns an extractor's claims into predicted relations: attributed claims
// only (the article's own voice is not an attribution), with a quotation that
// continues a claim across sentences or paragraphs merged into that claim's content.
// QuoteType is left empty; FromClaimsIn fills it.
func FromClaims(cs []claim.Claim) []Relation {
	var out []Relation
	last := -1
	for _, c := range cs {
		if c.Attribution.Kind == claim.AttributionUnattributed || c.Speaker.Kind == claim.SpeakerArticle {
			continue
		}
		if c.Speaker.Resolution == claim.ResolutionContinuation && c.Attribution.CueSpan.Empty() {
			if last >= 0 {
				out[last].Content = append(out[last].Content, Span{c.Span.Start, c.Span.End})
			}
			continue
		}
		r := Relation{
			Cue:     []Span{{c.Attribution.CueSpan.Start, c.Attribution.CueSpan.End}},
			Content: []Span{{c.Span.Start, c.Span.End}},
			CueText: c.Attribution.Cue,
		}
		if src := c.Speaker.SourceSpan; !src.Empty() {
			r.Source = []Span{{src.Start, src.End}}
		} else if !c.Speaker.MentionSpan.Empty() {
			r.Source = []Span{{c.Speaker.MentionSpan.Start, c.Speaker.MentionSpan.End}}
		}
		out = append(out, r)
		last = len(out) - 1
	}
	return out
}

// FromClaimsIn is FromClaims with each relation's QuoteType derived from text.
func FromClaimsIn(text string, cs []claim.Claim) []Relation {
	out := FromClaims(cs)
	for i := range out {
		out[i].QuoteType = QuoteType(text, out[i].Content)
	}
	return out
}

// QuoteType derives PolNeAR's quote_type of content from its quotation marks:
// "direct" when every span is one quotation from its first to its last character
// (closing punctuation aside), "indirect" without quotation marks, else "mixed".
func QuoteType(text string, content []Span) string {
	quoted, whole := false, true
	for _, s := range normalize(content) {
		if s[0] < 0 || s[1] > len(text) {
			continue
		}
		t := strings.TrimSpace(text[s[0]:s[1]])
		if strings.ContainsAny(t, "\"“”") || strings.Contains(t, "''") {
			quoted = true
		}
		body := strings.TrimRight(t, ".,;:!?… ")
		starts := strings.HasPrefix(body, "\"") || strings.HasPrefix(body, "“") || strings.HasPrefix(body, "''")
		ends := strings.HasSuffix(body, "\"") || strings.HasSuffix(body, "”") || strings.HasSuffix(body, "''")
		if !starts || !ends {
			whole = false
		}
	}
	switch {
	case !quoted:
		return "indirect"
	case whole:
		return "direct"
	default:
		return "mixed"
	}
}
