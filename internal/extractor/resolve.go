package extractor

import (
	"strings"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// Stage 4b: resolution. Speaker phrases are resolved to the canonical speaker they
// refer to, in text order: a full name is remembered; a bare surname, "he"/"she",
// "they", "who" and definite descriptions ("the minister") are resolved against
// what came before. Sentence subjects that are not speakers ("Blinken spoke at …")
// are remembered too, so "He asserted …" in the next sentence finds them.

// entity is one speaker or person the article has named.
type entity struct {
	name, title, org string
	kind             claim.SpeakerKind
	surname          string
}

// resolver holds the entities of one article.
type resolver struct {
	ents       []entity
	bySurname  map[string]int // lower-cased surname -> index of the person in ents
	lastPerson int            // index into ents, -1 when none
	lastPlural int
	lastOrg    int // latest organization, for "it"; -1 none, thingBlocked after a thing
}

// maxDescriptionLookback bounds how many recent entities a description ("the
// minister") is compared with, so resolution stays linear on huge input.
const maxDescriptionLookback = 64

func newResolver() resolver {
	return resolver{bySurname: map[string]int{}, lastPerson: -1, lastPlural: -1, lastOrg: -1}
}

// maxPooledSurnames bounds the surname map a pooled resolver keeps between calls
// (see scratch.go); a larger one is dropped rather than cleared.
const maxPooledSurnames = 1024

// reset readies rs for a new article, keeping its buffers.
func (rs *resolver) reset() {
	if rs.bySurname == nil {
		rs.bySurname = map[string]int{}
	}
	rs.ents = rs.ents[:0]
	rs.lastPerson, rs.lastPlural, rs.lastOrg = -1, -1, -1
}

// release clears rs for the pool: no entity of the article stays reachable.
func (rs *resolver) release() {
	rs.ents = keepCleared(rs.ents)
	if len(rs.bySurname) > maxPooledSurnames {
		rs.bySurname = nil
	} else {
		clear(rs.bySurname)
	}
}

// note remembers a mention as an entity (without producing a speaker), so later
// pronouns and surnames can refer to it.
func (rs *resolver) note(mt mention) int {
	switch mt.kind {
	case claim.SpeakerPerson:
		if i, ok := rs.bySurname[mt.surname]; ok {
			e := &rs.ents[i]
			if len(mt.name) > len(e.name) {
				e.name = mt.name
			}
			if e.title == "" {
				e.title = mt.title
			}
			if e.org == "" {
				e.org = mt.org
			}
			rs.lastPerson = i
			return i
		}
		rs.ents = append(rs.ents, entity{name: mt.name, title: mt.title, org: mt.org, kind: mt.kind, surname: mt.surname})
		rs.lastPerson = len(rs.ents) - 1
		rs.bySurname[mt.surname] = rs.lastPerson
		return rs.lastPerson
	case claim.SpeakerGroup, claim.SpeakerOrganization, claim.SpeakerAnonymous:
		rs.ents = append(rs.ents, entity{name: mt.name, title: mt.title, org: mt.org, kind: mt.kind})
		i := len(rs.ents) - 1
		switch mt.kind {
		case claim.SpeakerAnonymous:
			rs.lastPerson = i
		case claim.SpeakerOrganization:
			rs.lastPlural, rs.lastOrg = i, i
		default:
			rs.lastPlural = i
		}
		return i
	}
	return -1
}

// speaker resolves a relation's mention to a claim.Speaker.
func (rs *resolver) speaker(mt mention, text string, span Span) claim.Speaker {
	sp := claim.Speaker{Mention: text[span.Start:span.End], MentionSpan: claim.Span{Start: span.Start, End: span.End}}
	mt.name, mt.title, mt.org, mt.surname = oneLine(mt.name), oneLine(mt.title), oneLine(mt.org), oneLine(mt.surname)
	fill := func(i int, how claim.Resolution) {
		if i < 0 {
			sp.Name, sp.Resolution = oneLine(sp.Mention), how
			return
		}
		e := rs.ents[i]
		sp.Name, sp.Title, sp.Organization, sp.Kind, sp.Resolution = e.name, e.title, e.org, e.kind, how
	}
	switch {
	case mt.pron == pronounRelative && mt.kind != claim.SpeakerUnspecified:
		fill(rs.note(mt), claim.ResolutionPronoun)
	case mt.pron == pronounPerson:
		fill(rs.lastPerson, claim.ResolutionPronoun)
		if rs.lastPerson < 0 {
			sp.Kind = claim.SpeakerPerson
		}
	case mt.pron == pronounPlural:
		fill(rs.lastPlural, claim.ResolutionPronoun)
		if rs.lastPlural < 0 {
			sp.Kind = claim.SpeakerGroup
		}
	case mt.pron == pronounThing:
		// "it" is an organization ("The union said it has warned …"), never a group
		// of people.
		// After a thing that cannot speak ("The conversation …, and it highlighted")
		// it stays unspecified and claims.go drops the relation.
		fill(rs.lastOrg, claim.ResolutionPronoun)
		if rs.lastOrg == thingBlocked {
			return sp
		}
		if rs.lastOrg < 0 {
			sp.Kind = claim.SpeakerOrganization
		}
	case mt.pron != pronounNone:
		fill(-1, claim.ResolutionPronoun)
		sp.Kind = claim.SpeakerPerson
	case mt.desc:
		i := rs.byTitle(mt.head)
		if i < 0 {
			sp.Name, sp.Title, sp.Organization, sp.Kind, sp.Resolution = mt.name, mt.title, mt.org, claim.SpeakerAnonymous, claim.ResolutionExplicit
			rs.note(mention{kind: claim.SpeakerAnonymous, name: mt.name, title: mt.title, org: mt.org})
			break
		}
		fill(i, claim.ResolutionDescription)
		if rs.ents[i].kind == claim.SpeakerPerson || rs.ents[i].kind == claim.SpeakerAnonymous {
			rs.lastPerson = i
		}
	case mt.kind == claim.SpeakerPerson && !strings.Contains(strings.TrimSpace(mt.name), " "):
		how := claim.ResolutionExplicit
		if i, ok := rs.bySurname[mt.surname]; ok && rs.ents[i].name != mt.name {
			how = claim.ResolutionSurname
		}
		fill(rs.note(mt), how)
	case mt.common:
		kind := claim.SpeakerAnonymous
		if strings.HasSuffix(mt.name, "s") {
			kind = claim.SpeakerGroup
		}
		mt.kind = kind
		fill(rs.note(mt), claim.ResolutionExplicit)
	default:
		fill(rs.note(mt), claim.ResolutionExplicit)
	}
	if sp.Kind == claim.SpeakerUnspecified && mt.kind != claim.SpeakerUnspecified {
		sp.Kind = mt.kind
	}
	return sp
}

// forgetThing records that a thing that cannot speak ("The conversation
// underscored …") is now the likeliest antecedent of "it".
func (rs *resolver) forgetThing() { rs.lastOrg = thingBlocked }

// thingBlocked is lastOrg after a non-speaking thing became the antecedent of "it".
const thingBlocked = -2

// byTitle finds the latest entity whose title or name contains the head noun of a
// description ("minister" finds "Foreign Minister Sergei Lavrov").
func (rs *resolver) byTitle(head string) int {
	for i := len(rs.ents) - 1; i >= 0 && i >= len(rs.ents)-maxDescriptionLookback; i-- {
		e := rs.ents[i]
		if containsWord(e.title, head) || e.kind != claim.SpeakerPerson && containsWord(e.name, head) {
			return i
		}
	}
	return -1
}

// containsWord reports whether s contains w as a whole word, ignoring case.
func containsWord(s, w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i+len(w) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(w)], w) &&
			(i == 0 || s[i-1] == ' ' || s[i-1] == '-') &&
			(i+len(w) == len(s) || s[i+len(w)] == ' ' || s[i+len(w)] == '-' || s[i+len(w)] == ',') {
			return true
		}
	}
	return false
}
