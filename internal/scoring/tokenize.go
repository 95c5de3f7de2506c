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

// sentenceTokens leaves sentence's tokens in sc.toks, their word-table entries
// in sc.info and sc.types and its cue candidates in sc.cands (find marks the
// negators in sc.toks, and sc.negs tells whether there are any). They depend
// on the sentence's text alone, so when sc already holds those of the same
// text (sc.sent) they are kept as they are.
func (s *Scorer) sentenceTokens(sc *scratch, sentence string) {
	if sentence == sc.sent && sentence != "" {
		return
	}
	sc.toks = sc.tokenize(sentence, sc.toks)
	sc.info, sc.types = s.finder.words.lookup(sc.toks, sc.info, sc.types)
	sc.cands, sc.negs = s.finder.findInfo(sc.toks, sc.info, sc.cands[:0])
	sc.sent = sentence
}

// textTokens leaves text's tokens in sc.toks and their word-table entries in
// sc.info and sc.types, for scoring a text that is no cached sentence (sc.sent is cleared).
func (s *Scorer) textTokens(sc *scratch, text string) {
	sc.toks = sc.tokenize(text, sc.toks)
	sc.info, sc.types = s.finder.words.lookup(sc.toks, sc.info, sc.types)
	sc.sent = ""
}
