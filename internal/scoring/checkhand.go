package scoring

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// handFeatures are the genre-general features a claim's tokens fire, and the
// counts of its tokens they are read from.
type handFeatures struct {
	// text, toks and info are the claim's, as appendCheckFeatures takes them.
	text string
	toks []token
	info []tokInfo
	// at[k] is 2 + the index of the first token that fired feature k (-1 for
	// the whole claim) when it fired (fired says so); otherwise it is stale.
	at    [numHandFeatures]int
	fired uint64 // bit k set when at[k] != 0
	// nums, ents and words count the numbers, names and words so far; seen
	// is the union of their classes.
	nums, ents, words int
	seen              uint32
}

// reset readies hf for the claim of text, toks and info, as a fresh
// handFeatures of them would be but for at, which keeps what an earlier claim
// left: only fired says which at[k] are this claim's, and nothing reads the
// others, so the array need not be zeroed for every claim.
func (hf *handFeatures) reset(text string, toks []token, info []tokInfo) {
	hf.text, hf.toks, hf.info = text, toks, info
	hf.fired = 0
	hf.nums, hf.ents, hf.words = 0, 0, 0
	hf.seen = 0
}

// fire records that token i (-1: the whole claim) fired feature k, unless an
// earlier one did.
func (hf *handFeatures) fire(k, i int) {
	if hf.fired&(1<<k) == 0 {
		hf.at[k] = i + 2
		hf.fired |= 1 << k
	}
}

// read fires the genre-general features of the tokens (see
// appendCheckFeatures); typ is the claim's type.
func (hf *handFeatures) read(typ claim.Type) {
	toks, info := hf.toks, hf.info
	afterWord := false
	for i := range toks {
		if plainWord(&toks[i], &info[i]) {
			hf.words++
		} else {
			hf.token(i, afterWord)
		}
		afterWord = afterWord || toks[i].Word
	}
	hf.finish(typ)
}

// plainWord reports whether token t (of word-table entry in) is the
// commonest kind: a lowercase word of no class, which fires no feature, only
// counts as a word, and enters the n-grams as itself (foldNone).
func plainWord(t *token, in *tokInfo) bool {
	return in.cls == 0 && t.Word && !t.Digit && !t.Upper && !pastForm(t.Lower)
}

// token reads toks[i], any token but a plainWord (which only counts as a
// word); afterWord tells whether a word precedes it.
func (hf *handFeatures) token(i int, afterWord bool) {
	text, toks, info := hf.text, hf.toks, hf.info
	t := &toks[i]
	w := t.Lower
	cls := info[i].cls
	fold := foldOf(t, cls, afterWord)
	switch fold {
	case foldNumber:
		hf.nums++
		hf.fire(hfNumber, i)
		if len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) {
			hf.fire(hfYear, i)
		} else if i+1 < len(toks) && toks[i+1].Word && !toks[i+1].Digit {
			hf.fire(hfQuantity, i)
		}
	case foldNumberWord:
		hf.nums++
		hf.fire(hfNumber, i)
		if i+1 < len(toks) && toks[i+1].Word && info[i+1].cls&clsNumberWord == 0 {
			hf.fire(hfQuantity, i)
		}
	case foldCap:
		hf.ents++
		hf.fire(hfEntity, i)
		if acronym(text, t) {
			hf.fire(hfAcronym, i)
		}
	}
	if t.Word {
		hf.words++
		// a participle by its ending; not a number's ("#num") or a name's ("#cap")
		if fold != foldCap && !t.Digit && pastForm(w) {
			cls |= clsPast
		}
		if cls&clsPast != 0 && i > 0 && perfectAux(toks[i-1].Lower) {
			hf.fire(hfPerfect, i-1)
		}
	} else { // the marks below are punctuation, never words
		switch w {
		case "?":
			hf.fire(hfQuestion, i)
		case "!":
			hf.fire(hfExclamation, i)
		case "%":
			cls |= clsPercent
		case "$", "£", "€":
			cls |= clsMoney
		}
	}
	if cls != 0 {
		hf.seen |= cls
		for m := cls; m != 0; m &= m - 1 { // the classes set, in bit order
			if bit := bits.TrailingZeros32(m); bit < len(classFeature) && classFeature[bit] >= 0 {
				hf.fire(classFeature[bit], i)
			}
		}
		if cls&clsDiscourse != 0 && hf.words == 1 {
			hf.fire(hfDiscourse, i)
		}
	}
}

// finish fires the features of the whole claim, once all its tokens are read;
// typ is its type.
func (hf *handFeatures) finish(typ claim.Type) {
	if hf.nums >= 2 {
		hf.fire(hfNumbers2, -1)
	}
	if hf.ents >= 2 {
		hf.fire(hfEntities2, -1)
	}
	if hf.seen&clsFirstPerson != 0 && hf.seen&clsOpinion != 0 {
		hf.fire(hfFirstPersonOpinion, -1)
	}
	if hf.seen&clsFirstPerson != 0 && (hf.seen&clsPast != 0 || hf.fired&(1<<hfPerfect) != 0) {
		hf.fire(hfFirstPersonPast, -1)
	}
	hf.fire(hfLength+lengthBucket(hf.words), -1)
	if typ >= claim.TypeEvent && typ <= claim.TypeNotProposition {
		hf.fire(hfType+int(typ-claim.TypeEvent), -1)
	}
}

// pastForm reports whether word w reads as a past tense or participle by its
// ending ("reported", not "bed").
func pastForm(w string) bool { return len(w) > 4 && strings.HasSuffix(w, "ed") }

// append appends the fired features to dst in index order (see span).
func (hf *handFeatures) append(dst []featOcc) []featOcc {
	for m := hf.fired; m != 0; m &= m - 1 { // the fired features in index order
		k := bits.TrailingZeros64(m)
		i, j := hf.span(k)
		dst = append(dst, featOcc{f: uint32(CheckBuckets + k), i: int32(i), j: int32(j)})
	}
	return dst
}

// span is the tokens [i, j) of fired feature k: the token that fired it
// first, or -1, -1 for the features of the whole claim.
func (hf *handFeatures) span(k int) (i, j int) {
	i = hf.at[k] - 2
	if i < 0 || k >= hfLength || k == hfNumbers2 || k == hfEntities2 || k == hfFirstPersonOpinion || k == hfFirstPersonPast {
		return -1, -1
	}
	return i, i + 1
}

// classFeature maps each lexicon class, in checkClassNames order, to its
// genre-general feature (-1: the class is handled apart: number words with the
// digits, discourse words only at the opening).
var classFeature = [len(checkClassNames)]int{
	hfComparative, hfSuperlative, hfMoney, hfPercent, -1, hfDate, hfChange, hfCausal,
	hfPast, hfOpinion, hfFirstPerson, hfSecondPerson, hfFuture, -1, hfNegation,
}

// perfectAux reports whether w makes a following participle a perfect tense
// ("has risen", "have agreed").
func perfectAux(w string) bool {
	switch w {
	case "has", "have", "had", "'s", "'ve":
		return true
	}
	return false
}

// acronym reports whether the token is written in capitals, with at least two
// letters ("NATO", "U.S", "EU").
func acronym(text string, t *token) bool {
	if t.Start < 0 || t.End > len(text) || t.End-t.Start < 2 {
		return false
	}
	// The commonest capitalised word is a name ("Moscow"): an ASCII first
	// byte and a lowercase ASCII second letter settle it before the rune loop
	// (which would return false at that second letter).
	if c0, c1 := text[t.Start], text[t.Start+1]; c0 < utf8.RuneSelf && 'a' <= c1 && c1 <= 'z' {
		return false
	}
	letters := 0
	for _, r := range text[t.Start:t.End] {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsLetter(r):
			letters++
		}
	}
	return letters >= 2
}

// lengthBucket is the index (0..6) of the word count among the length features.
func lengthBucket(n int) int {
	for k, b := range [...]int{3, 6, 10, 16, 25, 40} {
		if n <= b {
			return k
		}
	}
	return 6
}
