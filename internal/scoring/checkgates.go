package scoring

import (
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// Structural gates: text that by its form states nothing a fact-checker could
// check, whatever its words. The debates the model learned from have no
// headings or list introductions, so their weights cannot know them; news
// pages are full of them. A gated score is held just under the threshold and
// the gate is the first reason, its contribution the log-odds it took away.
const (
	gateFragment = "fragment"          // three words or fewer: "The remarks", "This approach"
	gateHeading  = "heading"           // title case: every word of four letters or more capitalised
	gateListIntr = "list_introduction" // ends in a colon at the end of its line: "Key objectives include:"
)

// checkGate returns the gate that applies to the tokens (whose offsets point
// into text), or "".
func checkGate(text string, toks []token) string {
	words, long, capsLong := 0, 0, 0
	for k := range toks {
		t := &toks[k]
		if !t.Word {
			continue
		}
		words++
		if t.Digit || fewerThan4Runes(t.Lower) {
			continue
		}
		long++
		if t.Upper {
			capsLong++
		} else if words > 3 {
			break // neither a fragment nor a heading, whatever follows
		}
	}
	switch {
	case words <= 3:
		return gateFragment
	case long >= 3 && capsLong == long:
		return gateHeading
	case len(toks) > 0 && endsListIntro(text, toks[len(toks)-1]):
		return gateListIntr
	}
	return ""
}

// fewerThan4Runes reports whether w has fewer than four runes, as
// utf8.RuneCountInString(w) < 4 does (an invalid byte counting as one): a word
// whose first four bytes are ASCII is known long without counting.
func fewerThan4Runes(w string) bool {
	if len(w) < 4 {
		return true
	}
	if w[0]|w[1]|w[2]|w[3] < utf8.RuneSelf {
		return false
	}
	return utf8.RuneCountInString(w) < 4
}

// endsListIntro reports whether a colon ends the line at or right after the
// last token: the text introduces a list or table rather than asserting.
func endsListIntro(text string, last token) bool {
	rest := text[last.Start:]
	if last.Lower == ":" {
		rest = rest[1:]
	} else {
		// strings.TrimLeft(text[last.End:], " \t") written out: TrimLeft
		// builds a set of its cutset on every call.
		k := last.End
		for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
			k++
		}
		if k == len(text) || text[k] != ':' {
			return false
		}
		rest = text[k+1:]
	}
	for _, r := range rest {
		switch {
		case r == '\n' || r == '\r':
			return true
		case !unicode.IsSpace(r):
			return false
		}
	}
	return true
}

// applyGate holds p under threshold when a gate applies and prepends the gate
// as the reason; it returns the new score, verdict and reasons.
func applyGate(gate string, p, threshold float64, worthy bool, reasons []claim.ScoreReason) (float64, bool, []claim.ScoreReason) {
	if gate == "" || !worthy {
		return p, worthy, reasons
	}
	held := math.Nextafter(threshold, 0)
	r := claim.ScoreReason{Feature: gate, Contribution: logit(held) - logit(p)}
	var out []claim.ScoreReason
	if cap(reasons) > len(reasons) { // checkTokens left room: shift in place
		out = reasons[:len(reasons)+1]
		copy(out[1:], reasons)
		out[0] = r
	} else {
		out = append([]claim.ScoreReason{r}, reasons...)
	}
	if len(out) > maxReasons {
		out = out[:maxReasons]
	}
	return held, false, out
}

func logit(p float64) float64 {
	p = clip(p, 1e-12, 1-1e-12)
	return math.Log(p / (1 - p))
}
