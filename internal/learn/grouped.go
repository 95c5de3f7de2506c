package learn

import (
	"context"
	"math"
	"math/rand/v2"
)

// GroupedConfig are the knobs of TrainLogRegGrouped: LogRegConfig's, with the
// L2 penalty and a dropout rate set per feature, so that features of one kind
// (say lexical n-grams, which tie a model to the genre it learned on) are held
// back harder than features of another (genre-general ones).
type GroupedConfig struct {
	LogRegConfig // Epochs, Rate and Seed as for TrainLogReg; its L2 is ignored
	// L2Of is the L2 penalty of feature f.
	L2Of func(f int) float64
	// DropoutOf is the probability in [0,1) that feature f is left out of an
	// example on one visit (inverted dropout: a kept value is scaled by
	// 1/(1−p), so the expected input is unchanged and no rescaling is needed
	// at prediction time). nil: no dropout.
	DropoutOf func(f int) float64
}

// TrainLogRegGrouped is TrainLogReg with a per-feature L2 penalty and
// per-feature dropout. It is as deterministic as TrainLogReg: the example order
// and the dropout draws come from cfg.Seed alone.
func TrainLogRegGrouped(ctx context.Context, xs []Example, dim int, cfg GroupedConfig) ([]float64, float64, error) {
	l2 := make([]float64, dim)
	drop := make([]float64, dim)
	for f := range l2 {
		l2[f] = cfg.L2Of(f)
		if cfg.DropoutOf != nil {
			drop[f] = math.Min(math.Max(cfg.DropoutOf(f), 0), 0.95)
		}
	}
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
				if p := drop[f]; p > 0 {
					if dropRNG.Float64() < p {
						s = 0
					} else {
						s = 1 / (1 - p)
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
				gf := g*value(x.Vals, k)*scale[k] + l2[f]*w[f]
				g2[f] += gf * gf
				w[f] -= cfg.Rate * gf / (math.Sqrt(g2[f]) + 1e-8)
			}
		}
	}
	return w, bias, nil
}
