package extractor

import (
	"context"
	"strings"
	"unicode/utf8"
)

// Stage 1: cleaning. The text is never rewritten: cleaning decides which byte ranges
// are article body, which are headlines or list items, and which are site furniture
// to skip, so every later span still points into the original text.

// blockKind says what a line of the page is.
type blockKind uint8

const (
	blockBody     blockKind = iota // running article text
	blockHeadline                  // a title or subhead on its own line
	blockList                      // a bulleted or numbered item
)

// block is one stretch of a line, or of soft-wrapped lines, that survived cleaning.
// Blocks are hard sentence boundaries; para counts blank-line separated paragraphs so quotes can continue
// from one paragraph to the next.
type block struct {
	span Span
	kind blockKind
	para int
}

// Span is a byte range into the original text (the stages' own copy of claim.Span,
// kept local so the stages stay independent of the output type).
type Span struct{ Start, End int }

// Empty reports whether the span covers no text.
func (s Span) Empty() bool { return s.End <= s.Start }

// minTableCellWords is the length from which a table cell is prose (a broken page
// layout put a paragraph in a table) rather than a table entry.
const minTableCellWords = 12

// maxHeadlineWords bounds a line without final punctuation that reads as a headline.
const maxHeadlineWords = 20

// clean splits text into body, headline and list blocks, dropping furniture lines
// ("Previous Article" and the headline after it, "Write a Comment"), table rows,
// bylines, code and data lines (JSON, JavaScript, CSS; see code.go), "[CITATION: …]"
// markers and "ADVERTISEMENT". A single newline inside a paragraph is read as a soft
// wrap when softWrap says so (softwrap.go): the lines become one block. It appends to
// dst.
func (e *Extractor) clean(ctx context.Context, text string, dst []block) ([]block, error) {
	para := 0
	nextCheck := ctxCheckBytes // a megabyte of short lines is a million lines to read
	dropNext := false
	blank := true
	var pend pending // the kept lines not yet emitted, joined by soft wraps
	inCode := false  // the previous line of this paragraph was code or data
	flush := func() {
		if pend.ok {
			dst = e.inlineCruft(text, pend.start, pend.end, pend.kind(text), para, dst)
			pend = pending{}
		}
	}
	for pos := 0; pos < len(text); {
		if pos >= nextCheck {
			nextCheck = pos + ctxCheckBytes
			if err := ctx.Err(); err != nil {
				return dst, err
			}
		}
		nl := strings.IndexByte(text[pos:], '\n')
		end := len(text)
		if nl >= 0 {
			end = pos + nl
		}
		ls, le := trimSpace(text, pos, end)
		pos = end + 1
		if ls >= le {
			flush()
			inCode = false
			if !blank {
				para++
			}
			blank = true
			continue
		}
		blank = false
		line := text[ls:le]
		if dropNext {
			dropNext = false
			flush()
			continue
		}
		if len(line) <= maxCruftLine {
			if cruft, next := e.lx.isCruft(line); cruft {
				flush()
				dropNext = next
				continue
			}
		}
		if isCodeLine(line) || inCode && continuesCode(line) {
			flush()
			inCode = true
			continue
		}
		inCode = false
		if isByline(line) {
			flush()
			continue
		}
		if strings.IndexByte(line, '|') >= 0 {
			flush()
			dst = e.tableCells(text, ls, le, para, dst)
			continue
		}
		if pend.ok && softWrap(text[pend.lastStart:pend.end], line, pend.joined) {
			pend.end, pend.lastStart, pend.joined = le, ls, true
			continue
		}
		flush()
		pend = pending{ok: true, start: ls, end: le, lastStart: ls}
	}
	flush()
	return dst, nil
}

// maxCruftLine is the longest line looked up as furniture.
const maxCruftLine = 40

// isCruft says whether a line of at most maxCruftLine bytes is furniture
// (lower-cased, it is in cruft.txt) and whether the line after it goes too. An
// ASCII line is lower-cased on the stack; others go through strings.ToLower.
func (lx *lexicon) isCruft(line string) (cruft, next bool) {
	var buf [maxCruftLine]byte
	key := buf[:0]
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c >= utf8.RuneSelf || len(key) == len(buf) {
			k := strings.ToLower(line)
			return lx.cruft[k], lx.cruftNext[k]
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		key = append(key, c)
	}
	if !lx.cruft[string(key)] {
		return false, false
	}
	return true, lx.cruftNext[string(key)]
}

// pending is a run of kept lines of one paragraph that soft wraps join into one block.
type pending struct {
	ok         bool
	start, end int  // the block so far
	lastStart  int  // where its last line starts
	joined     bool // more than one line
}

// kind classifies the pending block: a single line by its shape, joined lines as body
// (or a list item when the first line has a marker).
func (p pending) kind(text string) blockKind {
	first := text[p.start:p.end]
	if p.joined {
		if nl := strings.IndexByte(first, '\n'); nl >= 0 {
			first = first[:nl]
		}
	}
	switch {
	case isListItem(first):
		return blockList
	case !p.joined && isHeadline(first):
		return blockHeadline
	case p.joined && isHeadline(text[p.start:p.end]) && isTitleCase(text[p.start:p.end]):
		return blockHeadline // a headline wrapped over two lines
	}
	return blockBody
}

// tableCells keeps the cells of a pipe-table line that are long enough to be prose
// and drops the rest (headers, separators, short entries).
func (e *Extractor) tableCells(text string, ls, le, para int, dst []block) []block {
	for cs := ls; cs < le; {
		bar := strings.IndexByte(text[cs:le], '|')
		ce := le
		if bar >= 0 {
			ce = cs + bar
		}
		s, t := trimSpace(text, cs, ce)
		// Prose before a stray pipe ("… the conflict. ADVERTISEMENT |") is kept.
		lead := cs == ls && text[ls] != '|' && wordsUpTo(text[s:t], 3) >= 3
		if s < t && (lead || wordsUpTo(text[s:t], minTableCellWords) >= minTableCellWords) {
			dst = e.inlineCruft(text, s, t, blockBody, para, dst)
		}
		cs = ce + 1
	}
	return dst
}

// inlineCruft appends [ls,le) as blocks, cutting out "[CITATION: …]"-style markers
// and the word ADVERTISEMENT.
func (e *Extractor) inlineCruft(text string, ls, le int, kind blockKind, para int, dst []block) []block {
	start := ls
	emit := func(s, t int) {
		s, t = trimSpace(text, s, t)
		if s < t {
			dst = append(dst, block{span: Span{s, t}, kind: kind, para: para})
		}
	}
	// Only a '[' or an occurrence of ADVERTISEMENT can start a cut: jump from one
	// to the next (IndexByte, Index) instead of looking at every byte. Each holds
	// the next occurrence at or after i, searched again only once i passes it, so
	// the line is scanned about once whatever it holds.
	const ad = "ADVERTISEMENT"
	nb, na := ls-1, ls-1 // next '[' and next ADVERTISEMENT, le when none
	for i := ls; i < le; {
		if nb < i {
			nb = le
			if k := strings.IndexByte(text[i:le], '['); k >= 0 {
				nb = i + k
			}
		}
		if na < i {
			na = le
			if k := strings.Index(text[i:le], ad); k >= 0 {
				na = i + k
			}
		}
		switch i = min(nb, na); {
		case i >= le:
		case i == nb:
			if end := markerEnd(text, i, le); end > i {
				emit(start, i)
				start, i = end, end
				continue
			}
			i++
		default:
			if (i == ls || !isASCIIWordByte(text[i-1])) && (i+len(ad) == le || !isASCIIWordByte(text[i+len(ad)])) {
				emit(start, i)
				start, i = i+len(ad), i+len(ad)
				continue
			}
			i++
		}
	}
	emit(start, le)
	return dst
}

// markerEnd returns the end of an editorial marker "[WORD: …]" starting at i (an
// upper-case label followed by a colon), or -1.
func markerEnd(text string, i, le int) int {
	j := i + 1
	for j < le && text[j] >= 'A' && text[j] <= 'Z' {
		j++
	}
	if j-i < 3 || j >= le || text[j] != ':' {
		return -1
	}
	if nl := strings.IndexByte(text[j:le], '\n'); nl >= 0 {
		le = j + nl // a marker never runs past its line, even in a soft-wrapped block
	}
	k := strings.IndexByte(text[j:le], ']')
	if k < 0 {
		return le
	}
	return j + k + 1
}

func isASCIIWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isByline recognises "By Jane Doe" and "By Jane Doe and John Roe, Reuters" lines.
func isByline(line string) bool {
	if !strings.HasPrefix(line, "By ") && !strings.HasPrefix(line, "BY ") {
		return false
	}
	words := strings.Fields(line[3:])
	if len(words) == 0 || len(words) > 8 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !isUpper(r) && w != "and" {
			return false
		}
	}
	return true
}

// isListItem recognises "- item", "* item", "• item" and "1. item" lines.
func isListItem(line string) bool {
	if strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ") || strings.HasPrefix(line, "• ") {
		return true
	}
	i := 0
	for i < len(line) && i < 3 && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(line) && (line[i] == '.' || line[i] == ')') && line[i+1] == ' '
}

// isHeadline recognises a short line with no sentence-final punctuation.
func isHeadline(line string) bool {
	r, _ := utf8.DecodeLastRuneInString(line)
	switch r {
	case '.', '!', '?', '"', '\'', '”', '’', ':', ';', ',', '…', ')':
		return false
	}
	n := wordsUpTo(line, maxHeadlineWords+1)
	return n >= 1 && n <= maxHeadlineWords
}

// wordsUpTo counts the words of s separated by spaces, tabs and newlines, up to
// limit: it stops reading once limit words are seen, so a length test on a long
// line reads only its start.
func wordsUpTo(s string, limit int) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		sp := s[i] == ' ' || s[i] == '\t' || s[i] == '\n'
		if !sp && !in {
			if n++; n >= limit {
				return n
			}
		}
		in = !sp
	}
	return n
}

// trimSpace narrows [s,e) past ASCII and Unicode white space at both ends.
func trimSpace(text string, s, e int) (int, int) {
	for s < e {
		r, w := utf8.DecodeRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		s += w
	}
	for e > s {
		r, w := utf8.DecodeLastRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		e -= w
	}
	return s, e
}
