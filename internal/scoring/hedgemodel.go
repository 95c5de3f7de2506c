package scoring

import (
	"fmt"
	"math"
	"strings"
)

// Layer feature indices, in the order layerFeatures fills them. The sentence
// layer maps the cue evidence of a sentence or claim to its hedging score.
const (
	layerMax      = iota // the strongest hedge cue's logit, clipped to [-8, 8]
	layerNoisyOr         // 1 − Π(1 − p) over hedge candidates
	layerCount           // number of hedge cues (p ≥ cue threshold), capped at 4
	layerModal           // Σ p of modal candidates
	layerSpecVerb        // Σ p of speculative verbs
	layerAdverb          // Σ p of adverbs, adjectives, weak attributions and other learned cues
	layerCond            // Σ p of conditionals and investigation cues
	layerBoost           // summed strength of boosters and negated hedges, capped at 2
	layerLimit           // summed strength of limitation cues, capped at 2
	layerApprox          // summed strength of approximators, capped at 1
	layerNeg             // 1 when a negation word is present
	// The same four when no hedge cue is present: the layer can then grade
	// cue-less sentences among themselves without moving them across the threshold.
	layerBoost0
	layerLimit0
	layerApprox0
	layerNeg0
	layerBias
	numLayer
)

// LayerNames names the sentence-layer features for the weights file, in order.
func LayerNames() []string {
	return []string{"max", "noisyor", "count", "modal", "specverb", "adverb", "cond", "boost", "limit", "approx", "neg", "boost0", "limit0", "approx0", "neg0", "bias"}
}

// Evidence is one weighed cue candidate of a sentence or claim: a hedge
// candidate carries the cue model's logit, a booster, negated hedge or
// limitation cue its fixed strength (> 0; 0 when a negation cancels it); a
// negation word is evidence of class ClassNegator.
type Evidence struct {
	Class    string
	Logit    float64
	Strength float64
}

// hedgeModel is the parsed hedge-model.tsv: learned cue forms, context feature
// weights of the cue model, the sentence layer and the default threshold.
type hedgeModel struct {
	learned      map[string]string // form -> class
	table        hashWeights       // weight rows by feature hash, for the scorer's lookups
	cueBias      float64
	layer        [numLayer]float64
	threshold    float64 // hedging score at or above which a claim is uncertain
	cueThreshold float64 // cue probability at or above which a candidate is a cue
}

// parseHedgeModel reads the lines the claimtrain hedging command writes:
//
//	form<TAB>phrase<TAB>class    a cue form learned from the training corpus
//	weight<TAB>feature<TAB>w     a cue-model feature weight
//	layer<TAB>name<TAB>w         a sentence-layer weight (names from LayerNames)
//	param<TAB>name<TAB>value     cue_bias, threshold, cue_threshold
func parseHedgeModel(data string) (hedgeModel, error) {
	// Sized from the row counts: ten thousand weights grown from an empty map
	// rehash a dozen times at start-up. The weights go straight into the
	// lookup table, not through a map first.
	m := hedgeModel{
		learned:      make(map[string]string, strings.Count(data, "\nform\t")),
		table:        newHashWeights(strings.Count(data, "\nweight\t")),
		threshold:    0.5,
		cueThreshold: 0.5,
	}
	names := LayerNames()
	err := eachRow(data, "hedge model", 3, func(f []string) error {
		if f[0] == "form" {
			m.learned[f[1]] = f[2]
			return nil
		}
		v, err := finite(f[2])
		if err != nil {
			return err
		}
		switch f[0] {
		case "weight":
			m.table.set(featHash(f[1]), v)
		case "layer":
			k := indexOf(names, f[1])
			if k < 0 {
				return fmt.Errorf("unknown layer feature %q", f[1])
			}
			m.layer[k] = v
		case "param":
			switch f[1] {
			case "cue_bias":
				m.cueBias = v
			case "threshold":
				m.threshold = v
			case "cue_threshold":
				m.cueThreshold = v
			default:
				return fmt.Errorf("unknown param %q", f[1])
			}
		default:
			return fmt.Errorf("unknown record %q", f[0])
		}
		return nil
	})
	return m, err
}

// hashWeights is a read-only open-addressing table from feature hash to weight:
// the cue model looks up about a dozen hashes per candidate, and one probe of a
// flat array of key-weight pairs (one cache line per hit) is cheaper than a
// map's.
type hashWeights struct {
	slots []hashWeight // a power of two long, at most 5/8 full; key 0 marks an empty slot
	zero  float64      // the weight of hash 0, which the table cannot hold
}

type hashWeight struct {
	key uint64
	val float64
}

// newHashWeights is an empty table with room for rows weights (at most 5/8
// full when every row's hash is distinct).
func newHashWeights(rows int) hashWeights {
	n := 16
	for n*5 < 8*rows {
		n *= 2
	}
	return hashWeights{slots: make([]hashWeight, n)}
}

// set gives hash h the weight v; a later set of the same hash wins, as a
// map's would. It is for parsing only: the table is read-only afterwards.
// The table must have room (newHashWeights sized for every row).
func (t *hashWeights) set(h uint64, v float64) {
	if h == 0 {
		t.zero = v
		return
	}
	mask := uint64(len(t.slots) - 1)
	k := spread(h) & mask
	for t.slots[k].key != 0 && t.slots[k].key != h {
		k = (k + 1) & mask
	}
	t.slots[k] = hashWeight{key: h, val: v}
}

// get is the weight of hash h, 0 when the model has none.
func (t *hashWeights) get(h uint64) float64 {
	if h == 0 {
		return t.zero
	}
	mask := uint64(len(t.slots) - 1)
	for k := spread(h) & mask; ; k = (k + 1) & mask {
		switch s := &t.slots[k]; s.key {
		case h:
			return s.val
		case 0:
			return 0
		}
	}
}

// featHash hashes a feature name exactly as feat.hash hashes its parts.
func featHash(name string) uint64 { return feat{name}.hash() }

func indexOf(xs []string, x string) int {
	for i, s := range xs {
		if s == x {
			return i
		}
	}
	return -1
}

// layerFeatures turns the cue evidence of one sentence or claim into the
// sentence layer's inputs.
func layerFeatures(ev []Evidence, cueThreshold float64) [numLayer]float64 {
	var x [numLayer]float64
	x[layerMax] = -8
	keep := 1.0
	for _, e := range ev {
		switch e.Class {
		case ClassBooster, ClassNegatedHedge:
			x[layerBoost] += e.Strength
			continue
		case ClassLimitation:
			x[layerLimit] += e.Strength
			continue
		case ClassApproximator:
			x[layerApprox] += e.Strength
			continue
		case ClassNegator:
			x[layerNeg] = 1
			continue
		}
		z := clip(e.Logit, -8, 8)
		x[layerMax] = max(x[layerMax], z)
		p := sigmoid(z)
		keep *= 1 - p
		if p >= cueThreshold {
			x[layerCount]++
		}
		switch e.Class {
		case ClassModal:
			x[layerModal] += p
		case ClassSpeculativeVerb:
			x[layerSpecVerb] += p
		case ClassConditional, ClassInvestigation:
			x[layerCond] += p
		default:
			x[layerAdverb] += p
		}
	}
	x[layerNoisyOr] = 1 - keep
	x[layerCount] = min(x[layerCount], 4)
	x[layerBoost] = min(x[layerBoost], 2)
	x[layerLimit] = min(x[layerLimit], 2)
	x[layerApprox] = min(x[layerApprox], 1)
	if x[layerCount] == 0 {
		x[layerBoost0], x[layerBoost] = x[layerBoost], 0
		x[layerLimit0], x[layerLimit] = x[layerLimit], 0
		x[layerApprox0], x[layerApprox] = x[layerApprox], 0
		x[layerNeg0], x[layerNeg] = x[layerNeg], 0
	}
	x[layerBias] = 1
	return x
}

// LayerFeatures is layerFeatures for the trainer: it must see the sentence layer's
// inputs exactly as the scorer computes them.
func LayerFeatures(ev []Evidence, cueThreshold float64) []float64 {
	x := layerFeatures(ev, cueThreshold)
	return x[:]
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// clip is v limited to [lo, hi] (lo for NaN). The builtin min and max, which
// treat NaN and signed zeros as math.Min and math.Max do, compile inline where
// those are assembly calls.
func clip(v, lo, hi float64) float64 {
	if v != v { // NaN
		return lo
	}
	return max(lo, min(hi, v))
}
