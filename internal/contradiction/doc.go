// Package contradiction tells which claims oppose each other and how to read the
// opposition: the feature no claim extractor offers.
//
// A Classifier compares two statements. It finds cues of opposing polarity on the
// same proposition — explicit negation and negative quantifiers ("no", "not",
// "never", "little", "rare", "scarce"), antonymous predicates (WordNet's direct
// antonyms plus a small news list: open/close, resume/suspend, maintain/sever),
// opposing stance verbs (confirm/deny), and numbers or dates that differ for the
// same thing — and combines them with a logistic regression whose weights are
// learned by `go run ./cmd/claimtrain contradiction` (train.go, on the shared
// learner internal/learn; weights.json). A negation is
// weighed by what it governs: how much of the negated statement and of its scope
// the other side asserts, whether the governed word is one the other side states,
// whether it is a flat denial ("never", "nobody", "not … any") and whether the
// negated side is the short one denying a longer account. Every link names its cue
// words in a one-line explanation; a pair on which no readable cue fires is never
// linked, however similar the two texts are.
//
// Relations (the taxonomy the API documents):
//
//   - CONTRADICTION: the same proposition with opposing polarity, neither side
//     hedged much, nothing placing them at different times, and the same voice
//     (one speaker, or the article's own voice on both sides).
//   - DISPUTE: as above, but said by different speakers (at least one named):
//     the articles report a disagreement rather than contradicting themselves.
//   - UPDATE: one side reports a change of state ("agreed to reopen", "suspended",
//     "no longer") or carries a temporal cue ("earlier", "previously") the other
//     lacks, or the two were published more than a week apart: both can be true,
//     each at its own time.
//   - AGREES: claims of different articles take the same stance on one
//     proposition (both deny it, both assert it with much in common, or both
//     report the change): corroboration, never made within one article.
//
// Claims that are no proposition (headings, bare noun phrases, meta-commentary;
// see internal/claimtype) are never linked; predictions and recommendations
// oppose only their own kind and never update a past state. Claims of different
// reports are aligned on a shared proposition (stance.go): the same two or more
// actors and one concept next to them, each side asserting, denying or reporting a
// change of it where the concept stands.
//
// Reasons: NEGATION, QUANTITY (negative quantifier), ANTONYM, OPPOSING_STANCE,
// NUMERIC_MISMATCH, DATE_MISMATCH, CHANGE_OF_STATE for updates, SAME_STANCE for
// agreements. Hedging lowers
// the score (a side with hedging 1 scales it by 0.4), so hedged claims rarely link.
//
// Two claims from different articles rarely share enough words to look like one
// sentence pair. When both name the same two or more actors (after aliases:
// Moscow = Russia, Washington = United States, Kyiv = Kiev = Ukraine) and the
// negation governs a thing the other claim asserts of them next to one of those
// actors, the pair is scored as the same proposition ("anchored").
//
// An Index links claims incrementally for streams and batches. It blocks claims by
// what they are about (canonical entities, near-synonym groups, stems) and
// compares each new claim only with a bounded number of earlier claims sharing
// keys with it, so the cost grows linearly with the number of claims.
//
// All word lists are embedded data files under data/ with their source and licence
// in a comment header; New parses them once, and a Classifier is immutable and
// safe for concurrent use.
package contradiction
