package scoring

import "github.com/claimsvc/claimsvc/internal/tokens"

// token is one word, number or punctuation mark of a sentence, located by byte
// offsets so cue spans always slice the caller's text exactly: the pipeline's
// shared token (internal/tokens). The scorer marks negators in Neg on its own
// copy (cueFinder.find).
type token = tokens.Token

// maxTokens caps how many tokens of one sentence are scored: a "sentence" of
// megabytes is cruft, and a bound keeps the work linear and the memory small.
const maxTokens = 4096

// tokenize splits s into tokens (tokens.Append, at most maxTokens), reusing dst.
func tokenize(s string, dst []token) []token { return tokens.Append(dst[:0], s, maxTokens) }

// tokenize is tokenize lowering capitalised words into the scratch's shared
// buffer (tokens.Lowerer): the sentences of many calls share its allocations.
func (sc *scratch) tokenize(s string, dst []token) []token {
	return sc.lower.Append(dst[:0], s, maxTokens)
}
