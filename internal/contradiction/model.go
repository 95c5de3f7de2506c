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
