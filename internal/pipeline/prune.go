package pipeline

import (
	"strings"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// pruneLinks keeps, for each claim and each other article, only the strongest
// link between them, and keeps a link only when it is the strongest from both of
// its ends. One story told five ways repeats its conflict in many sentences; a
// reader wants each claim tied to the one sentence of each article that opposes
// it best, not to every restatement of it (precision first: a link that is only
// a weaker echo of another is noise to a user). Ties keep the earlier link, so
// the result does not depend on map order.
func pruneLinks(links []claim.Link) []claim.Link {
	type end struct{ claimID, otherArticle string }
	best := make(map[end]int, 2*len(links))
	stronger := func(i, j int) bool { return links[i].Score > links[j].Score }
	for i, l := range links {
		for _, e := range []end{{l.A, articleOf(l.B)}, {l.B, articleOf(l.A)}} {
			if j, ok := best[e]; !ok || stronger(i, j) {
				best[e] = i
			}
		}
	}
	out := links[:0:0]
	for i, l := range links {
		if best[end{l.A, articleOf(l.B)}] == i && best[end{l.B, articleOf(l.A)}] == i {
			out = append(out, l)
		}
	}
	return out
}

// articleOf recovers the article ID from a claim ID ("<article id>#<n>"); the
// article ID itself may contain '#', the counter never does.
func articleOf(claimID string) string {
	if i := strings.LastIndexByte(claimID, '#'); i >= 0 {
		return claimID[:i]
	}
	return claimID
}
