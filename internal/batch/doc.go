// Package batch runs batch scoring jobs: JSON Lines of articles in, JSON Lines
// of results out, one output line per input line, in input order, with nothing
// lost and nothing duplicated across a kill and a resume.
//
// The engine (Run) reads lines, turns each into an article or an error record,
// hands the articles to a Backend that works on several at once — in-process
// (Local, the pipeline itself) or a running server over StreamExtractClaims
// (Remote) — and writes the results back in input order through a reorder
// buffer no larger than the in-flight window. Because output line N always
// answers input line N, resuming is counting complete output lines (Recover)
// and skipping that many input lines. Memory stays bounded whatever the input
// size: the window bounds the articles in flight, lines have a size cap, and
// in-process linking uses a bounded window of earlier claims.
package batch
