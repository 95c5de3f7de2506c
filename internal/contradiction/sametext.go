package contradiction

// sameText reports whether two statements have the same text. The Index and
// LinkPrepared do not compare such claims: compare links no such pair, whatever
// their speakers, times, types or hedging, so skipping them changes no link.
// Syndicated copy and repeated boilerplate make such pairs the bulk of a batch's
// candidates.
//
// Why compare links none: equal texts have equal analyses (analyze is a function
// of the text), so the shared keys pair every run with itself, and
//   - features finds no opposition: both sides are equally negative (no negation
//     feature fires), every term is shared (no antonym), opposingStance of two
//     equal stance lists is false, and numberMismatch and dateMismatch find every
//     value on the other side; so reason finds no cue (ReasonUnspecified) and
//     compare caps the score below DefaultThreshold;
//   - align, when it finds a proposition, reads it at the same token on both
//     sides (nearestToEntity and stanceAt see the same terms), so the stances are
//     equal, and judgeAligned's same-stance case returns unlinked as sameWords
//     holds;
//   - without a proposition, the score below the threshold makes no link.
//
// TestSameTextNeverLinks checks it over statements with every kind of cue.
func sameText(a, b *Statement) bool { return a.Text == b.Text }
