package scoring

import "github.com/claimsvc/claimsvc/internal/claim"

// Scores hand their reasons and cues out of blocks a scratch keeps: the
// claims scored one after another on a scratch share one allocation per
// block instead of one each. Every slice handed out is capped at its own
// length, so a caller's append copies it out instead of writing into the
// next claim's part; a block stays alive while any claim holds a part of it.
const (
	reasonBlock = 64 // reasons per block (56 bytes each): those of about ten claims
	cueBlock    = 32 // hedging cues per block
)

// blocks holds the unused rests of the current blocks.
type blocks struct {
	reasons []claim.ScoreReason
	cues    []claim.HedgeCue
}

// takeReasons returns n zero reasons of their own, capped at n (not nil
// for none).
func (b *blocks) takeReasons(n int) []claim.ScoreReason {
	if n == 0 {
		return []claim.ScoreReason{}
	}
	if len(b.reasons) < n {
		b.reasons = make([]claim.ScoreReason, max(n, reasonBlock))
	}
	r := b.reasons[:n:n]
	b.reasons = b.reasons[n:]
	return r
}

// copyCues returns a copy of cues of their own, capped at its length (nil
// for none).
func (b *blocks) copyCues(cues []claim.HedgeCue) []claim.HedgeCue {
	n := len(cues)
	if n == 0 {
		return nil
	}
	if len(b.cues) < n {
		b.cues = make([]claim.HedgeCue, max(n, cueBlock))
	}
	r := b.cues[:n:n]
	b.cues = b.cues[n:]
	copy(r, cues)
	return r
}
