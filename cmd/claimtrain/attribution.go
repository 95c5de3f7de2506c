package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/claimsvc/claimsvc/internal/attreval"
	"github.com/claimsvc/claimsvc/internal/dataset"
	"github.com/claimsvc/claimsvc/internal/extractor"
	"github.com/claimsvc/claimsvc/internal/learn"
)

// attrFlags are the inputs and knobs of the attribution trainer.
type attrFlags struct {
	train, dev, out string
	cfg             extractor.AttrTrainConfig
	keep            int
}

// trainAttribution fits the extractor's attribution model (internal/extractor
// train.go) on polnear-train, chooses its threshold on polnear-dev, writes the
// model file the extractor embeds and prints the dev figures it reaches.
func trainAttribution(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f attrFlags
	fs := flag.NewFlagSet("attribution", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.train, "train", dataPath("attribution/polnear-train.jsonl"), "training `file`")
	fs.StringVar(&f.dev, "dev", dataPath("attribution/polnear-dev.jsonl"), "dev `file` for the threshold and the report")
	fs.StringVar(&f.out, "out", "internal/extractor/models/attribution.tsv", "model `file` to write")
	fs.IntVar(&f.cfg.KeepEpochs, "keep-epochs", 8, "passes of the cue classifier")
	fs.Float64Var(&f.cfg.KeepRate, "keep-rate", 0.1, "AdaGrad rate of the cue classifier")
	fs.Float64Var(&f.cfg.KeepL2, "keep-l2", 1e-4, "L2 penalty of the cue classifier")
	fs.IntVar(&f.cfg.RankEpochs, "rank-epochs", 10, "perceptron passes of the span rankers")
	fs.IntVar(&f.cfg.CueMinCount, "cue-min", 0, "one-word gold cues seen this often become candidates (0: the rules' cues only)")
	fs.IntVar(&f.keep, "keep", 40000, "weights of largest magnitude kept per part")
	if err := fs.Parse(args); err != nil {
		return err
	}
	f.cfg.Seed = 11
	train, err := dataset.ReadAttribution(f.train)
	if err != nil {
		return err
	}
	dev, err := dataset.ReadAttribution(f.dev)
	if err != nil {
		return err
	}
	model, st, err := extractor.TrainAttribution(ctx, train, dev, f.cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "attribution train: %d rule relations (%d with a gold cue); speaker decisions %d (gold reachable %d), content %d (reachable %d)\n",
		st.Relations, st.Positive, st.Src, st.SrcReachable, st.Cnt, st.CntReachable)
	fmt.Fprintf(stdout, "dev decisions with the gold among the candidates: speaker %.0f (rules right %.3f, model %.3f), content %.0f (rules %.3f, model %.3f)\n",
		st.DevSrcN, st.DevSrcRules, st.DevSrcModel, st.DevCntN, st.DevCntRules, st.DevCntModel)
	fmt.Fprintf(stdout, "attribution keep threshold by keep F1 %.3f (dev keep F1 %.4f)\n", st.KeepThreshold, st.KeepDevF1)
	if err := tuneKeepThreshold(ctx, stdout, f.dev, dev, model); err != nil {
		return err
	}
	sums, err := learn.FileSums(f.train, f.dev)
	if err != nil {
		return err
	}
	h := learn.Header{
		Model: "extractor attribution decisions: cue classifier, speaker-span and content-span rankers (internal/extractor/model.go)",
		Command: fmt.Sprintf("go run ./cmd/claimtrain attribution -keep-epochs %d -keep-rate %g -keep-l2 %g -rank-epochs %d -cue-min %d -keep %d",
			f.cfg.KeepEpochs, f.cfg.KeepRate, f.cfg.KeepL2, f.cfg.RankEpochs, f.cfg.CueMinCount, f.keep),
		Data: sums,
		Params: []learn.Param{learn.P("keep-epochs", f.cfg.KeepEpochs), learn.P("keep-rate", f.cfg.KeepRate),
			learn.P("keep-l2", f.cfg.KeepL2), learn.P("rank-epochs", f.cfg.RankEpochs), learn.P("seed", f.cfg.Seed)},
		Notes: []string{"Learned from polnear-train (PolNeAR, Newell et al. 2018); keep-threshold chosen on polnear-dev.",
			"Weights of hashed features (features.go); no corpus text is stored."},
	}
	out, err := os.Create(f.out)
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	if err := model.Write(out, h, f.keep); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	return reportAttribution(ctx, stdout, f.dev, dev, model)
}

// dataPath is a file of the shared data folder, or rel itself when the folder
// is not found (the flag's reader then reports the missing file).
func dataPath(rel string) string {
	p, err := dataset.Path(rel)
	if err != nil {
		return rel
	}
	return p
}

// tuneKeepThreshold sets the cue classifier's threshold to the one of a
// coarse grid with the best mean on dev of the all-relation exact F1s (source,
// cue, content) and quote F1@0.3, and the speech subset's quote and speaker
// F1@0.3: the figures the model is for.
func tuneKeepThreshold(ctx context.Context, stdout io.Writer, path string, dev []dataset.AttributionArticle, model *extractor.AttributionModel) error {
	best, bestT := -1.0, model.KeepThreshold()
	for _, t := range []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6} {
		model.SetKeepThreshold(t)
		all, sp, err := scoreDev(ctx, path, dev, extractor.Options{Model: model})
		if err != nil {
			return err
		}
		v := (all.SourceF1 + all.CueF1 + all.ContentF1 + all.QuoteF103 + sp.QuoteF103 + sp.SpeakerF1) / 6
		fmt.Fprintf(stdout, "keep threshold %.2f: dev mean figure %.4f\n", t, v)
		if v > best+1e-9 {
			best, bestT = v, t
		}
	}
	model.SetKeepThreshold(bestT)
	fmt.Fprintf(stdout, "keep threshold chosen on dev: %.2f\n", bestT)
	return nil
}

// scoreDev scores an extractor built with o on dev: all relations and speech.
func scoreDev(ctx context.Context, path string, dev []dataset.AttributionArticle, o extractor.Options) (all, speech attreval.Metrics, err error) {
	verbs, err := attreval.LoadSpeechVerbs(filepath.Join(filepath.Dir(filepath.Dir(path)), "lexicons", "quote-verbs-ggt.txt"))
	if err != nil {
		return all, speech, err
	}
	e, err := extractor.NewWithOptions(o)
	if err != nil {
		return all, speech, err
	}
	arts := make([]attreval.Article, 0, len(dev))
	for _, a := range dev {
		cs, err := e.Extract(ctx, a.Text)
		if err != nil {
			return all, speech, err
		}
		gold := make([]attreval.Relation, 0, len(a.Attributions))
		for _, g := range a.Attributions {
			gold = append(gold, attreval.Relation{Source: g.Source, Cue: g.Cue, Content: g.Content, CueText: g.CueText})
		}
		arts = append(arts, attreval.Article{Gold: gold, Pred: attreval.FromClaims(cs)})
	}
	return attreval.Score(arts, nil), attreval.Score(arts, verbs.IsSpeech), nil
}

// reportAttribution prints the dev figures of the rules alone and with model.
func reportAttribution(ctx context.Context, stdout io.Writer, path string, dev []dataset.AttributionArticle, model *extractor.AttributionModel) error {
	for _, run := range []struct {
		name string
		o    extractor.Options
	}{{"rules", extractor.Options{NoModel: true}}, {"model", extractor.Options{Model: model}}} {
		all, sp, err := scoreDev(ctx, path, dev, run.o)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "dev %-5s all: exact F1 source %.3f cue %.3f content %.3f, quote F1@0.3 %.3f, attributed P %.3f | speech: quote F1@0.3 %.3f speaker F1@0.3 %.3f\n",
			run.name, all.SourceF1, all.CueF1, all.ContentF1, all.QuoteF103, all.AttributedP, sp.QuoteF103, sp.SpeakerF1)
	}
	return nil
}
