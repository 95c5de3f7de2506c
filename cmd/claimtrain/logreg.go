package main

import (
	"context"
	"math"
	"math/rand/v2"
)

// example is one training example for logistic regression: sparse features
// (indices, with values; nil vals means every value is 1), a target in [0,1]
// (soft targets allowed) and a weight.
type example struct {
	feats []int32
	vals  []float64
	y     float64
	w     float64
}

// logRegConfig are the training knobs of trainLogReg.
type logRegConfig struct {
	epochs int
	rate   float64 // AdaGrad base learning rate
	l2     float64 // L2 penalty per update, scaled by the rate
	seed   uint64
}

// trainLogReg fits weights and a bias by AdaGrad on the log loss, visiting the
// examples in an order shuffled by a fixed seed: the same input gives the same
// weights on every machine.
func trainLogReg(ctx context.Context, xs []example, dim int, cfg logRegConfig) ([]float64, float64, error) {
	w := make([]float64, dim)
	g2 := make([]float64, dim)
	var bias, gb2 float64
	order := make([]int, len(xs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(cfg.seed, 0x5eed))
	for epoch := 0; epoch < cfg.epochs; epoch++ {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		for _, i := range order {
			x := xs[i]
			z := bias
			for k, f := range x.feats {
				z += w[f] * val(x.vals, k)
			}
			g := (sigmoid(z) - x.y) * x.w
			gb2 += g * g
			bias -= cfg.rate * g / (math.Sqrt(gb2) + 1e-8)
			for k, f := range x.feats {
				gf := g*val(x.vals, k) + cfg.l2*w[f]
				g2[f] += gf * gf
				w[f] -= cfg.rate * gf / (math.Sqrt(g2[f]) + 1e-8)
			}
		}
	}
	return w, bias, nil
}

func val(vals []float64, k int) float64 {
	if vals == nil {
		return 1
	}
	return vals[k]
}

func sigmoid(z float64) float64 {
	z = math.Max(-30, math.Min(30, z))
	return 1 / (1 + math.Exp(-z))
}

// bestThreshold is the score threshold that maximises positive-class F1,
// smoothed: F1 is computed on a grid of thresholds (steps of 0.005) and each
// grid point is judged by its mean F1 over ±0.05, so the choice sits in a broad
// good region of the dev curve rather than on a lucky spike that another sample
// would not repeat. It returns the threshold and its (unsmoothed) F1.
func bestThreshold(scores []float64, labels []bool) (threshold, f1 float64) {
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
