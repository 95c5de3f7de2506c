package pipeline

import (
	"sort"
	"strings"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// maxKeptPerEnd bounds the links one claim keeps into one other article: a
// reader follows a few, and the restatement test costs O(kept) per link.
const maxKeptPerEnd = 3

// pruneLinks keeps, of the links between a claim and the claims of one other
// article, the strongest, and a weaker one only when its claim is not a
// restatement of a claim already kept (restates reports that); a link stays when
// both its ends keep it. One story told five ways repeats its conflict in many
// sentences; a reader wants each claim tied to the sentence of each article that
// opposes (or corroborates) it best, not to every restatement of it — but two
// different things one article says against it ("open lines", and the Pentagon's
// "direct contact", against Ryabkov's "no line") are two links. Oppositions and
// agreements are pruned apart, so a strong agreement never hides an opposition.
// Ties keep the earlier link, so the result does not depend on map order.
func pruneLinks(links []claim.Link, restates func(a, b string) bool) []claim.Link {
	type end struct {
		claimID, otherArticle string
		agrees                bool
	}
	byEnd := map[end][]int{}
	for i, l := range links {
		ag := l.Relation == claim.RelationAgrees
		byEnd[end{l.A, articleOf(l.B), ag}] = append(byEnd[end{l.A, articleOf(l.B), ag}], i)
		byEnd[end{l.B, articleOf(l.A), ag}] = append(byEnd[end{l.B, articleOf(l.A), ag}], i)
	}
	kept := make([]int, len(links)) // how many ends keep each link
	other := func(l claim.Link, id string) string {
		if l.A == id {
			return l.ClaimB.Text
		}
		return l.ClaimA.Text
	}
	for e, idx := range byEnd {
		sort.SliceStable(idx, func(x, y int) bool { return links[idx[x]].Score > links[idx[y]].Score })
		var keptTexts []string
		for _, i := range idx {
			if len(keptTexts) == maxKeptPerEnd {
				break // nothing more can be kept: skip the restatement tests
			}
			t := other(links[i], e.claimID)
			echo := false
			for _, k := range keptTexts {
				if restates(k, t) {
					echo = true
					break
				}
			}
			if !echo && len(keptTexts) < maxKeptPerEnd {
				kept[i]++
				keptTexts = append(keptTexts, t)
			}
		}
	}
	out := links[:0:0]
	for i, l := range links {
		if kept[i] == 2 {
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
