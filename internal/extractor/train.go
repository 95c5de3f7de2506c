package extractor

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/claimsvc/claimsvc/internal/dataset"
	"github.com/claimsvc/claimsvc/internal/learn"
)

// Training of the attribution model (model.go), run by `go run ./cmd/claimtrain
// attribution`. The rules propose relations on every PolNeAR train article
// (the model switched off); each one is aligned with the gold relation whose cue
// it overlaps most, which gives three sets of examples:
//
//	keep     the relation's features, labelled by whether any gold cue overlaps its cue
//	src      the speaker-phrase candidates, the gold one being the candidate equal to the gold source
//	content  the content candidates, the gold one being the candidate equal to the gold content
//
// Decisions whose gold answer is not among the candidates teach nothing and are
// left out. Everything is deterministic: articles in file order, fixed seeds.

// AttributionModel is a trained attribution model, as TrainAttribution returns
// it and Options.Model takes it.
type AttributionModel struct{ m *attrModel }

// Write writes the model as a learn model file with header h, keeping at most
// keep weights of each of its three parts.
func (a *AttributionModel) Write(w io.Writer, h learn.Header, keep int) error {
	return writeAttrModel(w, h, a.m, keep)
}

// KeepThreshold is the cue classifier's threshold: relations scoring below it
// are dropped.
func (a *AttributionModel) KeepThreshold() float64 { return a.m.keepThreshold }

// SetKeepThreshold changes the cue classifier's threshold, for a trainer that
// tunes it on dev figures.
func (a *AttributionModel) SetKeepThreshold(t float64) { a.m.keepThreshold = t }

// AttrTrainConfig are the knobs of TrainAttribution.
type AttrTrainConfig struct {
	KeepEpochs int     // logistic-regression passes of the cue classifier
	KeepRate   float64 // its AdaGrad rate
	KeepL2     float64 // its L2 penalty
	RankEpochs int     // perceptron passes of the two span rankers
	Seed       uint64
	// CueMinCount, when > 0, widens the rules' candidates for the cue
	// classifier to judge: every one-word gold cue of train seen at least this
	// often becomes a cue word, and the cue-precision table's drops are off.
	CueMinCount int
}

// AttrTrainStats counts what training saw.
type AttrTrainStats struct {
	Relations, Positive int // rule relations, and those whose cue overlaps a gold cue
	Src, SrcReachable   int // speaker decisions, and those with the gold among the candidates
	Cnt, CntReachable   int // content decisions, likewise
	KeepThreshold       float64
	KeepDevF1           float64
	// On dev, over the decisions whose gold is among the candidates: how often
	// the rules' own span (candidate 0) and the ranker's choice are the gold one.
	DevSrcRules, DevSrcModel, DevSrcN float64
	DevCntRules, DevCntModel, DevCntN float64
}

// TrainAttribution fits the attribution model on train and chooses the cue
// classifier's threshold on dev (smoothed best F1 of its keep decisions).
func TrainAttribution(ctx context.Context, train, dev []dataset.AttributionArticle, cfg AttrTrainConfig) (*AttributionModel, AttrTrainStats, error) {
	var st AttrTrainStats
	md := &attrModel{}
	if cfg.CueMinCount > 0 {
		md.cueWords = goldCueWords(train, cfg.CueMinCount)
	}
	e, err := NewWithOptions(Options{NoModel: true, candidates: md.cueWords, judged: true})
	if err != nil {
		return nil, st, err
	}
	var tr attrExamples
	if err := e.collect(ctx, train, &tr); err != nil {
		return nil, st, err
	}
	st.Relations, st.Positive = len(tr.keep), tr.positive
	st.Src, st.SrcReachable, st.Cnt, st.CntReachable = tr.src, len(tr.srcChoices), tr.cnt, len(tr.cntChoices)
	w, b, err := learn.TrainLogReg(ctx, tr.keep, featDim, learn.LogRegConfig{Epochs: cfg.KeepEpochs, Rate: cfg.KeepRate, L2: cfg.KeepL2, Seed: cfg.Seed})
	if err != nil {
		return nil, st, err
	}
	md.keep, md.keepBias = toFloat32(w), b
	pc := learn.PerceptronConfig{Epochs: cfg.RankEpochs, Seed: cfg.Seed}
	sw, err := learn.TrainRanker(ctx, tr.srcChoices, featDim, pc)
	if err != nil {
		return nil, st, err
	}
	cw, err := learn.TrainRanker(ctx, tr.cntChoices, featDim, pc)
	if err != nil {
		return nil, st, err
	}
	md.src, md.content = toFloat32(sw), toFloat32(cw)

	var dv attrExamples
	if err := e.collect(ctx, dev, &dv); err != nil {
		return nil, st, err
	}
	scores := make([]float64, len(dv.keep))
	labels := make([]bool, len(dv.keep))
	for i, x := range dv.keep {
		scores[i], labels[i] = md.keepScore(x.Feats), x.Y == 1
	}
	md.keepThreshold, st.KeepDevF1 = learn.BestThreshold(scores, labels)
	st.DevSrcRules, st.DevSrcModel, st.DevSrcN = rankAccuracy(md.src, dv.srcChoices)
	st.DevCntRules, st.DevCntModel, st.DevCntN = rankAccuracy(md.content, dv.cntChoices)
	st.KeepThreshold = md.keepThreshold
	return &AttributionModel{m: md}, st, nil
}

// goldCueWords are the one-word gold cues of arts (lower case, letters only)
// seen at least min times, sorted.
func goldCueWords(arts []dataset.AttributionArticle, min int) []string {
	n := map[string]int{}
	for _, a := range arts {
		for _, g := range a.Attributions {
			w := strings.ToLower(strings.TrimSpace(g.CueText))
			if w == "" || strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
				continue
			}
			n[w]++
		}
	}
	var out []string
	for w, c := range n {
		if c >= min {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// rankAccuracy is how often candidate 0 and the best-scoring candidate are gold.
func rankAccuracy(w []float32, xs []learn.Choice) (rules, model, n float64) {
	for _, x := range xs {
		best, bestS := 0, 0.0
		for k, c := range x.Cands {
			var s float64
			for _, f := range c {
				s += float64(w[f])
			}
			if k == 0 || s > bestS {
				best, bestS = k, s
			}
		}
		if x.Gold == 0 {
			rules++
		}
		if best == x.Gold {
			model++
		}
	}
	n = float64(len(xs))
	return rules / max(n, 1), model / max(n, 1), n
}

func toFloat32(w []float64) []float32 {
	out := make([]float32, len(w))
	for i, v := range w {
		// rounded as the model file stores it, so training and product agree
		r, _ := learn.ParseWeight(learn.FormatWeight(v))
		out[i] = float32(r)
	}
	return out
}

// attrExamples are the training examples of the three decisions.
type attrExamples struct {
	keep                   []learn.Example
	positive               int
	srcChoices, cntChoices []learn.Choice
	src, cnt               int
}

// goldRel is a gold relation with its spans merged: exact targets for the
// candidates, or empty when a field is missing or discontinuous.
type goldRel struct {
	cue          []Span
	source, cont Span
}

// collect runs the rules over arts and appends their examples to ex.
func (e *Extractor) collect(ctx context.Context, arts []dataset.AttributionArticle, ex *attrExamples) error {
	var fb featBuf
	var cands [][2]int
	defer func() { e.observe = nil }()
	for _, a := range arts {
		golds := make([]goldRel, 0, len(a.Attributions))
		for _, g := range a.Attributions {
			gr := goldRel{source: single(g.Source), cont: single(g.Content)}
			for _, c := range g.Cue {
				gr.cue = append(gr.cue, Span{c[0], c[1]})
			}
			golds = append(golds, gr)
		}
		e.observe = func(m *mentionCtx, s sentence, cues []cue, rels []relation) {
			for i := range rels {
				r := &rels[i]
				cs := m.tokSpan(r.cue.c0, r.cue.c1)
				g := bestGold(golds, cs)
				if judged(r.cue) {
					fb.reset()
					m.cueFeatures(s, r, &fb)
					x := learn.Example{Feats: append([]int32(nil), fb.ids...), W: 1}
					if g >= 0 {
						x.Y = 1
						ex.positive++
					}
					ex.keep = append(ex.keep, x)
				}
				if g < 0 {
					continue
				}
				ca, cb := m.tokRange(r.content, s.t0, s.t1)
				if r.src.t0 < r.src.t1 && !golds[g].source.Empty() {
					ex.src++
					cands = m.srcCandidates(s, r, ca, cb, cands[:0])
					if ch, ok := choiceOf(m, s, r, cands, r.src.t0, r.src.t1, cues, golds[g].source, &fb); ok {
						ex.srcChoices = append(ex.srcChoices, ch)
					}
				}
				if r.tail.Empty() && ca < cb && !golds[g].cont.Empty() {
					ex.cnt++
					cands = m.contentCandidates(s, r, ca, cb, r.src.t0, r.src.t1, cues, cands[:0])
					if ch, ok := choiceOf(m, s, r, cands, ca, cb, cues, golds[g].cont, &fb); ok {
						ex.cntChoices = append(ex.cntChoices, ch)
					}
				}
			}
		}
		if _, err := e.Extract(ctx, a.Text); err != nil {
			return fmt.Errorf("article %s: %w", a.ID, err)
		}
	}
	return nil
}

// choiceOf makes a ranking example of candidates whose gold is the one
// spanning exactly want; ok is false when none does.
func choiceOf(m *mentionCtx, s sentence, r *relation, cands [][2]int, a, b int, cues []cue, want Span, fb *featBuf) (learn.Choice, bool) {
	ch := learn.Choice{Gold: -1}
	for k, c := range cands {
		if m.tokSpan(c[0], c[1]) == want {
			ch.Gold = k
			break
		}
	}
	if ch.Gold < 0 {
		return ch, false
	}
	for _, c := range cands {
		fb.reset()
		m.spanFeatures(s, r, c[0], c[1], a, b, cues, fb)
		ch.Cands = append(ch.Cands, append([]int32(nil), fb.ids...))
	}
	return ch, true
}

// bestGold is the gold relation whose cue overlaps cs most, or -1.
func bestGold(golds []goldRel, cs Span) int {
	best, bi := 0, -1
	for i, g := range golds {
		n := 0
		for _, c := range g.cue {
			if lo, hi := max(c.Start, cs.Start), min(c.End, cs.End); hi > lo {
				n += hi - lo
			}
		}
		if n > best {
			best, bi = n, i
		}
	}
	return bi
}

// single merges gold spans that touch or overlap and returns the one span they
// make, or an empty span when there is none or they stay apart.
func single(spans [][2]int) Span {
	if len(spans) == 0 {
		return Span{}
	}
	s := append([][2]int(nil), spans...)
	sort.Slice(s, func(i, j int) bool { return s[i][0] < s[j][0] })
	out := Span{s[0][0], s[0][1]}
	for _, x := range s[1:] {
		if x[0] > out.End {
			return Span{}
		}
		out.End = max(out.End, x[1])
	}
	return out
}
