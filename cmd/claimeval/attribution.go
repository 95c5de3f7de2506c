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
	// ByQuoteType scores direct, mixed and indirect relations apart (all relations).
	ByQuoteType map[string]attreval.Metrics `json:"by_quote_type"`
	MBPerS      float64                     `json:"mb_per_s"`
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
		pred := attreval.FromClaimsIn(a.Text, cs)
		scored = append(scored, attreval.Article{Gold: goldRelations(a), Pred: pred})
		if err := writePredictions(pw, a, pred); err != nil {
			return nil, err
		}
	}
	rep := &attributionReport{
		Data:        o.data,
		Articles:    len(arts),
		All:         attreval.Score(scored, nil),
		Speech:      attreval.Score(scored, verbs.IsSpeech),
		ByQuoteType: attreval.ScoreByQuoteType(scored, nil),
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
		out = append(out, attreval.Relation{Source: g.Source, Cue: g.Cue, Content: g.Content, CueText: g.CueText, QuoteType: g.QuoteType})
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
	cols := []attreval.Metrics{r.All, r.Speech}
	fmt.Fprintf(w, "%-18s %8s %8s", "", "all", "speech")
	for _, qt := range attreval.QuoteTypes {
		cols = append(cols, r.ByQuoteType[qt])
		fmt.Fprintf(w, " %8s", qt)
	}
	fmt.Fprintln(w)
	count := func(name string, f func(attreval.Metrics) int) {
		fmt.Fprintf(w, "%-18s", name)
		for _, c := range cols {
			fmt.Fprintf(w, " %8d", f(c))
		}
		fmt.Fprintln(w)
	}
	row := func(name string, f func(attreval.Metrics) float64) {
		fmt.Fprintf(w, "%-18s", name)
		for _, c := range cols {
			fmt.Fprintf(w, " %8.3f", f(c))
		}
		fmt.Fprintln(w)
	}
	count("gold", func(m attreval.Metrics) int { return m.Gold })
	count("predicted", func(m attreval.Metrics) int { return m.Predicted })
	row("quote_p_03", func(m attreval.Metrics) float64 { return m.QuoteP03 })
	row("quote_r_03", func(m attreval.Metrics) float64 { return m.QuoteR03 })
	row("quote_f1_03", func(m attreval.Metrics) float64 { return m.QuoteF103 })
	row("quote_p_08", func(m attreval.Metrics) float64 { return m.QuoteP08 })
	row("quote_r_08", func(m attreval.Metrics) float64 { return m.QuoteR08 })
	row("quote_f1_08", func(m attreval.Metrics) float64 { return m.QuoteF108 })
	row("speaker_f1_03", func(m attreval.Metrics) float64 { return m.SpeakerF1 })
	row("attributed_claim_p", func(m attreval.Metrics) float64 { return m.AttributedP })
	row("speaker_acc", func(m attreval.Metrics) float64 { return m.SpeakerAcc })
	row("cue_acc", func(m attreval.Metrics) float64 { return m.CueAcc })
	row("source_exact_p", func(m attreval.Metrics) float64 { return m.SourceP })
	row("source_exact_r", func(m attreval.Metrics) float64 { return m.SourceR })
	row("source_exact_f1", func(m attreval.Metrics) float64 { return m.SourceF1 })
	row("cue_exact_p", func(m attreval.Metrics) float64 { return m.CueP })
	row("cue_exact_r", func(m attreval.Metrics) float64 { return m.CueR })
	row("cue_exact_f1", func(m attreval.Metrics) float64 { return m.CueF1 })
	row("content_exact_p", func(m attreval.Metrics) float64 { return m.ContentP })
	row("content_exact_r", func(m attreval.Metrics) float64 { return m.ContentR })
	row("content_exact_f1", func(m attreval.Metrics) float64 { return m.ContentF1 })
}
