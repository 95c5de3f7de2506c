package htmlpage

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Rendering: the library's content tree (HTML elements; the names of
// trafilatura's vocabulary, head, list, item, quote, lb, hi, row, cell, graphic,
// are still understood) becomes plain text the extractor reads as it reads a typed article:
// paragraphs and headings separated by a blank line, list items on lines of
// their own with a "- " marker, a line break as a newline, and white space inside
// a paragraph collapsed to single spaces. Code blocks and figure captions are
// left out: code never holds claims, and a caption describes a photo, not the
// story.

// blockTags start a paragraph of their own.
var blockTags = map[string]bool{
	"p": true, "div": true, "head": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "quote": true, "blockquote": true, "table": true, "row": true,
	"tr": true, "section": true, "article": true, "body": true, "main": true, "figure": true,
	"dl": true, "dt": true, "dd": true, "header": true, "footer": true,
}

// listTags hold items; itemTags are items, written as "- item" lines.
var (
	listTags = map[string]bool{"list": true, "ul": true, "ol": true}
	itemTags = map[string]bool{"item": true, "li": true}
	skipTags = map[string]bool{"code": true, "pre": true, "script": true, "style": true, "graphic": true, "img": true, "noscript": true, "template": true, "figcaption": true}
	cellTags = map[string]bool{"cell": true, "td": true, "th": true}
	breaks   = map[string]bool{"lb": true, "br": true}
)

// renderer builds the text. sep is the separator owed before the next word:
// none, a space, a newline or a paragraph break; it is written lazily so no
// paragraph starts or ends with white space.
type renderer struct {
	b   strings.Builder
	sep int
}

const (
	sepNone = iota
	sepSpace
	sepLine
	sepPara
)

func (r *renderer) want(sep int) {
	if r.b.Len() == 0 || sep <= r.sep {
		return
	}
	if sep == sepSpace && r.sep == sepNone && strings.HasSuffix(r.b.String(), " ") {
		return // right after a list marker
	}
	r.sep = sep
}

func (r *renderer) text(s string) {
	for len(s) > 0 {
		c, w := utf8.DecodeRuneInString(s)
		s = s[w:]
		if unicode.IsSpace(c) || c == 0 {
			r.want(sepSpace)
			continue
		}
		switch r.sep {
		case sepSpace:
			r.b.WriteByte(' ')
		case sepLine:
			r.b.WriteByte('\n')
		case sepPara:
			r.b.WriteString("\n\n")
		}
		r.sep = sepNone
		r.b.WriteRune(c)
	}
}

// render writes the text of the content tree under n.
func render(n *html.Node) string {
	var r renderer
	r.node(n, 0)
	return r.b.String()
}

// maxRenderDepth bounds the recursion; CheckShape already bounds the page's
// nesting, this guards the library's own tree.
const maxRenderDepth = 2 * MaxDepth

func (r *renderer) node(n *html.Node, depth int) {
	if depth > maxRenderDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		r.text(n.Data)
		return
	case html.ElementNode, html.DocumentNode:
	default:
		return
	}
	tag := n.Data
	switch {
	case skipTags[tag] && !(tag == "code" && inlineCode(n)):
		r.want(sepPara)
		return
	case breaks[tag]:
		r.want(sepLine)
		return
	case itemTags[tag]:
		r.want(sepLine)
		if r.b.Len() > 0 && r.sep == sepNone {
			r.sep = sepLine
		}
		r.textMarker()
	case listTags[tag], blockTags[tag]:
		r.want(sepPara)
	case cellTags[tag]:
		r.want(sepSpace)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.node(c, depth+1)
	}
	switch {
	case listTags[tag], blockTags[tag]:
		r.want(sepPara)
	case itemTags[tag]:
		r.want(sepLine)
	}
}

// textMarker writes the "- " that makes a line a list item for the extractor.
func (r *renderer) textMarker() {
	r.text("-")
	r.b.WriteByte(' ')
	r.sep = sepNone
}

// inlineCode says whether a <code> element sits inside running text (a word in a
// paragraph, kept) rather than being a block of its own (dropped).
func inlineCode(n *html.Node) bool {
	p := n.Parent
	return p != nil && (p.Data == "p" || p.Data == "hi" || p.Data == "item" || p.Data == "li") &&
		(n.PrevSibling != nil || n.NextSibling != nil)
}
