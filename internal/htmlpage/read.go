package htmlpage

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// minBodyRunes is the shortest main text read as an article: below it the page is
// a login form, an index, an error page or an empty shell, and its few words
// (buttons, menu entries) would only yield wrong claims.
const minBodyRunes = 120

// Empty reasons, reported to the client with the empty result.
const (
	ReasonNoBody     = "no article body found: the page has no main text (a login form, an index page or an empty body)"
	ReasonLoginPage  = "no article body found: the page is a sign-in form"
	ReasonShortBody  = "no article body found: the page's main text is too short to be an article"
	reasonLibraryErr = "no article body found: "
)

// Page is a read web page: the claim.Document the pipeline reads, plus what maps
// its text back to the page.
type Page struct {
	claim.Document
	page string
	ix   *pageIndex
}

// Read extracts the main body and the metadata of page, a web page sent as
// UTF-8. pageURL (may be empty) is where the client got it; the page's own
// canonical URL wins. A page that is not an article is no error: its Document
// has empty Text and an EmptyReason. Errors are ErrTooDeep and
// ErrTooManyElements (the page is refused before parsing) and the context's.
func Read(ctx context.Context, page, pageURL string) (*Page, error) {
	if err := CheckShape(ctx, page); err != nil {
		return nil, err
	}
	type outcome struct {
		res *trafilatura.ExtractResult
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		// The library takes no context; CheckShape bounded its work, and the
		// buffered channel lets it finish and be collected if the caller leaves.
		defer func() {
			if p := recover(); p != nil {
				done <- outcome{err: fmt.Errorf("htmlpage: extraction library panicked: %v", p)}
			}
		}()
		res, err := extract(page, pageURL)
		done <- outcome{res, err}
	}()
	var out outcome
	select {
	case <-ctx.Done():
		return nil, fmt.Errorf("htmlpage: %w", ctx.Err())
	case out = <-done:
	}
	p := &Page{page: page}
	if out.err != nil {
		p.EmptyReason = reasonLibraryErr + out.err.Error()
		p.URL = pageURL
		return p, nil
	}
	p.Document = document(out.res, pageURL)
	switch n := utf8.RuneCountInString(p.Text); {
	case n == 0:
		p.EmptyReason = ReasonNoBody
	case n < minBodyRunes && isLoginPage(page):
		p.EmptyReason = ReasonLoginPage
	case n < minBodyRunes:
		p.EmptyReason = ReasonShortBody
	}
	if p.EmptyReason != "" {
		p.Text = ""
	}
	return p, nil
}

// extract runs the library on the parsed page. The page is parsed here with
// x/net/html rather than by the library, which would guess a charset and
// re-decode text that is already UTF-8.
func extract(page, pageURL string) (*trafilatura.ExtractResult, error) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return nil, err
	}
	opts := trafilatura.Options{ExcludeComments: true, Focus: trafilatura.Balanced, MaxTreeSize: MaxElements}
	if u, err := url.Parse(pageURL); err == nil && pageURL != "" {
		opts.OriginalURL = u
	}
	return trafilatura.ExtractDocument(doc, opts)
}

// document turns the library's result into the pipeline's type.
func document(r *trafilatura.ExtractResult, pageURL string) claim.Document {
	md := r.Metadata
	d := claim.Document{
		Title:    oneLine(md.Title),
		Author:   byline(md.Author),
		SiteName: oneLine(md.Sitename),
		URL:      md.URL,
		Language: md.Language,
	}
	if d.URL == "" {
		d.URL = pageURL
	}
	if !md.Date.IsZero() {
		d.Published = md.Date.UTC()
	}
	if r.ContentNode != nil {
		d.Text = tidy(render(r.ContentNode), d.Title)
	}
	return d
}

// tidy drops the paragraphs that are not article text: the headline repeated at
// the top (it is the title, reported as metadata), paragraphs without a letter or
// digit (a byline's leftover "·") and reader-facing furniture (furniture.go).
func tidy(text, title string) string {
	paras := strings.Split(text, "\n\n")
	out := paras[:0]
	for i, p := range paras {
		if i == 0 && title != "" && strings.EqualFold(oneLine(p), title) {
			continue
		}
		if !strings.ContainsFunc(p, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) || isFurniture(p) {
			continue
		}
		out = append(out, p)
	}
	return strings.Join(out, "\n\n")
}

// byline cleans the library's author string: "Jane Doe; JANE DOE" names one
// author twice (from the byline and a meta tag), so repeats are dropped.
func byline(s string) string {
	var out []string
	seen := map[string]bool{}
	for _, a := range strings.Split(s, ";") {
		a = oneLine(a)
		k := strings.ToLower(a)
		if a == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return strings.Join(out, "; ")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// isLoginPage says whether the page asks for a password.
func isLoginPage(page string) bool {
	lower := strings.ToLower(page)
	return strings.Contains(lower, `type="password"`) || strings.Contains(lower, `type='password'`) || strings.Contains(lower, "type=password")
}

// maxMisses is how many claims in a row may fail to map before HTMLSpans stops
// searching: text the library rewrote would otherwise cost a page scan per claim.
const maxMisses = 8

// HTMLSpans sets each claim's HTMLSpan (claims in text order, spans into p.Text)
// to the bytes of the page its text was written as, where it can be found.
func (p *Page) HTMLSpans(cs []claim.Claim) {
	if len(cs) == 0 {
		return
	}
	if p.ix == nil {
		p.ix = indexPage(p.page)
	}
	m := spanMapper{ix: p.ix}
	misses := 0
	for i := range cs {
		s, e, ok := m.find(cs[i].Text)
		if !ok {
			if misses++; misses >= maxMisses {
				return
			}
			continue
		}
		misses = 0
		cs[i].HTMLSpan = claim.Span{Start: s, End: e}
	}
}
