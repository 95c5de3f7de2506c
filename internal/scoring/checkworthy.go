package scoring

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// checkModel is the parsed checkworthy-model.tsv: a logistic regression over
// hashed lexical features and named genre-general features, its bias and the
// default threshold.
type checkModel struct {
	weights   []indexedWeight // the rows' weights while parsing, in file order; nil after
	bias      float64
	threshold float64
	classes   map[string]uint32 // word -> class bits (checkworthy-lexicon.tsv)
	// blocks[k] covers weights[64k:64k+64]: bit b of its nonzero is set when
	// weights[64k+b] is not 0, and its rank counts the nonzero weights before
	// the block; dense holds the nonzero weights in index order. Most hashed
	// buckets are empty, and these 145 KB stay in cache where the 1 MB of
	// weights do not; a block's bits and rank share a cache line, so a weight
	// costs at most two misses.
	blocks *[numWeightBlocks]weightBlock
	dense  []float32
}

// numWeightBlocks is how many weightBlocks cover the CheckDim weights: a
// fixed length, so a bucket's block needs no bounds check.
const numWeightBlocks = (CheckDim + 63) / 64

// weightBlock is the nonzero set of 64 consecutive weights and the rank of the
// first (see checkModel.blocks).
type weightBlock struct {
	nonzero uint64
	rank    uint32
}

// weight is weights[f], read from the compact copy.
func (m *checkModel) weight(f uint32) float64 { return weightIn(m.blocks, m.dense, f) }

// weightIn is checkModel.weight of the model whose blocks and dense weights
// these are, for a loop that keeps them in registers.
func weightIn(blocks *[numWeightBlocks]weightBlock, dense []float32, f uint32) float64 {
	b := &blocks[f>>6]
	word, bit := b.nonzero, uint64(1)<<(f&63)
	if word&bit == 0 {
		return 0
	}
	return float64(dense[b.rank+uint32(bits.OnesCount64(word&(bit-1)))])
}

// parseCheckModel reads the lines the check-worthiness trainer writes:
//
//	w<TAB>bucket<TAB>weight      a lexical n-gram bucket's weight
//	h<TAB>feature<TAB>weight     a genre-general feature's weight (CheckFeatureNames)
//	param<TAB>name<TAB>value     bias, threshold, buckets (must equal CheckBuckets)
func parseCheckModel(data, lexData string) (checkModel, error) {
	m := checkModel{weights: make([]indexedWeight, 0, strings.Count(data, "\n")), threshold: 0.5}
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
			m.weights = append(m.weights, indexedWeight{uint32(b), float32(v)})
		case "h":
			k := indexOf(CheckFeatureNames[:], f[1])
			if k < 0 {
				return fmt.Errorf("unknown feature %q", f[1])
			}
			m.weights = append(m.weights, indexedWeight{uint32(CheckBuckets + k), float32(v)})
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
	m.blocks, m.dense = compactWeights(m.weights)
	m.weights = nil // parsing only: weight reads the compact copy
	m.classes, err = parseCheckLexicon(lexData)
	return m, err
}

// indexedWeight is one weight row of the model: the feature's index and weight.
type indexedWeight struct {
	f uint32
	w float32
}

// compactWeights builds checkModel's blocks and dense weights from the rows,
// as from a CheckDim-long array the rows were written into in order (a later
// row for the same feature wins; zero weights are absent). Sorting the twenty
// thousand rows costs less at start-up than filling and scanning that 1 MB.
func compactWeights(rows []indexedWeight) (*[numWeightBlocks]weightBlock, []float32) {
	slices.SortStableFunc(rows, func(a, b indexedWeight) int { return cmp.Compare(a.f, b.f) })
	blocks := new([numWeightBlocks]weightBlock)
	dense := make([]float32, 0, len(rows))
	p := 0
	for k := range blocks {
		blocks[k].rank = uint32(len(dense))
		for p < len(rows) && int(rows[p].f>>6) == k {
			r := rows[p]
			for p++; p < len(rows) && rows[p].f == r.f; p++ {
				r = rows[p]
			}
			if r.w != 0 {
				blocks[k].nonzero |= 1 << (r.f & 63)
				dense = append(dense, r.w)
			}
		}
	}
	return blocks, dense
}

// CheckWorthiness is the probability that sentence is a factual claim worth
// checking, and whether it reaches the default threshold.
func (s *Scorer) CheckWorthiness(sentence string) (float64, bool) {
	sc := s.getScratch()
	defer s.putScratch(sc)
	s.textTokens(sc, sentence)
	p, ok, _ := s.checkTokens(sc, sentence, sc.toks, sc.info, s.typer.Classify(sentence, ""), 0, false)
	return p, ok
}

// CheckWorthinessReasons is CheckWorthiness with the reasons of the score (see
// checkTokens), their spans into sentence.
func (s *Scorer) CheckWorthinessReasons(sentence string) (float64, bool, []claim.ScoreReason) {
	sc := s.getScratch()
	defer s.putScratch(sc)
	s.textTokens(sc, sentence)
	return s.checkTokens(sc, sentence, sc.toks, sc.info, s.typer.Classify(sentence, ""), 0, true)
}

// maxReasons is how many reasons a check-worthiness score comes with, and
// minReason the least |contribution| (log-odds) a feature needs to be one.
const (
	maxReasons = 5
	minReason  = 0.05
)

// checkTokens scores tokens (whose offsets point into text, which starts at
// byte offset in the article), holds a structurally unworthy text under the
// threshold (checkGate) and, with reasons, names the features that moved the
// score most (see pickReasons); a lexical n-gram is named "words" with the
// words as written, a genre-general feature by its CheckFeatureNames name with
// the word that fired it (none for whole-claim features such as length).
//
// info[k] is the word-table entry of toks[k] (wordTable.lookup).
func (s *Scorer) checkTokens(sc *scratch, text string, toks []token, info []tokInfo, typ claim.Type, offset int, reasons bool) (float64, bool, []claim.ScoreReason) {
	cs := &sc.sum
	s.check.sum(cs, text, toks, info, typ)
	p := sigmoid(clip(cs.z, -30, 30))
	worthy := p >= s.check.threshold
	gate := ""
	if worthy {
		gate = checkGate(text, toks)
	}
	if !reasons {
		p, worthy, _ = applyGate(gate, p, s.check.threshold, worthy, nil)
		return p, worthy, nil
	}
	var pick [maxReasons]contribution
	picked := pickReasons(pick[:0], cs.pos.list(), cs.neg.list(), worthy)
	room := len(picked)
	if gate != "" { // applyGate will prepend it: room for it
		room++
	}
	out := sc.blocks.takeReasons(room)[:len(picked)]

	for k, c := range picked {
		r := &out[k] // takeReasons' zero reason, written in place
		r.Feature, r.Contribution = "words", c.w
		if !IsLexicalCheckFeature(int(c.f)) {
			r.Feature = CheckFeatureNames[int(c.f)-CheckBuckets]
		}
		if c.i >= 0 && c.j > c.i && c.j <= len(toks) {
			start, end := toks[c.i].Start, toks[c.j-1].End
			r.Text = text[start:end]
			r.Span = claim.Span{Start: start + offset, End: end + offset}
		}
	}
	return applyGate(gate, p, s.check.threshold, worthy, out)
}

// pickReasons chooses up to maxReasons reasons: first the strongest
// contributions toward the verdict (raising the score of a check-worthy claim,
// lowering that of one that is not), at most maxReasons-2 of them, then the
// strongest against it, so a reader sees both why and what spoke against;
// either side fills the other's unused places.
func pickReasons(dst, up, down []contribution, worthy bool) []contribution {
	with, against := up, down
	if !worthy {
		with, against = down, up
	}
	nWith := min(len(with), maxReasons-2)
	nAgainst := min(len(against), maxReasons-nWith)
	nWith = min(len(with), maxReasons-nAgainst)
	return append(append(dst, with[:nWith]...), against[:nAgainst]...)
}

// contribution is one feature occurrence's weight and the tokens that fired it.
type contribution struct {
	f    uint32
	i, j int
	w    float64
}

// CheckThreshold is the default check-worthiness threshold.
func (s *Scorer) CheckThreshold() float64 { return s.check.threshold }
