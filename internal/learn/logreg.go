package learn

import (
	"context"
	"math"
	"math/rand/v2"
	"sort"
)

// Example is one training example for logistic regression: sparse features
// (indices below the model's dimension, with values; nil Vals means every
// value is 1), a target Y in [0,1] (soft targets allowed: a graded label is
// fitted as the probability it is) and a weight W scaling its gradient (0
// ignores the example).
type Example struct {
	Feats []int32
	Vals  []float64
	Y     float64
	W     float64
}

// LogRegConfig are the training knobs of TrainLogReg.
type LogRegConfig struct {
	Epochs int     // passes over the examples
	Rate   float64 // AdaGrad base learning rate
	L2     float64 // L2 penalty per update, scaled by the rate (0: none)
	Seed   uint64  // seed of the example order; same seed, same weights
}

// TrainLogReg fits weights (one per feature index below dim) and a bias by
// AdaGrad on the weighted log loss, visiting the examples in an order shuffled
// by cfg.Seed each epoch: the same input gives the same weights on every
// machine. It checks ctx once per epoch.
func TrainLogReg(ctx context.Context, xs []Example, dim int, cfg LogRegConfig) ([]float64, float64, error) {
	return trainLogReg(ctx, xs, dim, cfg, nil, nil)
}

// trainLogReg is the AdaGrad loop behind TrainLogReg and TrainLogRegGrouped.
// l2 gives each feature's penalty (nil: cfg.L2 for every feature); drop gives
// each feature's dropout rate (nil: no dropout, and the dropout generator is
// never drawn from, so the weights equal a run without dropout support).
func trainLogReg(ctx context.Context, xs []Example, dim int, cfg LogRegConfig, l2, drop []float64) ([]float64, float64, error) {
	w := make([]float64, dim)
	g2 := make([]float64, dim)
	var bias, gb2 float64
	order := make([]int, len(xs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	dropRNG := rand.New(rand.NewPCG(cfg.Seed, 0xd209))
	var scale []float64 // per feature of the current example: 0 when dropped, else 1/(1−p)
	for epoch := 0; epoch < cfg.Epochs; epoch++ {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		for _, i := range order {
			x := xs[i]
			scale = scale[:0]
			z := bias
			for k, f := range x.Feats {
				s := 1.0
				if drop != nil {
					if p := drop[f]; p > 0 {
						if dropRNG.Float64() < p {
							s = 0
						} else {
							s = 1 / (1 - p)
						}
					}
				}
				scale = append(scale, s)
				z += w[f] * value(x.Vals, k) * s
			}
			g := (Sigmoid(z) - x.Y) * x.W
			gb2 += g * g
			bias -= cfg.Rate * g / (math.Sqrt(gb2) + 1e-8)
			for k, f := range x.Feats {
				if scale[k] == 0 {
					continue
				}
				pen := cfg.L2
				if l2 != nil {
					pen = l2[f]
				}
				gf := g*value(x.Vals, k)*scale[k] + pen*w[f]
				g2[f] += gf * gf
				w[f] -= cfg.Rate * gf / (math.Sqrt(g2[f]) + 1e-8)
			}
		}
	}
	return w, bias, nil
}

// Score is the logistic-regression probability of a sparse example under
// weights w and bias b.
func Score(w []float64, b float64, feats []int32, vals []float64) float64 {
	z := b
	for k, f := range feats {
		z += w[f] * value(vals, k)
	}
	return Sigmoid(z)
}

func value(vals []float64, k int) float64 {
	if vals == nil {
		return 1
	}
	return vals[k]
}

// Sigmoid is the logistic function, clamped at ±30 so it never returns exactly
// 0 or 1 from an overflowing exponent.
func Sigmoid(z float64) float64 {
	z = math.Max(-30, math.Min(30, z))
	return 1 / (1 + math.Exp(-z))
}

// BestThreshold is the score threshold that maximises positive-class F1,
// smoothed: F1 is computed on a grid of thresholds (steps of 0.005) and each
// grid point is judged by its mean F1 over ±0.05, so the choice sits in a broad
// good region of the dev curve rather than on a lucky spike that another sample
// would not repeat. It returns the threshold and its (unsmoothed) F1.
func BestThreshold(scores []float64, labels []bool) (threshold, f1 float64) {
	const step, half = 0.005, 10 // grid step; half-window in steps (0.05)
	n := int(1/step) + 1
	f1s := make([]float64, n)
	for k := range f1s {
		t := float64(k) * step
		var tp, fp, fn int
		for i, s := range scores {
			switch {
			case s >= t && labels[i]:
				tp++
			case s >= t:
				fp++
			case labels[i]:
				fn++
			}
		}
		if tp > 0 {
			f1s[k] = 2 * float64(tp) / float64(2*tp+fp+fn)
		}
	}
	best, bestK := -1.0, n/2
	for k := range f1s {
		var sum float64
		var cnt int
		for d := -half; d <= half; d++ {
			if j := k + d; j >= 0 && j < n {
				sum += f1s[j]
				cnt++
			}
		}
		if m := sum / float64(cnt); m > best {
			best, bestK = m, k
		}
	}
	return float64(bestK) * step, f1s[bestK]
}

// PruneTop zeroes all but the keep weights of largest magnitude (ties by
// index), so a model file stores only the weights that matter.
func PruneTop(w []float64, keep int) []float64 {
	idx := make([]int, 0, len(w))
	for i, v := range w {
		if v != 0 {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return math.Abs(w[idx[a]]) > math.Abs(w[idx[b]]) })
	out := make([]float64, len(w))
	for k, i := range idx {
		if k >= keep {
			break
		}
		out[i] = w[i]
	}
	return out
}
