package learn

import (
	"context"
	"math"
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
	var drop []float64
	if cfg.DropoutOf != nil {
		drop = make([]float64, dim)
	}
	for f := range l2 {
		l2[f] = cfg.L2Of(f)
		if drop != nil {
			drop[f] = math.Min(math.Max(cfg.DropoutOf(f), 0), 0.95)
		}
	}
	return trainLogReg(ctx, xs, dim, cfg.LogRegConfig, l2, drop)
}
