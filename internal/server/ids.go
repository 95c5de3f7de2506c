package server

import (
	"fmt"
	"strconv"
)

// articleIDs holds the names the articles of one batch or stream go by — the
// client's ID, or for an article without one its 0-based position, as
// pipeline.ArticleID names it — so that no two articles share a name: claim
// IDs ("<name>#<n>") are built from them, and two articles with one name would
// make the linking index see the same claim ID twice. A client ID "3" next to an
// ID-less article at position 3 collides just as two equal client IDs do, and
// is refused the same way (claimbatch, which names an ID-less line by its line
// number, refuses it too).
type articleIDs map[string]named

// named is where a name was taken, and whether from a position.
type named struct {
	at         int
	positional bool
}

// add names the article at position i (id is the client's, possibly empty) and
// returns why that name is taken, or "" when it is free. ref formats an earlier
// position for the message ("articles[%d]", "the article at input_index %d").
func (ids articleIDs) add(id string, i int, ref string) string {
	name, positional := id, id == ""
	if positional {
		name = strconv.Itoa(i)
	}
	prev, taken := ids[name]
	if !taken {
		ids[name] = named{at: i, positional: positional}
		return ""
	}
	other := fmt.Sprintf(ref, prev.at)
	switch {
	case positional:
		return fmt.Sprintf("is empty, so the article is named by its position %q, which %s has as its ID; give this article an ID", name, other)
	case prev.positional:
		return fmt.Sprintf("%q is the name %s has from its position, as it has no ID; give %s an ID or choose another one", id, other, other)
	default:
		return fmt.Sprintf("%q repeats the ID of %s", id, other)
	}
}
