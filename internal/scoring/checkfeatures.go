package scoring

import (
	"fmt"
	"strings"

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
		info[i] = tokInfo{cls: classes[t.Lower]}
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
// toks[i]'s check-worthiness classes; a word's hash is its token's Hash.
//
// text is what the tokens' offsets point into (to tell "NATO" from "Nato").
// typ is the claim's type (internal/claimtype; claim.TypeUnspecified when unknown).
//
// It is the definition the trainer reads the features by; the scorer weighs
// the same occurrences in the same order without listing them (checkModel.sum).
func appendCheckFeatures(dst []featOcc, text string, toks []token, info []tokInfo, typ claim.Type) []featOcc {
	dst = appendNgrams(dst, toks, info)
	hand := handFeatures{text: text, toks: toks, info: info}
	hand.read(typ)
	return hand.append(dst)
}

// Folds: how a token enters the n-gram features (foldOf).
const (
	foldNone       = iota // as its own lowercase form
	foldNumber            // a number, as "#num"
	foldNumberWord        // a number word ("thirty"): its own form, but counted as a number
	foldCap               // a capitalised word inside the sentence (not "I", "I'm"), as "#cap"
)

// foldOf is the fold of token t, whose check-worthiness classes are cls;
// afterWord tells whether a word precedes it. The n-gram and the genre-general
// features both read it, so they cannot disagree on what a number or a name is.
func foldOf(t *token, cls uint32, afterWord bool) int {
	switch {
	case t.Digit:
		return foldNumber
	case cls&clsNumberWord != 0:
		return foldNumberWord
	case t.Word && t.Upper && afterWord && t.Lower != "i" && !strings.HasPrefix(t.Lower, "i'"):
		return foldCap
	}
	return foldNone
}

// ngramHash is the word hash token t (of word-table entry in) enters the
// n-grams with (see foldOf): hashNum, hashCap or its own.
func ngramHash(t *token, in *tokInfo, afterWord bool) uint64 {
	switch foldOf(t, in.cls, afterWord) {
	case foldNumber:
		return hashNum
	case foldCap:
		return hashCap
	}
	return t.Hash // wordHash(t.Lower), taken by tokens
}

// appendNgrams appends the lexical features of the tokens to dst: for each
// token its unigram, then the bigram ending at it (beginning at the token
// before, or at "<s>" for the first), and after the last token its bigram with
// "</s>".
func appendNgrams(dst []featOcc, toks []token, info []tokInfo) []featOcc {
	hPrev := hashStart
	afterWord := false
	for i := range toks {
		h := ngramHash(&toks[i], &info[i], afterWord)
		afterWord = afterWord || toks[i].Word
		dst = append(dst,
			featOcc{f: unigramBucket(h), i: int32(i), j: int32(i + 1)},
			featOcc{f: bigramBucket(hPrev, h), i: int32(max(i-1, 0)), j: int32(i + 1)})
		hPrev = h
	}
	if n := len(toks); n > 0 {
		dst = append(dst, featOcc{f: bigramBucket(hPrev, hashEnd), i: int32(n - 1), j: int32(n)})
	}
	return dst
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
