package pipeline

import (
	"sort"
	"strconv"
	"strings"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// maxLabelWords is how many distinct concept words a group's label names.
const maxLabelWords = 3

// Groups gathers the claims joined by links into propositions: claims connected by
// any chain of links (agreements and oppositions) form one group, each member with
// the stance its strongest link gives it, labelled by the concept words its links'
// evidence names most often. Members come in input order (results order, then
// claim number); groups in the order of their first member. Linear in the number
// of links.
func Groups(results []Result, links []claim.Link) []claim.Group {
	order := make(map[string]int, len(results))
	for i, r := range results {
		order[r.ArticleID] = i
	}
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		p, ok := parent[x]
		if !ok {
			parent[x] = x
			return x
		}
		if p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	type member struct {
		lc    claim.LinkedClaim
		score float64
	}
	members := map[string]member{}
	concepts := map[string]map[string]int{} // root → concept word → count (filled after union)
	keep := func(lc claim.LinkedClaim, score float64) {
		if m, ok := members[lc.ID]; !ok || score > m.score {
			members[lc.ID] = member{lc, score}
		}
	}
	for _, l := range links {
		ra, rb := find(l.A), find(l.B)
		if ra != rb {
			parent[ra] = rb
		}
		keep(withID(l.ClaimA, l.A), l.Score)
		keep(withID(l.ClaimB, l.B), l.Score)
	}
	byRoot := map[string][]member{}
	for id, m := range members {
		r := find(id)
		byRoot[r] = append(byRoot[r], m)
		if concepts[r] == nil {
			concepts[r] = map[string]int{}
		}
		if w := conceptWord(m.lc); w != "" {
			concepts[r][w]++
		}
	}
	less := func(a, b claim.LinkedClaim) bool {
		aa, ab := order[articleOf(a.ID)], order[articleOf(b.ID)]
		if aa != ab {
			return aa < ab
		}
		return claimNumber(a.ID) < claimNumber(b.ID)
	}
	out := make([]claim.Group, 0, len(byRoot))
	for r, ms := range byRoot {
		sort.Slice(ms, func(i, j int) bool { return less(ms[i].lc, ms[j].lc) })
		g := claim.Group{Label: label(concepts[r])}
		for _, m := range ms {
			art := m.lc.ArticleID
			if art == "" {
				art = articleOf(m.lc.ID)
			}
			g.Members = append(g.Members, claim.GroupMember{ClaimID: m.lc.ID, ArticleID: art, Text: m.lc.Text, Speaker: m.lc.Speaker, Stance: m.lc.Stance})
		}
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Members[0], out[j].Members[0]
		return less(claim.LinkedClaim{ID: a.ClaimID}, claim.LinkedClaim{ID: b.ClaimID})
	})
	return out
}

func withID(lc claim.LinkedClaim, id string) claim.LinkedClaim {
	if lc.ID == "" {
		lc.ID = id
	}
	return lc
}

// conceptWord is the concept a linked claim's evidence names (its last evidence
// span: the cue comes first), lower case; "" when there is none.
func conceptWord(lc claim.LinkedClaim) string {
	if len(lc.Evidence) == 0 {
		return ""
	}
	s := lc.Evidence[len(lc.Evidence)-1]
	if s.Start < 0 || s.End > len(lc.Text) || s.Start >= s.End {
		return ""
	}
	return strings.ToLower(lc.Text[s.Start:s.End])
}

// label joins the most frequent concept words (ties in alphabetical order).
func label(counts map[string]int) string {
	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if counts[words[i]] != counts[words[j]] {
			return counts[words[i]] > counts[words[j]]
		}
		return words[i] < words[j]
	})
	if len(words) > maxLabelWords {
		words = words[:maxLabelWords]
	}
	return strings.Join(words, " / ")
}

// claimNumber is the counter of a claim ID ("<article id>#<n>").
func claimNumber(id string) int {
	n, _ := strconv.Atoi(id[strings.LastIndexByte(id, '#')+1:])
	return n
}
