package dataset

// NLIPair is one record of contradiction/*.jsonl: a premise, a hypothesis and the
// gold relation between them (see shared/data/README.md).
type NLIPair struct {
	ID         string `json:"id"`
	Premise    string `json:"premise"`
	Hypothesis string `json:"hypothesis"`
	// Label is "contradiction", "entailment", "neutral", "non_contradiction" or
	// "non_entailment" depending on the source corpus.
	Label string `json:"label"`
}

// Contradiction reports whether the gold label is the contradiction class; every
// other label counts as "not a contradiction" in the project's metrics.
func (p NLIPair) Contradiction() bool { return p.Label == "contradiction" }

// ThreeWay reports whether the label distinguishes contradiction from the other
// classes. Two-way entailment data ("non_entailment", as in negation-rte) mixes
// contradictions with neutral pairs, so it cannot train a contradiction detector.
func (p NLIPair) ThreeWay() bool { return p.Label != "non_entailment" }

// ReadNLIPairs reads a contradiction/*.jsonl file.
func ReadNLIPairs(path string) ([]NLIPair, error) { return ReadJSONL[NLIPair](path) }
