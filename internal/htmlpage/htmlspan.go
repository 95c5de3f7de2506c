package htmlpage

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Mapping back to the page. The extracted text is not a substring of the page
// (tags, entities and white space differ), so the page's visible text is indexed
// once with its non-space characters in order, each with the byte range of the
// page it was written as (an entity such as &amp; is one character over five
// bytes). A range of the extracted text is found in that index by its non-space
// characters, searching forward from the previous match since claims come in
// text order, and reported as the page bytes from its first character to its
// last.

// pageIndex is the page's visible text without white space. flat[i] came from
// page bytes [start[i], end[i]).
type pageIndex struct {
	flat       string
	start, end []int32
}

// hiddenText are elements whose text is not visible prose.
var hiddenText = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "title": true, "textarea": true}

// indexPage builds the index of page in one tokenizer pass.
func indexPage(page string) *pageIndex {
	ix := &pageIndex{}
	var flat strings.Builder
	z := html.NewTokenizer(strings.NewReader(page))
	off := 0
	hidden := ""
	for {
		tt := z.Next()
		raw := z.Raw()
		base := off
		off += len(raw)
		switch tt {
		case html.ErrorToken:
			ix.flat = flat.String()
			return ix
		case html.StartTagToken:
			if name, _ := z.TagName(); hidden == "" && hiddenText[string(name)] {
				hidden = string(name)
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == hidden {
				hidden = ""
			}
		case html.TextToken:
			if hidden == "" {
				ix.addText(&flat, string(raw), base)
			}
		}
	}
}

// addText appends the non-space characters of one raw text token, decoding
// character references.
func (ix *pageIndex) addText(flat *strings.Builder, raw string, base int) {
	emit := func(s string, from, to int) {
		for _, r := range s {
			if unicode.IsSpace(r) {
				continue
			}
			n := utf8.RuneLen(r)
			if n < 0 {
				n = 3 // utf8.RuneError as written by WriteRune
			}
			flat.WriteRune(r)
			for k := 0; k < n; k++ {
				ix.start = append(ix.start, int32(base+from))
				ix.end = append(ix.end, int32(base+to))
			}
		}
	}
	for i := 0; i < len(raw); {
		if raw[i] == '&' {
			if j := strings.IndexByte(raw[i:min(len(raw), i+40)], ';'); j > 1 {
				ref := raw[i : i+j+1]
				if u := html.UnescapeString(ref); u != ref {
					emit(u, i, i+j+1)
					i += j + 1
					continue
				}
			}
		}
		_, w := utf8.DecodeRuneInString(raw[i:])
		emit(raw[i:i+w], i, i+w)
		i += w
	}
}

// spanMapper finds successive ranges of the extracted text in the page.
type spanMapper struct {
	ix     *pageIndex
	cursor int
	sq     []byte
}

// find returns the page byte range of text (a range of the extracted text), or
// ok false when its characters do not occur in the page from the cursor on.
func (m *spanMapper) find(text string) (start, end int, ok bool) {
	m.sq = m.sq[:0]
	for _, r := range text {
		if !unicode.IsSpace(r) {
			m.sq = utf8.AppendRune(m.sq, r)
		}
	}
	if len(m.sq) == 0 {
		return 0, 0, false
	}
	k := strings.Index(m.ix.flat[m.cursor:], string(m.sq))
	if k < 0 {
		return 0, 0, false
	}
	k += m.cursor
	m.cursor = k
	last := k + len(m.sq) - 1
	return int(m.ix.start[k]), int(m.ix.end[last]), true
}
