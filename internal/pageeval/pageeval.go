// Package pageeval measures the HTML path on saved real news pages: how well the
// extracted body matches the page's clean text, and how the claims found on the
// raw page compare with those found on the same article's clean text. The pages
// are third-party content and never enter the repository; they are read from a
// directory (CLAIMSVC_PAGES_DIR, default ../pages-data beside the repository)
// holding the Zyte article-extraction benchmark layout: html/<id>.html.gz and
// ground-truth.json ({"<id>": {"articleBody": "…", "url": "…"}}).
package pageeval

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/htmlpage"
	"github.com/claimsvc/claimsvc/internal/pipeline"
)

// Page is one saved page with the clean text of its article.
type Page struct {
	ID, URL, HTML, Clean string
}

// Dir finds the pages directory: $CLAIMSVC_PAGES_DIR, else pages-data/aeb beside
// the repository (../pages-data/aeb, ../../pages-data/aeb … from the working
// directory up).
func Dir() (string, error) {
	if d := os.Getenv("CLAIMSVC_PAGES_DIR"); d != "" {
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		p := filepath.Join(d, "..", "pages-data", "aeb")
		if _, err := os.Stat(filepath.Join(p, "ground-truth.json")); err == nil {
			return p, nil
		}
		if filepath.Dir(d) == d {
			return "", errors.New("no pages directory: set CLAIMSVC_PAGES_DIR or put pages-data/aeb beside the repository")
		}
	}
}

// Load reads every page of dir that has a clean text, in ID order.
func Load(dir string) ([]Page, error) {
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(b, &gt); err != nil {
		return nil, fmt.Errorf("pageeval: ground truth: %w", err)
	}
	var out []Page
	for id, g := range gt {
		f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			continue
		}
		z, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("pageeval: %s: %w", id, err)
		}
		h, err := io.ReadAll(z)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("pageeval: %s: %w", id, err)
		}
		out = append(out, Page{ID: id, URL: g.URL, HTML: strings.ToValidUTF8(string(h), "\uFFFD"), Clean: g.ArticleBody})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Metrics are the figures over a page set.
type Metrics struct {
	Pages        int     `json:"pages"`
	Empty        int     `json:"empty"`          // pages read as no article
	BodyP        float64 `json:"body_p"`         // mean length-weighted token precision of the body
	BodyR        float64 `json:"body_r"`         // … recall
	BodyF1       float64 `json:"body_f1"`        // … F1
	CleanClaims  int     `json:"clean_claims"`   // attributed claims on the clean text
	PageClaims   int     `json:"page_claims"`    // attributed claims on the page
	AttrP        float64 `json:"attr_p"`         // page attributed claims matching a clean one
	AttrR        float64 `json:"attr_r"`         // clean attributed claims found on the page
	AttrF1       float64 `json:"attr_f1"`        //
	AllF1        float64 `json:"all_f1"`         // the same over every claim, article voice included
	Outside      int     `json:"outside"`        // page claims whose text is not in the clean text
	OutsideShare float64 `json:"outside_share"`  // Outside / page claims
	WithTitle    int     `json:"with_title"`     // pages with a title found
	WithAuthor   int     `json:"with_author"`    // … an author
	WithDate     int     `json:"with_date"`      // … a publication date
	WithSite     int     `json:"with_site_name"` // … a site name
}

// Evaluate runs the pipeline on each page as text/html and on its clean text as
// text/plain. Claims match when their speakers' names agree (case and spacing
// aside) and their texts share at least half their words; outside counts page
// claims most of whose words are not in the clean text.
func Evaluate(ctx context.Context, p *pipeline.Pipeline, pages []Page) (Metrics, []string, error) {
	var m Metrics
	var notes []string
	var ap, ar, ac, aa counts
	for _, pg := range pages {
		pr, err := p.Article(ctx, claim.Article{ID: pg.ID, Text: pg.HTML, URL: pg.URL, ContentType: claim.ContentHTML}, 0)
		if err != nil {
			if errors.Is(err, htmlpage.ErrTooDeep) || errors.Is(err, htmlpage.ErrTooManyElements) {
				notes = append(notes, pg.ID+": refused: "+err.Error())
				m.Empty++
				continue
			}
			return m, notes, err
		}
		cr, err := p.Article(ctx, claim.Article{ID: pg.ID, Text: pg.Clean}, 0)
		if err != nil {
			return m, notes, err
		}
		m.Pages++
		d := pr.Document
		if d.Text == "" {
			m.Empty++
		}
		bp, br, bf := BodyF1(d.Text, pg.Clean)
		m.BodyP += bp
		m.BodyR += br
		m.BodyF1 += bf
		if d.Title != "" {
			m.WithTitle++
		}
		if d.Author != "" {
			m.WithAuthor++
		}
		if !d.Published.IsZero() {
			m.WithDate++
		}
		if d.SiteName != "" {
			m.WithSite++
		}
		cleanWords := wordSet(pg.Clean)
		for _, c := range pr.Claims {
			if share(c.Text, cleanWords) < 0.5 {
				m.Outside++
				notes = append(notes, fmt.Sprintf("%s: outside the body: %q", pg.ID[:12], clip(c.Text)))
			}
		}
		attrPage, attrClean := attributed(pr.Claims), attributed(cr.Claims)
		m.PageClaims += len(attrPage)
		m.CleanClaims += len(attrClean)
		ap.add(matches(attrPage, attrClean), len(attrPage))
		ar.add(matches(attrClean, attrPage), len(attrClean))
		ac.add(matches(pr.Claims, cr.Claims), len(pr.Claims))
		aa.add(matches(cr.Claims, pr.Claims), len(cr.Claims))
	}
	if m.Pages > 0 {
		n := float64(m.Pages)
		m.BodyP, m.BodyR, m.BodyF1 = m.BodyP/n, m.BodyR/n, m.BodyF1/n
	}
	m.AttrP, m.AttrR = ap.rate(), ar.rate()
	m.AttrF1 = f1(m.AttrP, m.AttrR)
	m.AllF1 = f1(ac.rate(), aa.rate())
	if ac.n > 0 {
		m.OutsideShare = float64(m.Outside) / float64(ac.n)
	}
	return m, notes, nil
}

type counts struct{ hit, n int }

func (c *counts) add(hit, n int) { c.hit += hit; c.n += n }
func (c counts) rate() float64 {
	if c.n == 0 {
		return 0
	}
	return float64(c.hit) / float64(c.n)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func attributed(cs []claim.Claim) []claim.Claim {
	var out []claim.Claim
	for _, c := range cs {
		if c.Speaker.Kind != claim.SpeakerArticle {
			out = append(out, c)
		}
	}
	return out
}

// matches counts the claims of a that have a counterpart in b.
func matches(a, b []claim.Claim) int {
	n := 0
	for _, x := range a {
		xw := wordSet(x.Text)
		for _, y := range b {
			if sameSpeaker(x, y) && overlap(xw, wordSet(y.Text)) >= 0.5 {
				n++
				break
			}
		}
	}
	return n
}

func sameSpeaker(a, b claim.Claim) bool {
	if a.Speaker.Kind == claim.SpeakerArticle || b.Speaker.Kind == claim.SpeakerArticle {
		return a.Speaker.Kind == b.Speaker.Kind
	}
	return strings.EqualFold(strings.Join(strings.Fields(a.Speaker.Name), " "), strings.Join(strings.Fields(b.Speaker.Name), " "))
}

// words lower-cases s and splits it at anything but letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range words(s) {
		m[w] = true
	}
	return m
}

// overlap is the share of the smaller set found in the other.
func overlap(a, b map[string]bool) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// share is the share of s's words found in set.
func share(s string, set map[string]bool) float64 {
	ws := words(s)
	if len(ws) == 0 {
		return 1
	}
	n := 0
	for _, w := range ws {
		if set[w] {
			n++
		}
	}
	return float64(n) / float64(len(ws))
}

// BodyF1 is the F1 of whitespace tokens, each weighted by its length in
// characters, between an extracted body and the clean text (the benchmark's
// token measure, weighted so long words count more than "a").
func BodyF1(pred, gold string) (p, r, f float64) {
	count := func(s string) map[string]int {
		m := map[string]int{}
		for _, w := range strings.Fields(s) {
			m[w]++
		}
		return m
	}
	pt, gt := count(pred), count(gold)
	var inter, np, ng int
	for w, c := range pt {
		np += c * len(w)
		inter += min(c, gt[w]) * len(w)
	}
	for w, c := range gt {
		ng += c * len(w)
	}
	if np == 0 || ng == 0 {
		return 0, 0, 0
	}
	p, r = float64(inter)/float64(np), float64(inter)/float64(ng)
	return p, r, f1(p, r)
}

func clip(s string) string {
	if len(s) > 90 {
		return s[:90] + "…"
	}
	return s
}
