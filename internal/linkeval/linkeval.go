// Package linkeval scores the links a batch of articles produced (contradictions,
// disputes, updates, agreements) against a gold file written by reading the
// articles, so `claimeval links` and the seed regression tests report the same
// figures from one implementation.
//
// A gold file never copies article text: it names claims by article and a short
// key phrase the claim's text contains, the way the extractor's seeds-golden.json
// does. Claims are grouped by proposition, each member with its stance (asserts,
// denies, reports a change); the stances of two members say which relations a link
// between them may carry (asserts vs denies: dispute or contradiction; a change
// against either: update; the same stance in two articles: agreement). Required
// links are the ones a reader must see; recall counts them. Precision counts every
// predicted link: it is right when its two claims are members of one group whose
// stances allow its relation, wrong otherwise.
package linkeval

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// Gold is a gold file: propositions with their member claims, and the links that
// must be found.
type Gold struct {
	Comment  string     `json:"_comment,omitempty"`
	Groups   []Group    `json:"groups"`
	Required []Required `json:"required"`
}

// Group is one proposition and the claims that take a stance on it.
type Group struct {
	ID      string   `json:"id"`
	Label   string   `json:"label"`
	Members []Member `json:"members"`
}

// Member locates one claim: the article whose ID starts with Article and whose
// text contains Contains (a short key phrase, not a copy of the claim).
type Member struct {
	ID       string `json:"id"`
	Article  string `json:"article"`
	Contains string `json:"contains"`
	// Stance is "asserts", "denies" or "change" (reports a change of state).
	Stance string `json:"stance"`
}

// Required is a link a reader must see: between any member of A and any member of
// B (alternatives cover restatements of one claim in the same article), with a
// relation in Relations.
type Required struct {
	A         []string `json:"a"`
	B         []string `json:"b"`
	Relations []string `json:"relations"`
	Note      string   `json:"note,omitempty"`
}

// ReadGold reads and checks a gold file.
func ReadGold(path string) (*Gold, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("linkeval: %w", err)
	}
	var g Gold
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		return nil, fmt.Errorf("linkeval: %s: %w", path, err)
	}
	return &g, g.check()
}

func (g *Gold) check() error {
	ids := map[string]bool{}
	for _, gr := range g.Groups {
		for _, m := range gr.Members {
			if m.ID == "" || m.Article == "" || m.Contains == "" {
				return fmt.Errorf("linkeval: group %s: member %+v needs id, article and contains", gr.ID, m)
			}
			if _, ok := stances[m.Stance]; !ok {
				return fmt.Errorf("linkeval: member %s: stance %q is not asserts, denies or change", m.ID, m.Stance)
			}
			ids[m.ID] = true
		}
	}
	for i, r := range g.Required {
		if len(r.A) == 0 || len(r.B) == 0 || len(r.Relations) == 0 {
			return fmt.Errorf("linkeval: required link %d needs a, b and relations", i)
		}
		for _, id := range append(append([]string(nil), r.A...), r.B...) {
			if !ids[id] {
				return fmt.Errorf("linkeval: required link %d names unknown member %q", i, id)
			}
		}
		for _, rel := range r.Relations {
			if _, ok := relationByName[rel]; !ok {
				return fmt.Errorf("linkeval: required link %d: unknown relation %q", i, rel)
			}
		}
	}
	return nil
}

var stances = map[string]int{"asserts": 1, "denies": -1, "change": 0}

// relationByName maps the gold file's relation names to the plain type.
var relationByName = map[string]claim.Relation{
	"contradiction": claim.RelationContradiction,
	"dispute":       claim.RelationDispute,
	"update":        claim.RelationUpdate,
	"agrees":        claim.RelationAgrees,
}

// RelationName is the gold file's name of a relation ("" when unknown).
func RelationName(r claim.Relation) string {
	for n, v := range relationByName {
		if v == r {
			return n
		}
	}
	return ""
}

// allowed is the set of relations a link between two members may carry, given
// their stances and whether they stand in one article.
func allowed(a, b Member) []claim.Relation {
	sameArticle := a.Article == b.Article
	switch {
	case a.Stance == "change" && b.Stance == "change", a.Stance == b.Stance:
		if sameArticle {
			return nil // a restatement in one article is no link
		}
		return []claim.Relation{claim.RelationAgrees}
	case a.Stance == "change" || b.Stance == "change":
		// a reported change against a state: an update, or, with nothing dating
		// them, a dispute of that state
		return []claim.Relation{claim.RelationUpdate, claim.RelationDispute, claim.RelationContradiction}
	default: // asserts against denies
		return []claim.Relation{claim.RelationDispute, claim.RelationContradiction, claim.RelationUpdate}
	}
}

// Claim is what the scorer needs of a predicted claim.
type Claim struct {
	ID, Article, Text string
}

// Link is a predicted link between two claim IDs.
type Link struct {
	A, B     string
	Relation claim.Relation
	Score    float64
	Why      string
}

// Judged is one predicted link and how it was judged.
type Judged struct {
	Link
	TextA, TextB string
	// Real is true when the two claims are members of one proposition whose stances
	// admit a link; RightRelation when they also admit the predicted relation.
	Real, RightRelation bool
	Group               string
}

// Missed is a required link no predicted link satisfies.
type Missed struct {
	Required
	// Unreachable lists members no predicted claim matches (the extractor did not
	// return them), so no linker could find the link.
	Unreachable []string `json:"unreachable,omitempty"`
	// WrongRelation is set when the pair was linked with a relation not allowed.
	WrongRelation string `json:"wrong_relation,omitempty"`
}

// Counts are the figures of one relation (or of all links).
type Counts struct {
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
	Required  int     `json:"required"`
	Found     int     `json:"found"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
}

func (c *Counts) finish() {
	c.Precision = ratio(c.Correct, c.Predicted)
	c.Recall = ratio(c.Found, c.Required)
}

// Report is the outcome of Score.
type Report struct {
	// All counts a link correct when its pair is real and its relation allowed,
	// and a required link found when some link satisfies it with an allowed relation.
	All Counts `json:"all"`
	// PairOnly ignores the relation: the pair is real / the required pair is linked.
	PairOnly   Counts            `json:"pair_only"`
	ByRelation map[string]Counts `json:"by_relation"`
	Links      []Judged          `json:"links"`
	Missed     []Missed          `json:"missed"`
}

// Score judges predicted links over claims against the gold file.
func Score(g *Gold, claims []Claim, links []Link) Report {
	byID := make(map[string]Claim, len(claims))
	for _, c := range claims {
		byID[c.ID] = c
	}
	type ref struct {
		group int
		m     Member
	}
	// members each claim matches
	matches := func(c Claim) []ref {
		var out []ref
		for gi, gr := range g.Groups {
			for _, m := range gr.Members {
				if strings.HasPrefix(c.Article, m.Article) && strings.Contains(c.Text, m.Contains) {
					out = append(out, ref{gi, m})
				}
			}
		}
		return out
	}
	memberOf := map[string][]ref{}
	for _, c := range claims {
		memberOf[c.ID] = matches(c)
	}
	rep := Report{ByRelation: map[string]Counts{}}
	count := func(rel claim.Relation, f func(*Counts)) {
		n := RelationName(rel)
		c := rep.ByRelation[n]
		f(&c)
		rep.ByRelation[n] = c
	}
	for _, l := range links {
		j := Judged{Link: l, TextA: byID[l.A].Text, TextB: byID[l.B].Text}
		for _, ra := range memberOf[l.A] {
			for _, rb := range memberOf[l.B] {
				if ra.group != rb.group {
					continue
				}
				rels := allowed(ra.m, rb.m)
				if len(rels) == 0 {
					continue
				}
				j.Real, j.Group = true, g.Groups[ra.group].ID
				if slices.Contains(rels, l.Relation) {
					j.RightRelation = true
				}
			}
		}
		rep.Links = append(rep.Links, j)
		rep.All.Predicted++
		rep.PairOnly.Predicted++
		if j.Real {
			rep.PairOnly.Correct++
		}
		if j.RightRelation {
			rep.All.Correct++
		}
		count(l.Relation, func(c *Counts) {
			c.Predicted++
			if j.RightRelation {
				c.Correct++
			}
		})
	}
	// required links
	ids := map[string]Member{}
	for _, gr := range g.Groups {
		for _, m := range gr.Members {
			ids[m.ID] = m
		}
	}
	has := func(c Claim, names []string) bool {
		for _, n := range names {
			m := ids[n]
			if strings.HasPrefix(c.Article, m.Article) && strings.Contains(c.Text, m.Contains) {
				return true
			}
		}
		return false
	}
	for _, r := range g.Required {
		rels := make([]claim.Relation, len(r.Relations))
		for i, n := range r.Relations {
			rels[i] = relationByName[n]
		}
		rep.All.Required++
		rep.PairOnly.Required++
		primary := rels[0]
		count(primary, func(c *Counts) { c.Required++ })
		pair, right, wrong := false, false, ""
		for _, l := range links {
			a, b := byID[l.A], byID[l.B]
			if !(has(a, r.A) && has(b, r.B)) && !(has(a, r.B) && has(b, r.A)) {
				continue
			}
			pair = true
			if slices.Contains(rels, l.Relation) {
				right = true
			} else {
				wrong = RelationName(l.Relation)
			}
		}
		if pair {
			rep.PairOnly.Found++
		}
		if right {
			rep.All.Found++
			count(primary, func(c *Counts) { c.Found++ })
			continue
		}
		m := Missed{Required: r}
		if !right && pair {
			m.WrongRelation = wrong
		}
		for _, n := range append(append([]string(nil), r.A...), r.B...) {
			found := false
			for _, c := range claims {
				if has(c, []string{n}) {
					found = true
					break
				}
			}
			if !found {
				m.Unreachable = append(m.Unreachable, n)
			}
		}
		rep.Missed = append(rep.Missed, m)
	}
	rep.All.finish()
	rep.PairOnly.finish()
	for n, c := range rep.ByRelation {
		c.finish()
		rep.ByRelation[n] = c
	}
	sort.SliceStable(rep.Links, func(i, j int) bool { return rep.Links[i].RightRelation && !rep.Links[j].RightRelation })
	return rep
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
