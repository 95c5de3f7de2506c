package scoretrain

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"

	"github.com/claimsvc/claimsvc/internal/dataset"
	"github.com/claimsvc/claimsvc/internal/learn"
	"github.com/claimsvc/claimsvc/internal/metrics"
	"github.com/claimsvc/claimsvc/internal/scoring"
)

// HedgeConfig are the inputs and knobs of the hedging trainer.
type HedgeConfig struct {
	Train     string // Szeged cue-annotated training file (hedging/szeged-train.jsonl)
	Certainty string // graded certainty training file (hedging/certainty-train.jsonl)
	Dev       string // Szeged dev file, only for the default threshold
	Out       string // model file to write
	// MinCount is the least times a gold cue form must occur in Train to become
	// a candidate.
	MinCount int
	// CertaintyWeight weighs the certainty fit against the Szeged fit in the
	// sentence layer.
	CertaintyWeight float64
	// CV also reports certainty Pearson from a 2-fold cross-validation of the
	// layer on the certainty training file.
	CV bool
}

// DefaultHedgeConfig is the configuration the embedded hedge model was made with.
func DefaultHedgeConfig() HedgeConfig {
	return HedgeConfig{
		Train:           dataPath("hedging/szeged-train.jsonl"),
		Certainty:       dataPath("hedging/certainty-train.jsonl"),
		Dev:             dataPath("hedging/szeged-dev.jsonl"),
		Out:             "internal/scoring/data/hedge-model.tsv",
		MinCount:        2,
		CertaintyWeight: 4,
	}
}

// dataPath is rel inside the shared data folder, or rel itself when there is none.
func dataPath(rel string) string {
	p, err := dataset.Path(rel)
	if err != nil {
		return rel
	}
	return p
}

// Hedging learns the hedge cue model and the sentence layer and writes them to
// cfg.Out, printing its figures to log:
//
//  1. cue forms: every gold cue form of szeged-train seen at least MinCount times
//     joins the hand lexicon's forms as a candidate;
//  2. cue model: logistic regression over each candidate's context features
//     (scoring.CueFinder), a candidate being positive when it overlaps a gold cue;
//  3. sentence layer: a logistic layer over the cue evidence of a sentence
//     (scoring.LayerFeatures, from cue-model logits fitted on the other half of
//     the training documents) that both classifies Szeged's uncertain label and
//     grades certainty-train's findings linearly (see layerTraining), so the
//     score is a yes/no a batch job can threshold and a grade a reader can trust;
//  4. the default threshold (see hedgeThreshold) is chosen on szeged-dev together
//     with the out-of-fold scores of szeged-train, giving the newswire domain
//     the weight of all the others.
//
// It is deterministic: the same data and configuration write a byte-identical file.
func Hedging(ctx context.Context, f HedgeConfig, log io.Writer) error {
	train, err := dataset.ReadHedging(f.Train)
	if err != nil {
		return err
	}
	cert, err := dataset.ReadCertainty(f.Certainty)
	if err != nil {
		return err
	}
	dev, err := dataset.ReadHedging(f.Dev)
	if err != nil {
		return err
	}

	learned, err := learnForms(train, f.MinCount)
	if err != nil {
		return err
	}
	finder, err := scoring.NewCueFinder(learned)
	if err != nil {
		return err
	}
	// Candidates and their labels for every training sentence.
	sents := make([]cueSentence, len(train))
	for i, r := range train {
		sents[i] = labelCandidates(finder, r)
	}
	vocab := featureVocab(sents, 2)
	cfg := learn.LogRegConfig{Epochs: 12, Rate: 0.1, L2: 1e-4, Seed: 1}

	// Out-of-fold cue logits for the sentence layer: fit on one half of the
	// documents, predict the other, so the layer sees honest evidence.
	oof := make([][]scoring.Evidence, len(sents))
	for fold := 0; fold < 2; fold++ {
		var in []int
		for i, r := range train {
			if docFold(r.ID) != fold {
				in = append(in, i)
			}
		}
		w, b, err := trainCueModel(ctx, sents, in, vocab, cfg)
		if err != nil {
			return err
		}
		for i, r := range train {
			if docFold(r.ID) == fold {
				oof[i] = cueEvidence(sents[i], vocab, w, b)
			}
		}
	}
	all := make([]int, len(sents))
	for i := range all {
		all[i] = i
	}
	w, b, err := trainCueModel(ctx, sents, all, vocab, cfg)
	if err != nil {
		return err
	}

	// Sentence layer on Szeged (out-of-fold evidence) and certainty-train
	// (evidence from the final cue model; no certainty text was used to fit it).
	const cueThreshold = 0.5
	var lt layerTraining
	for i := range sents {
		y := 0.0
		if train[i].Uncertain {
			y = 1
		}
		lt.szegedX = append(lt.szegedX, scoring.LayerFeatures(oof[i], cueThreshold))
		lt.szegedY = append(lt.szegedY, y)
	}
	for _, r := range cert {
		s := labelCandidates(finder, dataset.HedgeSentence{Text: r.Text})
		lt.certX = append(lt.certX, scoring.LayerFeatures(cueEvidence(s, vocab, w, b), cueThreshold))
		lt.certT = append(lt.certT, (6-r.Certainty)/5)
	}
	if f.CV {
		if err := certaintyCV(ctx, log, lt, f.CertaintyWeight); err != nil {
			return err
		}
	}
	layer, err := lt.fit(ctx, f.CertaintyWeight, 3000)
	if err != nil {
		return err
	}
	layerLogit := func(ev []scoring.Evidence) float64 {
		x := scoring.LayerFeatures(ev, cueThreshold)
		var z float64
		for k := range x {
			z += layer[k] * x[k]
		}
		return z
	}

	// Default threshold on dev and the out-of-fold training scores.
	var devSet, oofSet scoredSet
	for _, r := range dev {
		ev := cueEvidence(labelCandidates(finder, r), vocab, w, b)
		devSet.add(r.Domain, learn.Sigmoid(layerLogit(ev)), r.Uncertain, scoring.HasHedgeEvidence(ev))
	}
	for i, r := range train {
		oofSet.add(r.Domain, learn.Sigmoid(layerLogit(oof[i])), r.Uncertain, scoring.HasHedgeEvidence(oof[i]))
	}
	threshold := hedgeThreshold(&devSet, &oofSet)
	fmt.Fprintf(log, "hedging: %d learned forms, %d cue features; threshold %.4f\n", len(learned), len(vocab), threshold)
	devSet.report(log, "dev", threshold)
	oofSet.report(log, "train out-of-fold", threshold)

	sums, err := learn.FileSums(f.Train, f.Certainty, f.Dev)
	if err != nil {
		return err
	}
	return writeHedgeModel(f, sums, learned, vocab, w, b, layer, threshold, cueThreshold)
}

// cueSentence is a training sentence's candidates: hedge candidates with their
// class, features and gold label, and the fixed-strength cues as evidence.
type cueSentence struct {
	classes []string
	feats   [][]string
	labels  []bool
	fixed   []scoring.Evidence
}

// labelCandidates finds r's candidates; a hedge candidate is positive when it
// overlaps a gold cue span.
func labelCandidates(finder *scoring.CueFinder, r dataset.HedgeSentence) cueSentence {
	var s cueSentence
	for _, c := range finder.Candidates(r.Text) {
		if c.Features == nil {
			s.fixed = append(s.fixed, scoring.Evidence{Class: c.Class, Strength: c.Strength})
			continue
		}
		pos := false
		for _, g := range r.Cues {
			if c.Span.Start < g.End && g.Start < c.Span.End {
				pos = true
				break
			}
		}
		s.classes = append(s.classes, c.Class)
		s.feats = append(s.feats, c.Features)
		s.labels = append(s.labels, pos)
	}
	return s
}

// learnForms collects the gold cue forms of train seen at least min times, with
// the class the hand lexicon gives them or else one from the corpus's cue type.
func learnForms(train []dataset.HedgeSentence, min int) (map[string]string, error) {
	finder, err := scoring.NewCueFinder(nil)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	types := map[string]map[string]int{}
	for _, r := range train {
		for _, c := range r.Cues {
			if c.Start < 0 || c.End > len(r.Text) || c.Start >= c.End {
				continue
			}
			form := scoring.CueForm(r.Text[c.Start:c.End])
			if form == "" {
				continue
			}
			counts[form]++
			if types[form] == nil {
				types[form] = map[string]int{}
			}
			types[form][c.Type]++
		}
	}
	out := map[string]string{}
	for form, n := range counts {
		if n < min {
			continue
		}
		if cls := finder.LexiconClass(form); cls != "" {
			out[form] = cls
			continue
		}
		out[form] = classOfType(majority(types[form]))
	}
	return out, nil
}

// classOfType maps a Szeged cue type to a scorer class.
func classOfType(t string) string {
	switch {
	case strings.Contains(t, "doxastic"):
		return scoring.ClassSpeculativeVerb
	case strings.Contains(t, "investigation"):
		return scoring.ClassInvestigation
	case strings.Contains(t, "condition"):
		return scoring.ClassConditional
	default:
		return scoring.ClassSpeculative
	}
}

// majority is the most frequent key, ties broken alphabetically.
func majority(m map[string]int) string {
	best, bn := "", -1
	for k, n := range m {
		if n > bn || n == bn && k < best {
			best, bn = k, n
		}
	}
	return best
}

// featureVocab indexes the features seen at least min times, in sorted order.
func featureVocab(sents []cueSentence, min int) map[string]int32 {
	counts := map[string]int{}
	for _, s := range sents {
		for _, fs := range s.feats {
			for _, f := range fs {
				counts[f]++
			}
		}
	}
	var names []string
	for f, n := range counts {
		if n >= min {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	vocab := make(map[string]int32, len(names))
	for i, f := range names {
		vocab[f] = int32(i)
	}
	return vocab
}

// trainCueModel fits the cue model on the candidates of the sentences in idx.
func trainCueModel(ctx context.Context, sents []cueSentence, idx []int, vocab map[string]int32, cfg learn.LogRegConfig) ([]float64, float64, error) {
	var xs []learn.Example
	for _, i := range idx {
		s := sents[i]
		for k, fs := range s.feats {
			x := learn.Example{W: 1}
			for _, f := range fs {
				if j, ok := vocab[f]; ok {
					x.Feats = append(x.Feats, j)
				}
			}
			if s.labels[k] {
				x.Y = 1
			}
			xs = append(xs, x)
		}
	}
	return learn.TrainLogReg(ctx, xs, len(vocab), cfg)
}

// cueEvidence scores a sentence's hedge candidates with a cue model and adds
// its fixed-strength cues: the evidence the scorer would collect.
func cueEvidence(s cueSentence, vocab map[string]int32, w []float64, b float64) []scoring.Evidence {
	out := make([]scoring.Evidence, 0, len(s.feats)+len(s.fixed))
	for k, fs := range s.feats {
		z := b
		for _, f := range fs {
			if j, ok := vocab[f]; ok {
				z += w[j]
			}
		}
		out = append(out, scoring.Evidence{Class: s.classes[k], Logit: z})
	}
	return append(out, s.fixed...)
}

// layerExample is one sentence-layer example with dense features.
func layerExample(ev []scoring.Evidence, cueThreshold, y, weight float64) learn.Example {
	x := scoring.LayerFeatures(ev, cueThreshold)
	// the last layer feature is the constant bias, which trainLogReg learns itself
	ex := learn.Example{Y: y, W: weight}
	for k := 0; k < len(x)-1; k++ {
		ex.Feats = append(ex.Feats, int32(k))
		ex.Vals = append(ex.Vals, x[k])
	}
	return ex
}

// docFold splits Szeged sentences into two folds by document (the id up to its
// last '/'), with a hash so neighbouring documents scatter.
func docFold(id string) int {
	doc := id
	if k := strings.LastIndex(id, "/"); k > 0 {
		doc = id[:k]
	}
	h := sha256.Sum256([]byte(doc))
	return int(h[0] & 1)
}

// writeHedgeModel writes the model in the format scoring parses, with a header
// saying how it was made, sorted so the file is byte-identical between runs.
func writeHedgeModel(f HedgeConfig, sums []string, learned map[string]string, vocab map[string]int32, w []float64, b float64, layer []float64, threshold, cueThreshold float64) error {
	out, err := os.Create(f.Out)
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	mw := learn.NewModelWriter(out, learn.Header{
		Model:   "hedge cue model and sentence layer for internal/scoring (format: see hedgemodel.go)",
		Command: "go run ./cmd/claimtrain hedging",
		Data:    sums,
		Params:  []learn.Param{learn.P("min-count", f.MinCount), learn.P("certainty-weight", f.CertaintyWeight)},
		Notes: []string{
			"learned from szeged-train (Szeged Uncertainty Corpus cue annotations) and certainty-train (Pei & Jurgens 2021, MIT)",
			"threshold chosen on szeged-dev with szeged-train out-of-fold scores, newswire weighted as all other domains together",
			"stored: cue word forms and weights of context features (a cue with its neighbouring words), no sentences",
		},
	})
	mw.Row("param", "cue_bias", fmt.Sprintf("%.6g", b))
	mw.Row("param", "threshold", fmt.Sprintf("%.6g", threshold))
	mw.Row("param", "cue_threshold", fmt.Sprintf("%.6g", cueThreshold))
	for k, name := range scoring.LayerNames() {
		mw.Row("layer", name, fmt.Sprintf("%.6g", layer[k]))
	}
	forms := make([]string, 0, len(learned))
	for form := range learned {
		forms = append(forms, form)
	}
	sort.Strings(forms)
	for _, form := range forms {
		mw.Row("form", form, learned[form])
	}
	names := make([]string, 0, len(vocab))
	for name, j := range vocab {
		if math.Abs(w[j]) >= 1e-3 {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		mw.Row("weight", name, fmt.Sprintf("%.4g", w[vocab[name]]))
	}
	if err := mw.Close(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// certaintyCV fits the layer twice, each time without half of certainty-train
// (alternate findings), and reports the Pearson correlation of (1 − score) with
// certainty over the held-out halves: a steadier estimate than the small
// certainty-val file.
func certaintyCV(ctx context.Context, stdout io.Writer, lt layerTraining, lambda float64) error {
	var sure, gold []float64
	for fold := 0; fold < 2; fold++ {
		part := layerTraining{szegedX: lt.szegedX, szegedY: lt.szegedY}
		var heldX [][]float64
		var heldT []float64
		for i := range lt.certX {
			if i%2 == fold {
				heldX, heldT = append(heldX, lt.certX[i]), append(heldT, lt.certT[i])
				continue
			}
			part.certX, part.certT = append(part.certX, lt.certX[i]), append(part.certT, lt.certT[i])
		}
		layer, err := part.fit(ctx, lambda, 3000)
		if err != nil {
			return err
		}
		for i, x := range heldX {
			sure = append(sure, 1-learn.Sigmoid(dot(layer, x)))
			gold = append(gold, 6-5*heldT[i])
		}
	}
	fmt.Fprintf(stdout, "hedging: certainty Pearson %.4f Spearman %.4f (2-fold CV on certainty-train)\n",
		metrics.Pearson(sure, gold), metrics.Spearman(sure, gold))
	return nil
}
