package contradiction

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
)

// weightsJSON is the trained cue combination; its note and README.md give the
// command that made it and its cross-validated figures.
//
//go:embed weights.json
var weightsJSON []byte

// Weights is a logistic regression over the cue features: Score = σ(Σ wᵢ·fᵢ).
// It is produced by Train from labelled pairs and stored as weights.json.
type Weights struct {
	// Note says where the weights come from (command, data); informational.
	Note string `json:"note"`
	// Features names each weight, in FeatureNames order.
	Features []string `json:"features"`
	// Values are the weights, one per feature.
	Values []float64 `json:"weights"`
	// Threshold is the default decision threshold on Score.
	Threshold float64 `json:"threshold"`
}

// parseWeights decodes weights.json and checks that it matches the features this
// code computes, so a stale file fails at construction rather than scoring garbage.
func parseWeights(b []byte) (Weights, error) {
	var w Weights
	if err := json.Unmarshal(b, &w); err != nil {
		return w, fmt.Errorf("contradiction: weights.json: %w", err)
	}
	if len(w.Features) != numFeatures || len(w.Values) != numFeatures {
		return w, fmt.Errorf("contradiction: weights.json has %d features, code has %d", len(w.Features), numFeatures)
	}
	for i, n := range w.Features {
		if n != featureNames[i] {
			return w, fmt.Errorf("contradiction: weights.json feature %d is %q, code expects %q", i, n, featureNames[i])
		}
	}
	if w.Threshold <= 0 || w.Threshold >= 1 {
		return w, fmt.Errorf("contradiction: weights.json threshold %v not in (0,1)", w.Threshold)
	}
	return w, nil
}

// score is σ(w·f).
func (w *Weights) score(f *[numFeatures]float64) float64 {
	z := 0.0
	for i, v := range f {
		z += w.Values[i] * v
	}
	return 1 / (1 + math.Exp(-z))
}

// Example is one labelled pair for training: its features and whether it is a
// contradiction, with a weight (e.g. to balance datasets of different sizes).
type Example struct {
	Features      []float64
	Contradiction bool
	Weight        float64
}

// TrainOptions controls Train. The zero value is not useful; DefaultTrainOptions
// gives the settings weights.json was made with.
type TrainOptions struct {
	Iterations int     // full-batch gradient steps
	Rate       float64 // step size
	L2         float64 // ridge penalty on every weight but the bias
}

// DefaultTrainOptions are the settings the committed weights were trained with.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{Iterations: 4000, Rate: 0.5, L2: 1e-3}
}

// Train fits the logistic regression by full-batch gradient descent from zero:
// deterministic, so the same data always gives the same weights.
func Train(examples []Example, o TrainOptions) ([]float64, error) {
	if len(examples) == 0 {
		return nil, fmt.Errorf("contradiction: no training examples")
	}
	n := len(examples[0].Features)
	w := make([]float64, n)
	grad := make([]float64, n)
	total := 0.0
	for _, e := range examples {
		if len(e.Features) != n {
			return nil, fmt.Errorf("contradiction: example has %d features, want %d", len(e.Features), n)
		}
		total += e.Weight
	}
	if total <= 0 {
		return nil, fmt.Errorf("contradiction: training weights sum to %v", total)
	}
	for range o.Iterations {
		clear(grad)
		for _, e := range examples {
			z := 0.0
			for i, v := range e.Features {
				z += w[i] * v
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if e.Contradiction {
				y = 1
			}
			g := (p - y) * e.Weight
			for i, v := range e.Features {
				grad[i] += g * v
			}
		}
		for i := range w {
			g := grad[i] / total
			if i != fBias {
				g += o.L2 * w[i]
			}
			w[i] -= o.Rate * g
		}
	}
	return w, nil
}
