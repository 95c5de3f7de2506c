package scoring

import ()

// Cue classes, as named in claim.HedgeCue.Kind.
const (
	ClassModal           = "modal"
	ClassSpeculativeVerb = "speculative_verb"
	ClassAdverb          = "adverb"
	ClassConditional     = "conditional"
	ClassInvestigation   = "investigation"
	ClassWeakAttribution = "weak_attribution"
	ClassBooster         = "booster"
	ClassNegatedHedge    = "negated_hedge"
	// ClassLimitation marks admitted limits of knowledge ("further research is
	// needed", "preliminary"): not a hedge word in the Szeged sense, but it lowers
	// how certain a finding reads.
	ClassLimitation = "limitation"
	// ClassApproximator marks vague quantity or frequency ("about", "often").
	ClassApproximator = "approximator"
	// ClassSpeculative is for cues learned from the training corpus that the
	// hand-curated lexicon does not list.
	ClassSpeculative = "speculative"
	// ClassNegator marks a negation word. It is never a cue, but negated
	// findings ("did not increase") read as firmly stated.
	ClassNegator = "negator"
)

// isBoost reports whether a class strengthens rather than hedges a claim.
func isBoost(class string) bool { return class == ClassBooster || class == ClassNegatedHedge }

// isFixed reports whether a class has a fixed strength rather than a learned
// cue-model logit: the training corpus does not annotate boosters or limitations.
func isFixed(class string) bool {
	return isBoost(class) || class == ClassLimitation || class == ClassApproximator
}

// lexEntry is one hand-curated cue: its class and signed prior weight.
type lexEntry struct {
	class string
	prior float64
}

// lexicon is the parsed hedge-lexicon.tsv: cue phrases (space-joined lowercase
// tokens) to their entry, and the negators used as context; plus the context
// rules of hedge-context.tsv.
type lexicon struct {
	entries  map[string]lexEntry
	negators map[string]bool
	context  contextRules
}

// parseLexicon reads phrase<TAB>class<TAB>prior lines ('#' starts a comment
// line) and the context rules.
func parseLexicon(data, contextData string) (lexicon, error) {
	lex := lexicon{entries: map[string]lexEntry{}, negators: map[string]bool{}}
	ctx, err := parseContextRules(contextData)
	if err != nil {
		return lex, err
	}
	lex.context = ctx
	err = eachRow(data, "hedge lexicon", 3, func(f []string) error {
		prior, err := finite(f[2])
		if err != nil {
			return err
		}
		if f[1] == ClassNegator {
			lex.negators[f[0]] = true
			return nil
		}
		lex.entries[f[0]] = lexEntry{class: f[1], prior: prior}
		return nil
	})
	return lex, err
}

// Speculative reports whether a cue is an uncertainty cue in the sense of the
// Szeged corpus and CoNLL-2010 — a hedge word the learned cue model weighed — as
// opposed to the boosters, approximators and limitation phrases the scorer also
// reports. Cue-span evaluation against Szeged counts only these.
func Speculative(kind string) bool {
	return !isFixed(kind) && kind != ClassNegator
}
