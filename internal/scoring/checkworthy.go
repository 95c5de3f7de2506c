package scoring

import (
	"fmt"
	"strconv"
	"strings"
)

// CheckBuckets is the size of the hashed feature space of the check-worthiness
// model: unigrams, bigrams and hand features all hash into it.
const CheckBuckets = 1 << 18

// checkModel is the parsed checkworthy-model.tsv: a logistic regression over
// hashed features, its bias and the dev-chosen default threshold.
type checkModel struct {
	weights   []float32 // CheckBuckets long; absent buckets are 0
	bias      float64
	threshold float64
	classes   map[string]uint16 // word -> hand-feature class bits (checkworthy-lexicon.tsv)
}

// parseCheckModel reads the lines the claimtrain checkworthy command writes:
//
//	w<TAB>bucket<TAB>weight      one non-zero feature weight
//	param<TAB>name<TAB>value     bias, threshold, buckets (must equal CheckBuckets)
func parseCheckModel(data, lexData string) (checkModel, error) {
	m := checkModel{weights: make([]float32, CheckBuckets), threshold: 0.5}
	err := eachRow(data, "checkworthy model", 3, func(f []string) error {
		v, err := finite(f[2])
		if err != nil {
			return err
		}
		switch f[0] {
		case "w":
			b, err := strconv.Atoi(f[1])
			if err != nil || b < 0 || b >= CheckBuckets {
				return fmt.Errorf("bad bucket %q", f[1])
			}
			m.weights[b] = float32(v)
		case "param":
			switch f[1] {
			case "bias":
				m.bias = v
			case "threshold":
				m.threshold = v
			case "buckets":
				if int(v) != CheckBuckets {
					return fmt.Errorf("trained with %d buckets, scorer has %d", int(v), CheckBuckets)
				}
			default:
				return fmt.Errorf("unknown param %q", f[1])
			}
		default:
			return fmt.Errorf("unknown record %q", f[0])
		}
		return nil
	})
	if err != nil {
		return m, err
	}
	m.classes, err = parseCheckLexicon(lexData)
	return m, err
}

// parseCheckLexicon reads word<TAB>class lines into class bits per word.
func parseCheckLexicon(lexData string) (map[string]uint16, error) {
	classes := map[string]uint16{}
	names := checkClasses()
	err := eachRow(lexData, "checkworthy lexicon", 2, func(f []string) error {
		bit := indexOf(names[:], f[1])
		if bit < 0 || bit >= classYear {
			return fmt.Errorf("unknown class %q", f[1])
		}
		classes[f[0]] |= 1 << bit
		return nil
	})
	return classes, err
}

// checkClasses are the hand-feature classes; the lexicon assigns the first eight
// (and the scorer adds "past" for regular -ed verbs), the scorer detects years
// and questions itself.
func checkClasses() [10]string {
	return [...]string{"comparative", "money", "percent", "opinion", "firstperson", "future", "hedge", "past", "year", "question"}
}

// Bits of the hand-feature classes in checkClasses.
const (
	classOpinion     = 3
	classFirstPerson = 4
	classPast        = 7
	classYear        = 8
	classQuestion    = 9
)

// checkFeatures calls emit with the bucket of every feature of the tokens: lowercased
// unigrams and bigrams (numbers folded to "#num", hashed by word), and hand features in the
// spirit of ClaimBuster — numbers, years, percentages and money, capitalised
// (named-entity-like) words, comparatives, first-person opinion, promises,
// questions and length. A bucket may repeat; each occurrence counts.
func checkFeatures(toks []token, classes map[string]uint16, emit func(bucket uint32)) {
	put := func(f feat) { emit(uint32(f.hash() % CheckBuckets)) }
	hPrev := wordHash("<s>")
	var nums, caps, words int
	var seen uint16
	for i, t := range toks {
		w := t.Lower
		if t.Digit {
			nums++
			if len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) {
				seen |= 1 << classYear
			}
			w = "#num"
		}
		if t.Word {
			words++
			if t.Upper && i > 0 && toks[i-1].Word {
				caps++
			}
		}
		h := wordHash(w)
		emit(unigramBucket(h))
		emit(bigramBucket(hPrev, h))
		seen |= classes[w]
		if t.Word && !t.Digit && len(w) > 4 && strings.HasSuffix(w, "ed") {
			seen |= 1 << classPast
		}
		if w == "?" {
			seen |= 1 << classQuestion
		}
		hPrev = h
	}
	emit(bigramBucket(hPrev, wordHash("</s>")))
	for bit, c := range checkClasses() {
		if seen&(1<<bit) != 0 {
			put(feat{"h=", c})
		}
	}
	if seen&(1<<classFirstPerson) != 0 && seen&(1<<classOpinion) != 0 {
		put(feat{"h=", "firstperson+opinion"})
	}
	if seen&(1<<classFirstPerson) != 0 && seen&(1<<classPast) != 0 {
		put(feat{"h=", "firstperson+past"})
	}
	put(feat{"h=nums:", bucketName(nums, 0, 1, 2)})
	put(feat{"h=caps:", bucketName(caps, 0, 1, 2, 4)})
	put(feat{"h=len:", bucketName(words, 3, 6, 10, 16, 25, 40)})
}

// wordHash is 64-bit FNV-1a of a word; n-gram features combine word hashes so
// each word is hashed once however many n-grams it is part of.
func wordHash(w string) uint64 { return feat{w}.hash() }

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

// bucketName names the first bound that n does not exceed ("<=2"), or ">last".
func bucketName(n int, bounds ...int) string {
	for _, b := range bounds {
		if n <= b {
			return strconv.Itoa(b)
		}
	}
	return "more"
}

// CheckWorthiness is the probability that sentence is a factual claim worth
// checking, and whether it reaches the default threshold chosen on dev data.
func (s *Scorer) CheckWorthiness(sentence string) (float64, bool) {
	sc := s.getScratch()
	defer s.putScratch(sc)
	sc.toks = tokenize(sentence, sc.toks)
	return s.checkTokens(sc.toks)
}

// checkTokens is CheckWorthiness over already tokenized text.
func (s *Scorer) checkTokens(toks []token) (float64, bool) {
	z := s.check.bias
	checkFeatures(toks, s.check.classes, func(b uint32) { z += float64(s.check.weights[b]) })
	p := sigmoid(clip(z, -30, 30))
	return p, p >= s.check.threshold
}

// CheckThreshold is the default check-worthiness threshold.
func (s *Scorer) CheckThreshold() float64 { return s.check.threshold }
