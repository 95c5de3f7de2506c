package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/claimsvc/claimsvc/internal/attreval"
	"github.com/claimsvc/claimsvc/internal/dataset"
	"github.com/claimsvc/claimsvc/internal/extractor"
)

// attributionReport is the PolNeAR evaluation of the extractor: content, speaker and
// cue figures over all relations and over the speech subset, and the extractor's
// throughput on the article texts.
type attributionReport struct {
	Data     string           `json:"data"`
	Articles int              `json:"articles"`
	All      attreval.Metrics `json:"all"`
	Speech   attreval.Metrics `json:"speech"`
	MBPerS   float64          `json:"mb_per_s"`
}

// attributionPrediction is one line of -predictions output, in the gold's shape.
type attributionPrediction struct {
	ID        string          `json:"id"`
	Source    []attreval.Span `json:"source"`
	Cue       []attreval.Span `json:"cue"`
	Content   []attreval.Span `json:"content"`
	QuoteType string          `json:"quote_type"`
}

func runAttribution(ctx context.Context, o options) (report, error) {
	arts, err := dataset.ReadAttribution(o.data)
	if err != nil {
		return nil, err
	}
	verbs, err := speechVerbs(o.data)
	if err != nil {
		return nil, err
	}
	ex, err := extractor.New()
	if err != nil {
		return nil, err
	}
	pw, err := newPredictionWriter(o.predictions)
	if err != nil {
		return nil, err
	}
	scored := make([]attreval.Article, 0, len(arts))
	var bytes int
	var elapsed time.Duration
	for _, a := range arts {
		t0 := time.Now()
		cs, err := ex.Extract(ctx, a.Text)
		elapsed += time.Since(t0)
		if err != nil {
			return nil, fmt.Errorf("article %s: %w", a.ID, err)
		}
		bytes += len(a.Text)
		pred := attreval.FromClaims(cs)
		scored = append(scored, attreval.Article{Gold: goldRelations(a), Pred: pred})
		if err := writePredictions(pw, a, pred); err != nil {
			return nil, err
		}
	}
	rep := &attributionReport{
		Data:     o.data,
		Articles: len(arts),
		All:      attreval.Score(scored, nil),
		Speech:   attreval.Score(scored, verbs.IsSpeech),
	}
	if elapsed > 0 {
		rep.MBPerS = float64(bytes) / 1e6 / elapsed.Seconds()
	}
	if err := pw.close(); err != nil {
		return nil, err
	}
	slog.Info("attribution", "articles", len(arts), "bytes", bytes, "extract_seconds", elapsed.Seconds())
	return rep, nil
}

// speechVerbs loads the reporting-verb list that defines the speech subset from the
// lexicons folder beside the data file's folder, or from the data folder.
func speechVerbs(data string) (attreval.SpeechVerbs, error) {
	const rel = "lexicons/quote-verbs-ggt.txt"
	p := filepath.Join(filepath.Dir(filepath.Dir(data)), rel)
	if _, err := os.Stat(p); err != nil {
		if p, err = dataset.Path(rel); err != nil {
			return nil, fmt.Errorf("speech verb list: %w", err)
		}
	}
	return attreval.LoadSpeechVerbs(p)
}

func goldRelations(a dataset.AttributionArticle) []attreval.Relation {
	out := make([]attreval.Relation, 0, len(a.Attributions))
	for _, g := range a.Attributions {
		out = append(out, attreval.Relation{Source: g.Source, Cue: g.Cue, Content: g.Content, CueText: g.CueText})
	}
	return out
}

func writePredictions(pw *predictionWriter, a dataset.AttributionArticle, pred []attreval.Relation) error {
	for _, p := range pred {
		src := p.Source
		if src == nil {
			src = []attreval.Span{}
		}
		line := attributionPrediction{ID: a.ID, Source: src, Cue: p.Cue, Content: p.Content,
			QuoteType: attreval.QuoteType(a.Text, p.Content)}
		if err := pw.write(line); err != nil {
			return err
		}
	}
	return nil
}

// Text prints the report as a small table.
func (r *attributionReport) Text(w io.Writer) {
	fmt.Fprintf(w, "attribution: %s (%d articles), extractor %.1f MB/s\n", r.Data, r.Articles, r.MBPerS)
	fmt.Fprintf(w, "%-18s %8s %8s\n", "", "all", "speech")
	row := func(name string, a, s float64) { fmt.Fprintf(w, "%-18s %8.3f %8.3f\n", name, a, s) }
	fmt.Fprintf(w, "%-18s %8d %8d\n", "gold", r.All.Gold, r.Speech.Gold)
	fmt.Fprintf(w, "%-18s %8d %8d\n", "predicted", r.All.Predicted, r.Speech.Predicted)
	row("quote_p_03", r.All.QuoteP03, r.Speech.QuoteP03)
	row("quote_r_03", r.All.QuoteR03, r.Speech.QuoteR03)
	row("quote_f1_03", r.All.QuoteF103, r.Speech.QuoteF103)
	row("quote_p_08", r.All.QuoteP08, r.Speech.QuoteP08)
	row("quote_r_08", r.All.QuoteR08, r.Speech.QuoteR08)
	row("quote_f1_08", r.All.QuoteF108, r.Speech.QuoteF108)
	row("speaker_f1_03", r.All.SpeakerF1, r.Speech.SpeakerF1)
	row("speaker_acc", r.All.SpeakerAcc, r.Speech.SpeakerAcc)
	row("cue_acc", r.All.CueAcc, r.Speech.CueAcc)
	row("source_exact_f1", r.All.SourceF1, r.Speech.SourceF1)
	row("cue_exact_f1", r.All.CueF1, r.Speech.CueF1)
	row("content_exact_f1", r.All.ContentF1, r.Speech.ContentF1)
}
