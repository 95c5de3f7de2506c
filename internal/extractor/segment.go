package extractor

import (
	"context"
	"unicode"
	"unicode/utf8"
)

// Stage 2: segmentation. Each cleaned block is cut into tokens (words with their
// lexical classes, punctuation, quotation marks), quotation marks are paired into
// quote regions, and the tokens are grouped into sentences. A sentence never ends
// inside a quotation that closes within its line, so "“A. B,” he said." is one unit.

// tokKind is what a token is.
type tokKind uint8

const (
	tWord  tokKind = iota
	tComma         // ,
	tStop          // . ! ? …
	tColon         // :
	tSemi          // ;
	tDash          // — – and a free-standing hyphen
	// The three quotation kinds stay consecutive: pairQuotes skips the others by range.
	tOpenQ      // “ „ « `` and a straight quote that opens
	tCloseQ     // ” » and a straight quote that closes
	tStraightQ  // " or '' before pairing decides
	tOpenParen  // ( [
	tCloseParen // ) ]
	tOther      // anything else
)

// Token flags.
const (
	fCap        uint8 = 1 << iota // word starts with an upper-case letter
	fLower                        // word starts with a lower-case letter
	fAllCaps                      // two or more letters, all upper case
	fDigit                        // word starts with a digit
	fInQ                          // inside a quotation that closes within the block
	fInOpenQ                      // inside a quotation still open at the block's end
	fPeriod                       // word includes a final abbreviation period
	fPossessive                   // word ends in 's or ’s
)

// token is one word or mark. Offsets are int32 to keep the token small; Extract
// rejects input of 2 GiB or more.
type token struct {
	start, end int32
	cls        wordClass
	kind       tokKind
	flags      uint8
}

// quoteRegion is a paired (or unclosed) quotation: token indexes of its marks. open is
// -1 when the quotation was opened before the block (a continued quote); close is -1
// when it is still open at the block's end.
type quoteRegion struct {
	open, close int
}

// sentence is a run of tokens [t0,t1) within one block.
type sentence struct {
	t0, t1 int
	block  int
}

// blockToks records where a block's tokens and quote regions sit in the shared slices.
type blockToks struct {
	t0, t1 int
	q0, q1 int
}

// segmenter holds the scratch buffers of one Extract call.
type segmenter struct {
	lx     *lexicon
	toks   []token
	keys   []uint32 // keys[k] is foldHash of word token k's text; a mark's is 0 until setBlock names its kind (tokKey)
	quotes []quoteRegion
	lower  []byte
	cover  []int32 // scratch for flagQuoted
	err    error   // the context's error when tokenize stopped early
}

// ctxCheckBytes is how many bytes tokenize reads between context checks: a
// megabyte-long line of quotation marks is a million tokens.
const ctxCheckBytes = 32 << 10

// tokenize appends the tokens of text[b.Start:b.End] and pairs its quotes. When
// ctx ends midway it stops, returns what it has and records ctx's error in sg.err.
func (sg *segmenter) tokenize(ctx context.Context, text string, b Span) blockToks {
	bt := blockToks{t0: len(sg.toks), q0: len(sg.quotes)}
	marks := 0 // quotation marks: pairQuotes makes at most one region of each
	// Prose has a token every five or six bytes, so room for one every four
	// bytes is allocated once; a run of marks (a token a byte) doubles it from
	// there (push), where append would grow it by a quarter at a time and copy it
	// a dozen times.
	sg.toks = growCap(sg.toks, len(sg.toks)+(b.End-b.Start)/4+16)
	sg.keys = growCap(sg.keys, cap(sg.toks))
	nextCheck := b.Start + ctxCheckBytes
	for i := b.Start; i < b.End; {
		if i >= nextCheck {
			nextCheck = i + ctxCheckBytes
			if sg.err = ctx.Err(); sg.err != nil {
				break
			}
		}
		c := text[i]
		var r rune
		w := 1
		if c < utf8.RuneSelf {
			// ASCII fast path: white space and control bytes, then word starts,
			// as the general cases below would read them.
			switch asciiClass[c] {
			case asciiSkip:
				i++
				continue
			case asciiWord:
				i = sg.word(text, i, b.End)
				if i < b.End && text[i] == ' ' {
					i++ // the space after most words, skipped here rather than by a turn of the loop
				}
				continue
			case asciiMark:
				sg.push(token{start: int32(i), end: int32(i + 1), kind: asciiMarkKind[c]}, 0)
				i++
				continue
			}
			r = rune(c)
		} else {
			r, w = utf8.DecodeRuneInString(text[i:b.End])
		}
		kind := tOther
		switch {
		case isSpace(r) || r == utf8.RuneError || unicode.IsControl(r) || r == '\u200b' || r == '\ufeff':
			i += w
			continue
		case isWordRune(r):
			i = sg.word(text, i, b.End)
			continue
		case r == '\'' && i+1 < b.End && text[i+1] == '\'':
			kind, w = tStraightQ, 2
		case (r == '\'' || r == '’') && len(sg.toks) > bt.t0 && int(sg.toks[len(sg.toks)-1].end) == i &&
			contractionAt(text, i+w, b.End) > 0:
			i = sg.word(text, i, b.End) // "’s", "’ve" after "he", "they"
			continue
		case r == '\'' || r == '‘' || r == '’':
			// A lone single quote or apostrophe: nested quotations are read as
			// part of the quotation around them, so it is skipped like a space.
			i += w
			continue
		case r == '"':
			kind = tStraightQ
		case r == '`' && i+1 < b.End && text[i+1] == '`':
			kind, w = tOpenQ, 2
		default:
			kind = markKind(r)
		}
		if kind == tOpenQ || kind == tCloseQ || kind == tStraightQ {
			marks++
		}
		sg.push(token{start: int32(i), end: int32(i + w), kind: kind}, 0)
		i += w
	}
	bt.t1 = len(sg.toks)
	if sg.err != nil {
		return bt
	}
	if marks > 0 { // a block without quotation marks has nothing to pair or flag
		sg.quotes = growCap(sg.quotes, len(sg.quotes)+marks)
		sg.pairQuotes(ctx, text, bt.t0, bt.t1)
	}
	bt.q1 = len(sg.quotes)
	return bt
}

// push appends t and its key to the tokens, doubling the token buffer when it
// is full (the keys, a quarter of its size, grow as append grows them; tokenize
// gives both the same room first). The key of a word is the hash the decision
// features name it by (foldHash of its text), which word has folded while
// reading the word; a mark's key is 0, as a mark is named by its kind, which
// pairing may change. Small enough to be inlined where it is called.
func (sg *segmenter) push(t token, key uint32) {
	if len(sg.toks) == cap(sg.toks) {
		sg.toks = growCap(sg.toks, len(sg.toks)+1)
	}
	sg.toks = append(sg.toks, t)
	sg.keys = append(sg.keys, key)
}

// contractionHost says whether a lower-cased word can take a verb contraction that
// PolNeAR counts as part of a cue ("he’s said", "they’ve argued", "that’s according to").
func contractionHost(w []byte) bool {
	switch string(w) {
	case "he", "she", "it", "that", "who", "there", "what", "here", "where", "they", "we", "i", "you":
		return true
	}
	return false
}

// contractionAt returns the byte length of a verb contraction suffix ("s", "ve", "d",
// "ll", "re", "m") starting at i and ending the word, or 0.
func contractionAt(text string, i, end int) int {
	n := 0
	for i+n < end && n < 3 && text[i+n] >= 'a' && text[i+n] <= 'z' {
		n++
	}
	if i+n < end {
		if r, _ := utf8.DecodeRuneInString(text[i+n : end]); isWordRune(r) {
			return 0
		}
	}
	switch text[i : i+n] {
	case "s", "ve", "d", "ll", "re", "m":
		return n
	}
	return 0
}

// wordGeneral is word for any word: non-ASCII letters, inner apostrophes,
// hyphens, periods, digit commas and slashes, contractions and possessives.
func (sg *segmenter) wordGeneral(text string, i, end int) int {
	start := i
	sg.lower = sg.lower[:0]
	var flags uint8
	letters, uppers := 0, 0
	first := true
	internalDot := false
	seg := 0 // letters since the word start or the last internal period
	for i < end {
		if c := text[i]; asciiClass[c] == asciiWord {
			// ASCII letters, digits and $%&@#, as the general path reads them.
			if first {
				switch {
				case c >= 'A' && c <= 'Z':
					flags |= fCap
				case c >= 'a' && c <= 'z':
					flags |= fLower
				case c >= '0' && c <= '9':
					flags |= fDigit
				}
				first = false
			}
			seg++
			switch {
			case c >= 'A' && c <= 'Z':
				letters++
				uppers++
				c += 'a' - 'A'
			case c >= 'a' && c <= 'z':
				letters++
			}
			sg.lower = append(sg.lower, c)
			i++
			continue
		}
		r, w := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(text[i:end])
		}
		if isWordRune(r) {
			if first {
				switch {
				case unicode.IsUpper(r):
					flags |= fCap
				case unicode.IsLower(r):
					flags |= fLower
				case r >= '0' && r <= '9':
					flags |= fDigit
				}
				first = false
			}
			seg++
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					uppers++
				}
			}
			sg.lower = utf8.AppendRune(sg.lower, unicode.ToLower(r))
			i += w
			continue
		}
		// Connectors stay inside a word only when a word character follows.
		if r == '\'' || r == '’' || r == '-' || r == '.' || r == ',' || r == '/' {
			if (r == '\'' || r == '’') && i > start && contractionHost(sg.lower) && contractionAt(text, i+w, end) > 0 {
				break // "He’s predicting": the contraction is a word of its own
			}
			nr, nw := utf8.DecodeRuneInString(text[i+w : end])
			if nw == 0 || !isWordRune(nr) {
				break
			}
			if r == ',' && !(isDigit(nr) && i > start && isDigit(rune(text[i-1]))) {
				break
			}
			if r == '.' {
				if seg > 3 {
					break // "said.Trump": a missing space, not "U.S." or "cnn.com"
				}
				internalDot = true
				seg = 0
			}
			if r == '’' {
				r = '\''
			}
			sg.lower = utf8.AppendRune(sg.lower, r)
			i += w
			continue
		}
		break
	}
	// A final period belongs to the word when it is an abbreviation or an initial.
	if i < end && text[i] == '.' {
		withDot := append(sg.lower, '.')
		if internalDot || (letters == 1 && uppers == 1 && i-start == 1) || sg.lx.classOf(withDot)&clsAbbrev != 0 {
			sg.lower = withDot
			i++
			flags |= fPeriod
		}
	}
	if letters >= 2 && uppers == letters {
		flags |= fAllCaps
	}
	n := len(sg.lower)
	if n > 2 && sg.lower[n-2] == '\'' && sg.lower[n-1] == 's' {
		flags |= fPossessive
	}
	cls := sg.lx.classOf(sg.lower)
	if cls == 0 && flags&fPossessive != 0 {
		cls = sg.lx.classOf(sg.lower[:n-2]) & (clsOrg | clsDemonym | clsGroup | clsTitle)
	}
	sg.push(token{start: int32(start), end: int32(i), cls: cls, kind: tWord, flags: flags}, foldHash(text[start:i]))
	return i
}

// pairQuotes turns straight quotes into opening or closing marks by their neighbours,
// pairs marks into regions and flags the tokens inside them. When ctx ends midway it
// stops and records ctx's error in sg.err.
func (sg *segmenter) pairQuotes(ctx context.Context, text string, t0, t1 int) {
	q0 := len(sg.quotes)
	var stack [8]int
	depth := 0
	toks := sg.toks
	nextCheck := t0 + ctxCheckBytes - 1 // a megabyte of quotation marks is a million tokens
	for i := t0; i < t1; i++ {
		if i == nextCheck {
			nextCheck += ctxCheckBytes
			if sg.err = ctx.Err(); sg.err != nil {
				return
			}
		}
		t := &toks[i]
		if t.kind < tOpenQ || t.kind > tStraightQ {
			continue // not a quotation mark: most tokens
		}
		if t.kind == tOpenQ || t.kind == tCloseQ {
			t.kind = curlyKind(text, toks, i, t0)
		}
		if t.kind == tStraightQ {
			opens := opensAt(text, toks, i, t0)
			topStraight := depth > 0 && (text[toks[stack[depth-1]].start] == '"' || text[toks[stack[depth-1]].start] == '\'')
			switch {
			case topStraight:
				t.kind = tCloseQ
			case opens:
				t.kind = tOpenQ
			default:
				t.kind = tCloseQ
			}
		}
		switch t.kind {
		case tOpenQ:
			if depth < len(stack) {
				stack[depth] = i
				depth++
			}
		case tCloseQ:
			if depth > 0 {
				depth--
				sg.quotes = append(sg.quotes, quoteRegion{open: stack[depth], close: i})
			} else {
				sg.quotes = append(sg.quotes, quoteRegion{open: -1, close: i})
			}
		}
	}
	for depth > 0 {
		depth--
		sg.quotes = append(sg.quotes, quoteRegion{open: stack[depth], close: -1})
	}
	sg.flagQuoted(q0, t0, t1)
}

// flagQuoted sets fInQ on the tokens inside a closed quotation and fInOpenQ on those
// inside one still open at the block's end. It sweeps the regions' boundaries once
// (a difference array per flag), so the cost is linear in the block however many
// regions overlap: a line of 100,000 straight quotes makes as many regions that all
// reach back to the block's start, and flagging each range separately was quadratic.
func (sg *segmenter) flagQuoted(q0, t0, t1 int) {
	n := t1 - t0
	if len(sg.quotes) == q0 || n == 0 {
		return
	}
	if cap(sg.cover) < 2*(n+1) {
		sg.cover = make([]int32, 2*(n+1))
	}
	inQ, inOpen := sg.cover[:n+1], sg.cover[n+1:2*(n+1)]
	clear(inQ)
	clear(inOpen)
	for _, q := range sg.quotes[q0:] {
		from, to, d := q.open+1, q.close, inQ
		if q.open < 0 {
			from = t0
		}
		if q.close < 0 {
			to, d = t1, inOpen
		}
		if from < to {
			d[from-t0]++
			d[to-t0]--
		}
	}
	var cq, co int32
	toks := sg.toks
	for k := 0; k < n; k++ {
		cq += inQ[k]
		co += inOpen[k]
		if cq > 0 {
			toks[t0+k].flags |= fInQ
		}
		if co > 0 {
			toks[t0+k].flags |= fInOpenQ
		}
	}
}

// curlyKind corrects a curly quotation mark typed the wrong way round: “ glued to
// the word before it and followed by a space closes ("unusual,“ said"), ” after a
// space and glued to a word opens ("says,” there"). Other marks keep their kind.
func curlyKind(text string, toks []token, i, t0 int) tokKind {
	t := toks[i]
	if t.end-t.start != 3 {
		return t.kind
	}
	glued := i > t0 && toks[i-1].end == t.start &&
		(toks[i-1].kind == tWord || toks[i-1].kind == tStop || toks[i-1].kind == tComma)
	spaceAfter := int(t.end) >= len(text) || text[t.end] == ' ' || text[t.end] == '\n'
	spaceBefore := i == t0 || text[t.start-1] == ' ' || text[t.start-1] == '\n'
	switch {
	case t.kind == tOpenQ && text[t.start:t.end] == "“" && glued && spaceAfter:
		return tCloseQ
	case t.kind == tCloseQ && text[t.start:t.end] == "”" && spaceBefore && !spaceAfter:
		return tOpenQ
	}
	return t.kind
}

// opensAt says whether the straight quote token i opens a quotation: it stands at the
// block's start or after a space, dash or opening bracket, and a word follows it.
func opensAt(text string, toks []token, i, t0 int) bool {
	t := &toks[i]
	before := i == t0 || int(t.start) == 0 || text[t.start-1] == ' ' || text[t.start-1] == '\t' || text[t.start-1] == '\n' ||
		toks[i-1].kind == tOpenParen || toks[i-1].kind == tDash || toks[i-1].kind == tColon && toks[i-1].end < t.start
	if i > t0 && toks[i-1].end == t.start && (toks[i-1].kind == tWord || toks[i-1].kind == tStop || toks[i-1].kind == tComma) {
		before = false
	}
	after := int(t.end) < len(text) && text[t.end] != ' ' && text[t.end] != '\n'
	return before && after || i == t0
}

// maxSentenceTokens is the length after which a sentence ends at the next full stop
// even inside a quotation; at twice this length it is cut wherever it is. Real
// sentences, multi-sentence quotations included, stay far below; hostile input
// (megabytes without a full stop) cannot make the per-sentence stages quadratic.
const maxSentenceTokens = 256

// sentences appends the sentences of one block.
func (sg *segmenter) sentences(text string, bt blockToks, blockIdx int, dst []sentence) []sentence {
	toks := sg.toks
	s0 := bt.t0
	for i := bt.t0; i < bt.t1; i++ {
		if i-s0 >= 2*maxSentenceTokens {
			// No boundary in sight (a run-on line, a list of names): cut, so the
			// later stages' work per sentence stays bounded.
			dst = append(dst, sentence{t0: s0, t1: i, block: blockIdx})
			s0 = i
		}
		t := &toks[i]
		end := false
		switch {
		case t.kind == tStop:
			end = true
		case t.flags&fPeriod != 0 && t.kind == tWord && t.cls&clsTitle == 0 && !isInitial(*t):
			// "the U.S. The ambassador …": an abbreviation ends the sentence only
			// before a capitalised function word.
			if i+1 < bt.t1 {
				n := toks[i+1]
				end = n.kind == tWord && n.flags&fCap != 0 && n.cls&(clsDet|clsPronoun|clsIntro|clsConj|clsClause) != 0
			}
		}
		if !end {
			continue
		}
		long := i-s0 >= maxSentenceTokens
		j := i + 1
		for j < bt.t1 && (toks[j].kind == tCloseQ || toks[j].kind == tCloseParen || toks[j].kind == tStop) {
			j++
		}
		if j >= bt.t1 {
			break
		}
		n := toks[j]
		if n.flags&fInQ != 0 && !long {
			continue // inside a quotation that closes later in this line
		}
		if (n.kind == tWord && n.flags&fLower != 0 || n.kind == tComma && j == i+1) && !long {
			continue // "Sen. Jane Doe, R-Neb., said": a period before a comma abbreviates
		}
		if toks[j-1].kind == tCloseQ && sg.attributionFollows(j, bt.t1) && !long {
			continue // “… OK?” Trump said.
		}
		dst = append(dst, sentence{t0: s0, t1: j, block: blockIdx})
		s0 = j
		i = j - 1
	}
	if s0 < bt.t1 {
		dst = append(dst, sentence{t0: s0, t1: bt.t1, block: blockIdx})
	}
	return dst
}

// attributionFollows says whether a short speaker phrase and a reporting verb start
// at token j ("Trump said", "said Trump", "the minister added"), so a quotation
// ending in ? or ! before j does not end the sentence.
func (sg *segmenter) attributionFollows(j, t1 int) bool {
	for k := j; k < t1 && k < j+5; k++ {
		t := sg.toks[k]
		if t.kind != tWord {
			return false
		}
		if t.cls&clsVerb != 0 && (t.flags&fLower != 0 || k == j) {
			return true
		}
	}
	return false
}

func isInitial(t token) bool { return t.end-t.start == 2 && t.flags&fCap != 0 }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			r == '$' || r == '%' || r == '&' || r == '@' || r == '#'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// markKind is the kind of a mark that is a token of its own whatever stands
// around it (every mark but the quotes ' " ` and ‘ ’, which tokenize reads by
// their neighbours): tOther for one of no kind of its own.
func markKind(r rune) tokKind {
	switch r {
	case '“', '„', '«':
		return tOpenQ
	case '”', '»':
		return tCloseQ
	case ',':
		return tComma
	case '.', '!', '?', '…':
		return tStop
	case ':':
		return tColon
	case ';':
		return tSemi
	case '—', '–', '-':
		return tDash
	case '(', '[':
		return tOpenParen
	case ')', ']':
		return tCloseParen
	}
	return tOther
}

// asciiKind is how the tokenizer reads an ASCII byte on its own.
type asciiKind uint8

const (
	asciiOther asciiKind = iota // a quote (' " `), read by the general cases
	asciiSkip                   // white space or a control byte, skipped
	asciiWord                   // a word character (isWordRune)
	asciiMark                   // any other mark: a token of kind asciiMarkKind
)

// asciiClass is asciiKind by byte; bytes from utf8.RuneSelf up are asciiOther.
// Read-only after package initialisation.
var asciiClass = func() (t [256]asciiKind) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch r := rune(c); {
		case isSpace(r) || unicode.IsControl(r):
			t[c] = asciiSkip
		case isWordRune(r):
			t[c] = asciiWord
		case r != '\'' && r != '"' && r != '`':
			t[c] = asciiMark
		}
	}
	return t
}()

// asciiMarkKind is markKind of each asciiMark byte. Read-only after package
// initialisation.
var asciiMarkKind = func() (t [utf8.RuneSelf]tokKind) {
	for c := range t {
		t[c] = markKind(rune(c))
	}
	return t
}()

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isUpper(r rune) bool { return unicode.IsUpper(r) }

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r)
}
