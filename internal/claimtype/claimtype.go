// Package claimtype tells what kind of assertion a claim is — an event, a
// statement of fact, a prediction or plan, an opinion or assessment, a
// recommendation, meta-commentary — or that it is no proposition at all (a
// heading, filler, a bare noun phrase such as "the continuity of diplomatic
// channels"). Linking reads it: only propositions anchor links, a prediction never
// updates a past fact, and an opinion opposes a fact only through a readable cue.
//
// The rules are readable and cheap (one pass over the words, embedded word classes
// in data/words.tsv), so typing every claim costs far less than extracting it.
package claimtype

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/claimsvc/claimsvc/internal/claim"
)

//go:embed data/words.tsv
var wordsTSV string

// Word classes of data/words.tsv, one bit each in a word's mask.
const (
	cAux = iota
	cCopula
	cDet
	cEventcue
	cFuture
	cMetanoun
	cMetaverb
	cModal
	cOpinion
	cPast
	cPlancue
	cPrep
	cRecommend
	cRelative
	cSaycue
	cVerb
	numClasses
)

// startsMulti is the mask bit (above the classes' own) that marks a word as
// the first word of some multi-word phrase of class cls, so phraseAt walks the
// class's phrases only at words that can open one.
func startsMulti(cls int) uint32 { return 1 << (numClasses + cls) }

// A mask holds both bits of every class in 32 bits.
const _ = uint32(1 << (2*numClasses - 1))

// classNames are the class names words.tsv uses, in constant order.
var classNames = [numClasses]string{"aux", "copula", "det", "eventcue", "future", "metanoun", "metaverb", "modal", "opinion", "past", "plancue", "prep", "recommend", "relative", "saycue", "verb"}

// Typer classifies claims. It is immutable after New and safe for concurrent use.
type Typer struct {
	words map[string]uint32      // word → the classes it belongs to (one bit each)
	multi [numClasses][][]string // class → multi-word phrases
	// joined is multi with each phrase's words joined by single spaces, as
	// multiIs compares them: joined once here, not per phrase per call.
	joined [numClasses][]string
	table  wordTable // words again, probed by wordsOf with the hash it computes
	pool   sync.Pool // *scratch: the buffers of one Classify call
}

// scratch holds the reusable buffers of one Classify call.
type scratch struct {
	words []word
	buf   []byte
}

// New parses the embedded word classes.
func New() (*Typer, error) {
	t := &Typer{words: map[string]uint32{}}
	t.pool.New = func() any { return &scratch{words: make([]word, 0, 32)} }
	byName := map[string]int{}
	for i, n := range classNames {
		byName[n] = i
	}
	sc := bufio.NewScanner(strings.NewReader(wordsTSV))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, w, ok := strings.Cut(line, "\t")
		cls, known := byName[name]
		if !ok || w == "" || !known {
			return nil, fmt.Errorf("claimtype: words.tsv line %d: want class<TAB>word with a known class", n)
		}
		if strings.Contains(w, " ") {
			p := strings.Fields(w)
			t.multi[cls] = append(t.multi[cls], p)
			t.joined[cls] = append(t.joined[cls], strings.Join(p, " "))
			t.words[p[0]] |= startsMulti(cls)
			continue
		}
		t.words[w] |= 1 << cls
	}
	t.table = newWordTable(t.words)
	return t, nil
}

// word is one lower-case word of a claim and whether it was capitalised.
type word struct {
	low  string
	cap  bool
	mask uint32 // the word's classes
	// from and to locate low in wordsOf's lowering buffer until it is made a
	// string (to > 0 only while wordsOf runs).
	from, to int
}

// maxWords bounds the words read of one claim: the type is decided by how a claim
// opens and its main verb, never by the tail of a megabyte "claim".
const maxWords = 80

// wordsOf appends the words of text to dst (at most maxWords), lowering them
// into buf: a word already in lower-case ASCII is a slice of text, the other
// ASCII words share one string made of buf at the end, so a claim costs at most
// one allocation however many capitalised words it has. Each word's classes are
// found in one probe of the word table, its hash computed while it is read. It
// returns both buffers for reuse.
func (t *Typer) wordsOf(text string, dst []word, buf []byte) ([]word, []byte) {
	out := dst[:0]
	buf = buf[:0]
	pending := false // some word's low is still an offset range into buf
	for i := 0; i < len(text) && len(out) < maxWords; {
		if c := text[i]; c < utf8.RuneSelf {
			if !asciiAlnum(c) {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(text[i:]); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += size
			continue
		}
		// a word starts at i: letters and digits, then also apostrophes and hyphens
		start, ascii, upper, h := i, true, false, uint64(fnvOffset)
		for i < len(text) {
			c := text[i]
			if c < utf8.RuneSelf {
				if !asciiAlnum(c) && c != '\'' && c != '-' {
					break
				}
				if 'A' <= c && c <= 'Z' {
					upper = true
					c += 'a' - 'A'
				}
				h = (h ^ uint64(c)) * fnvPrime
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '’' {
				break
			}
			ascii = false
			i += size
		}
		w := text[start:i]
		switch {
		case ascii && !upper:
			out = append(out, word{low: w, mask: t.table.get(w, h)})
		case ascii:
			a := len(buf)
			for k := 0; k < len(w); k++ {
				c := w[k]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
			// low is filled in from buf below; the mask needs no string
			out = append(out, word{cap: 'A' <= w[0] && w[0] <= 'Z', mask: t.table.getBytes(buf[a:], h), from: a, to: len(buf)})
			pending = true
		default:
			r, _ := utf8.DecodeRuneInString(w)
			if strings.Contains(w, "’") {
				w = strings.ReplaceAll(w, "’", "'")
			}
			low := strings.ToLower(w)
			out = append(out, word{low: low, cap: unicode.IsUpper(r), mask: t.words[low], to: -1})
		}
	}
	if pending {
		low := string(buf)
		for k := range out {
			if w := &out[k]; w.to > 0 {
				w.low = low[w.from:w.to]
			}
		}
	}
	return out, buf
}

// asciiAlnum reports whether the ASCII byte c is a letter or digit.
func asciiAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func (t *Typer) is(cls int, w string) bool { return t.words[w]&(1<<cls) != 0 }

// in is is for a word whose mask words() already looked up. It takes the
// word by pointer: a word is too big to be kept in registers, and a copy per
// test, in loops over every claim's words, cost more than the test.
func in(cls int, w *word) bool { return w.mask&(1<<cls) != 0 }

// phraseAt reports whether a phrase of class cls starts at word i. It is
// small enough to inline: most words are of neither bit, and only those that
// open a multi-word phrase of cls go on to multiAt.
func (t *Typer) phraseAt(cls int, ws []word, i int) bool {
	m := ws[i].mask >> cls // bit 0: the class's own, bit numClasses: startsMulti(cls)
	return m&1 != 0 || m&(1<<numClasses) != 0 && t.multiAt(cls, ws, i)
}

// multiAt reports whether a multi-word phrase of class cls starts at word i.
func (t *Typer) multiAt(cls int, ws []word, i int) bool {
	for _, p := range t.multi[cls] {
		if i+len(p) > len(ws) {
			continue
		}
		ok := true
		for k, pw := range p {
			if ws[i+k].low != pw {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func (t *Typer) any(cls int, ws []word) bool {
	for i := range ws {
		if t.phraseAt(cls, ws, i) {
			return true
		}
	}
	return false
}

// Classify returns the type of a claim's content text; cue is its attribution cue
// as written ("have agreed", "said"; "" when none), which decides what infinitival
// content ("to reopen the channels") is: an event after "agreed", a plan after
// "promised".
func (t *Typer) Classify(text, cue string) claim.Type {
	sc := t.pool.Get().(*scratch)
	defer t.pool.Put(sc)
	sc.words, sc.buf = t.wordsOf(text, sc.words, sc.buf)
	return t.classify(sc.words, text, cue)
}

// classify is Classify over the words of text.
func (t *Typer) classify(ws []word, text, cue string) claim.Type {
	clause := false // content opened by "that": a clause, whatever its verb
	if len(ws) > 0 && ws[0].low == "that" {
		ws, clause = ws[1:], true
	}
	if len(ws) > 0 && ws[0].low == "to" && strings.TrimSpace(cue) != "" {
		c := strings.ToLower(strings.TrimSpace(cue))
		if t.is(cEventcue, c) || t.multiIs(cEventcue, c) {
			return claim.TypeEvent
		}
		return claim.TypePrediction
	}
	if len(ws) < 3 {
		return claim.TypeNotProposition
	}
	last := ws[len(ws)-1].low
	if endsWithColon(text) || last == "include" || last == "includes" || last == "following" {
		return claim.TypeNotProposition // a heading or list lead-in
	}
	if titleRun(ws) >= headingCaps {
		return claim.TypeNotProposition // a heading glued to what follows
	}
	first := t.mainVerb(ws)
	if first < 0 {
		// No verb this package knows. The object of a cue that takes a noun
		// phrase ("officials have welcomed the continuity of diplomatic channels",
		// "he described the stance as firm") asserts nothing; a sentence in the
		// article's voice or after "said" has a verb the lists lack.
		if !clause && strings.TrimSpace(cue) != "" && !t.is(cSaycue, strings.ToLower(strings.TrimSpace(cue))) && !t.multiIs(cSaycue, strings.ToLower(cue)) {
			return claim.TypeNotProposition
		}
		return claim.TypeFact
	}
	// a subject headed by talk about talk: "The exchange underscored …", "Ryabkov's
	// statements fit into …" (its head opens the claim or stands just before the verb)
	for i := 0; i < first && i < 3; i++ {
		if in(cMetanoun, &ws[i]) {
			return claim.TypeMeta
		}
	}
	if first > 0 && in(cMetanoun, &ws[first-1]) {
		return claim.TypeMeta
	}
	v := first
	if (ws[v].low == "continues" || ws[v].low == "continue") && v+2 < len(ws) && ws[v+1].low == "to" {
		v += 2
	}
	if in(cMetaverb, &ws[v]) {
		return claim.TypeMeta
	}
	// Modality is read at the main verb ("will unfold", "would need to appoint",
	// "is expected to"), not in subordinate clauses further on.
	for i := max(0, first-1); i < len(ws) && i <= first+2; i++ {
		if t.phraseAt(cRecommend, ws, i) {
			return claim.TypeRecommendation
		}
	}
	for i := max(0, first-1); i < len(ws) && i <= first+2; i++ {
		w := &ws[i]
		if t.phraseAt(cFuture, ws, i) || in(cModal, w) && !(w.low == "may" && w.cap && i > 0) {
			return claim.TypePrediction
		}
	}
	// an assessment: an evaluative word right after the main copula ("is
	// essential", "remains preferable", "is widely seen as counterproductive"), or
	// a verb of opinion at the main verb ("believes")
	for i := first; i < len(ws) && i <= first+3; i++ {
		if in(cOpinion, &ws[i]) && (i > first && in(cCopula, &ws[first]) || i <= first+1 && isOpinionVerb(ws[i].low)) {
			return claim.TypeOpinion
		}
	}
	w := ws[first].low // its mask is t.words[w]: no map look-up here
	switch {
	case in(cCopula, &ws[first]):
		return claim.TypeFact
	case w == "has" || w == "have" || w == "had":
		for k := first + 1; k < len(ws) && k <= first+3; k++ {
			if in(cCopula, &ws[k]) {
				return claim.TypeFact
			}
			if participle(ws[k].low) || in(cPast, &ws[k]) {
				return claim.TypeEvent
			}
		}
		return claim.TypeFact
	case in(cPast, &ws[first]) || (strings.HasSuffix(w, "ed") && !in(cAux, &ws[first])):
		return claim.TypeEvent
	}
	return claim.TypeFact
}

// multiIs reports whether phrase, its words joined by single spaces, is one
// of the multi-word phrases of class cls.
func (t *Typer) multiIs(cls int, phrase string) bool {
	f := strings.Join(strings.Fields(phrase), " ")
	for _, p := range t.joined[cls] {
		if p == f {
			return true
		}
	}
	return false
}

// demonstrative reports "this", "that", "these", "those": pronouns as often as
// determiners ("This includes …").
func demonstrative(w string) bool {
	return w == "this" || w == "that" || w == "these" || w == "those"
}

// isOpinionVerb reports a verb of opinion ("believe", "thinks", "feels").
func isOpinionVerb(w string) bool {
	return strings.HasPrefix(w, "believ") || strings.HasPrefix(w, "think") || strings.HasPrefix(w, "feel")
}

// participle reports a regular past participle ("agreed", "taken", "shown").
func participle(w string) bool {
	return len(w) >= 4 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") || strings.HasSuffix(w, "wn"))
}

// mainVerb returns the index of the first finite verb that heads the claim, or -1
// when there is none: a bare noun phrase ("the continuity of diplomatic channels as
// a stabilizing factor") or one whose only verbs sit in a relative clause ("the
// importance of addressing the causes that fuel the fighting").
func (t *Typer) mainVerb(ws []word) int {
	np := in(cDet, &ws[0]) || strings.HasSuffix(ws[0].low, "'s")
	inRel := false
	for i := range ws {
		w := &ws[i]
		if i > 0 && in(cRelative, w) {
			inRel = true
			continue
		}
		// after a determiner or preposition a verb-like word is a noun or adjective
		// ("the signals", "on continued support"); "May" inside a sentence is the month
		nominal := i > 0 && (in(cDet, &ws[i-1]) && !demonstrative(ws[i-1].low) || in(cPrep, &ws[i-1]))
		verb := (in(cAux, w) && !(w.low == "may" && w.cap && i > 0)) ||
			!nominal && (in(cVerb, w) || in(cPast, w) || in(cMetaverb, w) ||
				len(w.low) >= 5 && strings.HasSuffix(w.low, "ed") && i > 0 && !strings.HasSuffix(ws[i-1].low, "ly"))
		if !verb {
			continue
		}
		if inRel && np && !in(cAux, w) {
			continue // a verb of a relative clause inside a noun phrase
		}
		return i
	}
	return -1
}

// headingCaps is how many capitalised words a claim's opening run of title-case
// words must hold to be a heading ("Expert Recommendations for Sustained
// Engagement and Confidence-Building Measures"); names with titles ("Russian
// Foreign Minister Sergei Lavrov") hold five.
const headingCaps = 6

// titleRun counts the capitalised words of the claim's opening run of words that
// are capitalised or short function words.
func titleRun(ws []word) int {
	n := 0
	for i := range ws {
		switch w := &ws[i]; {
		case w.cap:
			n++
		case w.low == "for" || w.low == "and" || w.low == "of" || w.low == "the" || w.low == "to" || w.low == "in" || w.low == "on" || w.low == "a":
		default:
			return n
		}
	}
	return n
}
