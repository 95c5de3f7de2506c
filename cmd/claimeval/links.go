package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/linkeval"
	"github.com/claimsvc/claimsvc/internal/pipeline"
)

// linksReport is a batch's links scored against a gold file (internal/linkeval).
type linksReport struct {
	Data     string `json:"data"`
	Gold     string `json:"gold"`
	Articles int    `json:"articles"`
	Claims   int    `json:"claims"`
	linkeval.Report
}

// Text prints the figures, then every link judged and every required link missed.
func (r linksReport) Text(w io.Writer) {
	fmt.Fprintf(w, "%s: %d articles, %d claims, %d links (gold %s)\n", r.Data, r.Articles, r.Claims, r.All.Predicted, r.Gold)
	fmt.Fprintf(w, "  links      precision %.3f (%d/%d)  recall %.3f (%d/%d required)\n", r.All.Precision, r.All.Correct, r.All.Predicted, r.All.Recall, r.All.Found, r.All.Required)
	fmt.Fprintf(w, "  pair only  precision %.3f (%d/%d)  recall %.3f (%d/%d)\n", r.PairOnly.Precision, r.PairOnly.Correct, r.PairOnly.Predicted, r.PairOnly.Recall, r.PairOnly.Found, r.PairOnly.Required)
	names := make([]string, 0, len(r.ByRelation))
	for n := range r.ByRelation {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := r.ByRelation[n]
		fmt.Fprintf(w, "  %-14s precision %.3f (%d/%d)  recall %.3f (%d/%d)\n", n, c.Precision, c.Correct, c.Predicted, c.Recall, c.Found, c.Required)
	}
	for _, l := range r.Links {
		mark := "ok   "
		switch {
		case !l.Real:
			mark = "FALSE"
		case !l.RightRelation:
			mark = "REL? "
		}
		fmt.Fprintf(w, "%s %s ~ %s %s %.2f: %s\n      %.90q\n      %.90q\n", mark, l.A, l.B, linkeval.RelationName(l.Relation), l.Score, l.Why, l.TextA, l.TextB)
	}
	for _, m := range r.Missed {
		extra := ""
		if m.WrongRelation != "" {
			extra = " (linked as " + m.WrongRelation + ")"
		}
		if len(m.Unreachable) > 0 {
			extra += " (no claim for " + strings.Join(m.Unreachable, ", ") + ")"
		}
		fmt.Fprintf(w, "MISSED %v ~ %v %v%s: %s\n", m.A, m.B, m.Relations, extra, m.Note)
	}
}

// runLinks batches every .txt article of -data (a folder, e.g. ../shared/seeds)
// the way BatchExtractClaims does and scores the links against -gold.
func runLinks(ctx context.Context, o options) (report, error) {
	if o.gold == "" {
		return nil, errors.New("-gold is required (e.g. internal/linkeval/testdata/seeds-links.json)")
	}
	g, err := linkeval.ReadGold(o.gold)
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(o.data, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no .txt articles in %s", o.data)
	}
	sort.Strings(files)
	arts := make([]claim.Article, len(files))
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		arts[i] = claim.Article{ID: strings.TrimSuffix(filepath.Base(f), ".txt"), Text: string(b)}
	}
	p, err := pipeline.New()
	if err != nil {
		return nil, err
	}
	results, cross, err := p.Batch(ctx, arts)
	if err != nil {
		return nil, err
	}
	var claims []linkeval.Claim
	var links []linkeval.Link
	add := func(ls []claim.Link) {
		for _, l := range ls {
			links = append(links, linkeval.Link{A: l.A, B: l.B, Relation: l.Relation, Score: l.Score, Why: l.Explanation})
		}
	}
	for _, r := range results {
		for _, c := range r.Claims {
			claims = append(claims, linkeval.Claim{ID: c.ID, Article: r.ArticleID, Text: c.Text})
		}
		add(r.Links)
	}
	add(cross)
	rep := linksReport{Data: o.data, Gold: o.gold, Articles: len(arts), Claims: len(claims), Report: linkeval.Score(g, claims, links)}
	return rep, nil
}
