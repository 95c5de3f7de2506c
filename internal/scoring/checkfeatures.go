package scoring

import (
	"fmt"
	"math/bits"
	"strings"
	"unicode"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// CheckBuckets is the size of the hashed space of the check-worthiness model's
// lexical features (unigrams and bigrams). The genre-general features have
// their own indices after it (CheckBuckets + k, k indexing CheckFeatureNames).
const CheckBuckets = 1 << 18

// Lexicon classes of checkworthy-lexicon.tsv, as bits of a word's class set.
const (
	clsComparative = 1 << iota
	clsSuperlative
	clsMoney
	clsPercent
	clsNumberWord
	clsDate
	clsChange
	clsCausal
	clsPast
	clsOpinion
	clsFirstPerson
	clsSecondPerson
	clsFuture
	clsDiscourse
	clsNegation
)

// checkClassNames names the classes of checkworthy-lexicon.tsv, bit k of a
// class set being checkClassNames[k].
var checkClassNames = [...]string{"comparative", "superlative", "money", "percent", "numberword", "date", "change", "causal", "past", "opinion", "firstperson", "secondperson", "future", "discourse", "negation"}

// CheckFeatureNames are the genre-general features of the check-worthiness
// model, in index order: what a fact-checker looks for in any genre — numbers,
// dates, amounts, named entities, comparisons, records, changes of state and
// their causes — against the marks of talk that checks nothing: opinion, first
// and second person, promises, questions, greetings; and the claim's type
// (internal/claimtype: an event or fact against an opinion, recommendation or
// meta-commentary). They carry from the
// debates the model learned on to news, where the words do not. The names
// appear in model files and, as ScoreReason.feature, in responses.
var CheckFeatureNames = [...]string{
	"number", "numbers_2_or_more", "year", "percent", "money", "quantity", "date",
	"named_entity", "named_entities_2_or_more", "acronym",
	"comparative", "superlative", "change_verb", "causal", "past_tense", "perfect_tense",
	"negation", "opinion", "first_person", "first_person_opinion", "first_person_past",
	"second_person", "future", "question", "exclamation", "discourse_opening",
	"length_up_to_3", "length_up_to_6", "length_up_to_10", "length_up_to_16",
	"length_up_to_25", "length_up_to_40", "length_over_40",
	"claim_type_event", "claim_type_fact", "claim_type_prediction", "claim_type_opinion",
	"claim_type_recommendation", "claim_type_meta", "claim_type_not_proposition",
}

// Indices of the genre-general features in CheckFeatureNames.
const (
	hfNumber = iota
	hfNumbers2
	hfYear
	hfPercent
	hfMoney
	hfQuantity
	hfDate
	hfEntity
	hfEntities2
	hfAcronym
	hfComparative
	hfSuperlative
	hfChange
	hfCausal
	hfPast
	hfPerfect
	hfNegation
	hfOpinion
	hfFirstPerson
	hfFirstPersonOpinion
	hfFirstPersonPast
	hfSecondPerson
	hfFuture
	hfQuestion
	hfExclamation
	hfDiscourse
	hfLength
	hfType          = hfLength + 7 // claim types claim.TypeEvent … claim.TypeNotProposition, in order
	numHandFeatures = hfType + 7
)

// appendCheckFeatures keeps one bit per genre-general feature in a uint64.
var _ [64 - numHandFeatures]struct{}

// CheckDim is the number of weights of the check-worthiness model.
const CheckDim = CheckBuckets + numHandFeatures

// IsLexicalCheckFeature reports whether feature index f is a lexical n-gram
// (as opposed to a genre-general feature): the trainer regularises the two
// kinds differently.
func IsLexicalCheckFeature(f int) bool { return f < CheckBuckets }

// parseCheckLexicon reads word<TAB>class lines into class bits per word.
func parseCheckLexicon(lexData string) (map[string]uint32, error) {
	classes := map[string]uint32{}
	err := eachRow(lexData, "checkworthy lexicon", 2, func(f []string) error {
		bit := indexOf(checkClassNames[:], f[1])
		if bit < 0 {
			return fmt.Errorf("unknown class %q", f[1])
		}
		classes[f[0]] |= 1 << bit
		return nil
	})
	return classes, err
}

// checkEmit receives one feature occurrence: its index and the tokens [i, j)
// that fired it (i < 0 for features of the whole claim, such as its length).
type checkEmit func(index uint32, i, j int)

// checkFeatures calls emit for every feature of the tokens (see appendCheckFeatures),
// their word classes looked up in classes: the trainer's way in.
func checkFeatures(text string, toks []token, typ claim.Type, classes map[string]uint32, emit checkEmit) {
	info := make([]tokInfo, len(toks))
	for i, t := range toks {
		info[i] = tokInfo{hash: wordHash(t.Lower), cls: classes[t.Lower]}
	}
	for _, o := range appendCheckFeatures(nil, text, toks, info, typ) {
		emit(o.f, int(o.i), int(o.j))
	}
}

// featOcc is one feature occurrence: its index and the tokens [i, j) that
// fired it (i < 0 for features of the whole claim, such as its length).
type featOcc struct {
	f    uint32
	i, j int32
}

// appendCheckFeatures appends every feature of the tokens to dst, in order:
// lowercased unigrams and bigrams (numbers folded to "#num", capitalised words
// inside the sentence to "#cap", so names of one genre's people do not become
// its words), hashed, and the genre-general features of CheckFeatureNames, each
// once. A lexical bucket may repeat; each occurrence counts. info[i] holds
// toks[i]'s word hash and check-worthiness classes.
//
// text is what the tokens' offsets point into (to tell "NATO" from "Nato").
// typ is the claim's type (internal/claimtype; claim.TypeUnspecified when unknown).
func appendCheckFeatures(dst []featOcc, text string, toks []token, info []tokInfo, typ claim.Type) []featOcc {
	emit := func(f uint32, i, j int) { dst = append(dst, featOcc{f: f, i: int32(i), j: int32(j)}) }
	// hand[k] is 2 + the index of the first token that fired feature k (-1 for
	// the whole claim), 0 when it did not fire.
	var hand [numHandFeatures]int
	var fired uint64 // bit k set when hand[k] != 0
	fire := func(k, i int) {
		if hand[k] == 0 {
			hand[k] = i + 2
			fired |= 1 << k
		}
	}
	hPrev := hashStart
	prevWord := -1 // index of the previous token, for bigrams
	var nums, ents, words int
	var seen uint32
	firstWord := true
	for i := range toks {
		t := &toks[i] // not a copy: this loop runs over every claim's tokens
		w := t.Lower
		cls, h := info[i].cls, info[i].hash
		switch {
		case t.Digit:
			nums++
			fire(hfNumber, i)
			if len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) {
				fire(hfYear, i)
			} else if i+1 < len(toks) && toks[i+1].Word && !toks[i+1].Digit {
				fire(hfQuantity, i)
			}
			w, h = "#num", hashNum
		case cls&clsNumberWord != 0:
			nums++
			fire(hfNumber, i)
			if i+1 < len(toks) && toks[i+1].Word && info[i+1].cls&clsNumberWord == 0 {
				fire(hfQuantity, i)
			}
		case t.Word && t.Upper && !firstWord && w != "i" && !strings.HasPrefix(w, "i'"):
			ents++
			fire(hfEntity, i)
			if acronym(text, t) {
				fire(hfAcronym, i)
			}
			w, h = "#cap", hashCap
		}
		if t.Word {
			words++
			firstWord = false
			if !t.Digit && len(w) > 4 && strings.HasSuffix(w, "ed") {
				cls |= clsPast
			}
			if cls&clsPast != 0 && i > 0 && perfectAux(toks[i-1].Lower) {
				fire(hfPerfect, i-1)
			}
		} else { // the marks below are punctuation, never words
			switch w {
			case "?":
				fire(hfQuestion, i)
			case "!":
				fire(hfExclamation, i)
			case "%":
				cls |= clsPercent
			case "$", "£", "€":
				cls |= clsMoney
			}
		}
		if cls != 0 {
			seen |= cls
			for m := cls; m != 0; m &= m - 1 { // the classes set, in bit order
				if bit := bits.TrailingZeros32(m); bit < len(classFeature) && classFeature[bit] >= 0 {
					fire(classFeature[bit], i)
				}
			}
			if cls&clsDiscourse != 0 && words == 1 {
				fire(hfDiscourse, i)
			}
		}
		emit(unigramBucket(h), i, i+1)
		from := prevWord
		if from < 0 {
			from = i
		}
		emit(bigramBucket(hPrev, h), from, i+1)
		hPrev, prevWord = h, i
	}
	if len(toks) > 0 {
		emit(bigramBucket(hPrev, hashEnd), len(toks)-1, len(toks))
	}
	if nums >= 2 {
		fire(hfNumbers2, -1)
	}
	if ents >= 2 {
		fire(hfEntities2, -1)
	}
	if seen&clsFirstPerson != 0 && seen&clsOpinion != 0 {
		fire(hfFirstPersonOpinion, -1)
	}
	if seen&clsFirstPerson != 0 && (seen&clsPast != 0 || hand[hfPerfect] != 0) {
		fire(hfFirstPersonPast, -1)
	}
	fire(hfLength+lengthBucket(words), -1)
	if typ >= claim.TypeEvent && typ <= claim.TypeNotProposition {
		fire(hfType+int(typ-claim.TypeEvent), -1)
	}
	for m := fired; m != 0; m &= m - 1 { // the fired features in index order
		k := bits.TrailingZeros64(m)
		i := hand[k] - 2
		if i < 0 || k >= hfLength || k == hfNumbers2 || k == hfEntities2 || k == hfFirstPersonOpinion || k == hfFirstPersonPast {
			emit(uint32(CheckBuckets+k), -1, -1)
			continue
		}
		emit(uint32(CheckBuckets+k), i, i+1)
	}
	return dst
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

// wordHash is 64-bit FNV-1a of a word; n-gram features combine word hashes so
// each word is hashed once however many n-grams it is part of.
func wordHash(w string) uint64 { return fnvString(fnvOffset, w) }

// Hashes of the placeholder words of the n-gram features.
var (
	hashNum   = wordHash("#num")
	hashCap   = wordHash("#cap")
	hashStart = wordHash("<s>")
	hashEnd   = wordHash("</s>")
)

// unigramBucket and bigramBucket place n-grams in the hashed feature space
// (a splitmix64 finaliser over the combined word hashes, tagged by n).
func unigramBucket(h uint64) uint32 { return uint32(mix64(h^0x75) % CheckBuckets) }

func bigramBucket(h1, h2 uint64) uint32 {
	return uint32(mix64(h1*0x9e3779b97f4a7c15^h2^0x62) % CheckBuckets)
}

func mix64(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}
