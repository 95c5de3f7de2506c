package claimtype

import (
	"slices"
	"unicode/utf8"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/tokens"
)

// ClassifyTokens is Classify for a caller that has already tokenised text
// (internal/tokens, the pipeline's shared tokenisation): toks are the tokens of
// text, their offsets shifted by off (text[t.Start-off:t.End-off] is each
// token). Where the tokens spell the same words as Classify reads — ASCII
// words, with inner periods (read as the words between them) or inner curly
// apostrophes, no apostrophe or hyphen glued to a word's end, no split
// contraction — it reads the words off the tokens instead of
// scanning the text again; otherwise it falls back to Classify. The result is
// always Classify's.
//
// masks, when not nil, holds WordMask of every token's Lower (masks[k] for
// toks[k]), looked up by a caller that probes its own table for each token
// anyway (internal/scoring joins these masks to its lexicon), so the words
// need no second probe here.
func (t *Typer) ClassifyTokens(text string, toks []tokens.Token, masks []uint32, off int, cue string) claim.Type {
	sc := t.pool.Get().(*scratch)
	defer t.pool.Put(sc)
	return t.classifyTokens(sc, text, toks, masks, off, cue)
}

// Buffers holds the buffers of typing one claim, for a caller that types
// claims one after another with per-call state of its own to keep them in
// (ClassifyTokensWith): typing a claim then costs no trip through the
// Typer's pool, which costs more than reading a short claim's words. The
// zero value is ready; it is not for concurrent use.
type Buffers struct {
	sc scratch
}

// ClassifyTokensWith is ClassifyTokens with the buffers given instead of
// the Typer's own.
func (t *Typer) ClassifyTokensWith(b *Buffers, text string, toks []tokens.Token, masks []uint32, off int, cue string) claim.Type {
	return t.classifyTokens(&b.sc, text, toks, masks, off, cue)
}

// classifyTokens is ClassifyTokens on the scratch given.
func (t *Typer) classifyTokens(sc *scratch, text string, toks []tokens.Token, masks []uint32, off int, cue string) claim.Type {
	ws, ok := t.wordsOfTokens(text, toks, masks, off, sc.words)
	sc.words = ws
	if !ok {
		sc.words, sc.buf = t.wordsOf(text, sc.words, sc.buf)
	}
	return t.classify(sc.words, text, cue)
}

// wordsOfTokens is wordsOf read off text's tokens (see ClassifyTokens), and
// whether the tokens allowed it; masks as for ClassifyTokens.
func (t *Typer) wordsOfTokens(text string, toks []tokens.Token, masks []uint32, off int, dst []word) ([]word, bool) {
	out := slices.Grow(dst[:0], min(len(toks), maxWords))
	prevEnd := -1 // end of the previous word token
	// toks are text's in order: when the first starts and the last ends
	// inside text, so does every one, and plainWords need not check
	fast := masks != nil && len(toks) > 0 && toks[0].Start >= off && toks[len(toks)-1].End-off <= len(text)
	for k := 0; k < len(toks); k++ {
		if fast {
			if out, k, prevEnd = plainWords(toks, masks, k, out, prevEnd); k == len(toks) {
				break
			}
		}
		tk := &toks[k] // not a copy: this loop runs over every claim's tokens
		if !tk.Word {
			// an apostrophe or hyphen right after a word is part of it for wordsOf
			if tk.Start == prevEnd && (tk.Lower == "'" || tk.Lower == "-" || tk.Lower == "’") {
				return out, false
			}
			continue
		}
		if tk.Start == prevEnd { // "could" + "n't": one word for wordsOf
			return out, false
		}
		if len(out) >= maxWords {
			break
		}
		s, e := tk.Start-off, tk.End-off
		if s < 0 || e > len(text) || s >= e {
			return out, false
		}
		dots, curly := false, false
		if !tk.Plain { // a plain token has neither (tokens scanned it)
			for b := s; b < e; b++ {
				switch c := text[b]; {
				case c == '.':
					dots = true
				case c < utf8.RuneSelf:
				case c == 0xe2 && b+2 < e && text[b+1] == 0x80 && text[b+2] == 0x99: // ’ inside the word
					curly = true
					b += 2
				default:
					return out, false
				}
			}
		}
		if dots {
			if curly {
				return out, false
			}
			out = t.dottedWords(out, text[s:e], tk.Lower)
			prevEnd = tk.End
			continue
		}
		// A word with ’ inside (only ASCII besides: "Moscow’s") is lowered and
		// folded by tokens as wordsOf does, and starts with an ASCII letter.
		var mask uint32
		if masks != nil {
			mask = masks[k]
		} else {
			mask = t.table.get(tk.Lower, fnv(tk.Lower))
		}
		c := text[s]
		out = appendWord(out, tk.Lower, 'A' <= c && c <= 'Z', mask)
		prevEnd = tk.End
	}
	return out, true
}

// plainWords is wordsOfTokens' loop for the commonest tokens: from toks[k]
// on, it appends the plain words (Token.Plain; their capital is Token.Upper,
// their masks are masks') and skips the punctuation between them while out
// has room, and returns out, the index of the first token it left to
// wordsOfTokens (a word glued to what precedes it, a word not plain, a mark
// right after a word, the maxWords-th word) and the end of the last word. It
// calls nothing, so it keeps its values in registers; the tokens must lie
// inside the text (wordsOfTokens checks their ends once), and the words'
// from and to are left as they were (only wordsOf reads them, in words it
// wrote itself).
func plainWords(toks []tokens.Token, masks []uint32, k int, out []word, prevEnd int) ([]word, int, int) {
	masks = masks[:len(toks)] // one bound for both
	for ; k < len(toks); k++ {
		tk := &toks[k]
		if tk.Start == prevEnd {
			break
		}
		if !tk.Word {
			continue
		}
		n := len(out)
		if !tk.Plain || n >= maxWords || n == cap(out) {
			break
		}
		out = out[:n+1]
		w := &out[n]
		w.low, w.cap, w.mask = tk.Lower, tk.Upper, masks[k]
		prevEnd = tk.End
	}
	return out, k, prevEnd
}

// dottedWords appends the words wordsOf reads in an ASCII token with inner
// periods ("U.S", "3.5"): the runs between the periods, each its own word
// (low, their lowered forms, is sliced from the token's Lower, which has the
// same offsets), stopping at maxWords.
func (t *Typer) dottedWords(out []word, w, low string) []word {
	for a := 0; a < len(w) && len(out) < maxWords; {
		b := a
		for b < len(w) && w[b] != '.' {
			b++
		}
		if b > a { // tokens never put two periods side by side, but be safe
			piece := low[a:b]
			c := w[a]
			out = append(out, word{low: piece, cap: 'A' <= c && c <= 'Z', mask: t.table.get(piece, fnv(piece))})
		}
		a = b + 1
	}
	return out
}

// WordMasks returns every single word the Typer knows with its mask as
// ClassifyTokens takes it (words of no class are absent: mask 0), for a
// caller that joins them to its own word table; the map is a fresh copy.
func (t *Typer) WordMasks() map[string]uint32 {
	out := make(map[string]uint32, len(t.words))
	for w, m := range t.words {
		out[w] = m
	}
	return out
}

// appendWord appends the word (low, capital, mask) to out, its fields written in
// place: a word built apart and then copied in costs a stall per word (the
// copy reads what was just stored).
func appendWord(out []word, low string, capital bool, mask uint32) []word {
	n := len(out)
	if n < cap(out) {
		out = out[:n+1]
	} else {
		out = append(out, word{})
	}
	w := &out[n]
	w.low, w.cap, w.mask, w.from, w.to = low, capital, mask, 0, 0
	return out
}
