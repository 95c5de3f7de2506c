package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// Comparable is what linking compares of a stored claim: the few fields of
// contradiction.StatementOf plus the article's URL. Reading it costs a row of
// narrow columns instead of decoding the claim's whole JSON body, so a lookup
// can read every candidate this way and the full claim (Claims) only for the
// few that link.
type Comparable struct {
	ID         string
	URL        string
	Speaker    string // canonical name; "" for the article's own voice
	Text       string
	Hedging    float64
	Type       claim.Type
	Published  time.Time // zero when unknown
	StoredTime time.Time
}

const selectComparable = `SELECT c.id, a.url, c.speaker, c.published_ns, c.stored_ns, c.cmp_text, c.cmp_hedging, c.cmp_type,
CASE WHEN c.cmp_text IS NULL THEN c.body ELSE '' END FROM claims c JOIN articles a ON a.id = c.article_id`

// Comparables implements Store.
func (s *sqlStore) Comparables(ctx context.Context, ids []string) ([]Comparable, error) {
	out := make([]Comparable, 0, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), rowsPerInsert)
		args, in := inList(ids[:n], 0)
		var err error
		if out, err = s.comparables(ctx, out, selectComparable+` WHERE c.id IN (`+in+`)`, args); err != nil {
			return nil, fmt.Errorf("store: comparables: %w", err)
		}
		ids = ids[n:]
	}
	return out, nil
}

func (s *sqlStore) comparables(ctx context.Context, out []Comparable, q string, args []any) ([]Comparable, error) {
	rows, err := s.queryRows(ctx, s.db, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c Comparable
		var pub, stored int64
		var text sql.NullString
		var hedging sql.NullFloat64
		var typ sql.NullInt64
		var body string
		if err := rows.Scan(&c.ID, &c.URL, &c.Speaker, &pub, &stored, &text, &hedging, &typ, &body); err != nil {
			return nil, err
		}
		if text.Valid {
			c.Text, c.Hedging, c.Type = text.String, hedging.Float64, claim.Type(typ.Int64)
		} else { // stored before migration 0003
			var cl claim.Claim
			if err := json.Unmarshal([]byte(body), &cl); err != nil {
				return nil, fmt.Errorf("decode claim %q: %w", c.ID, err)
			}
			c.Text, c.Hedging, c.Type = cl.Text, cl.Hedging.Score, cl.Type
		}
		c.Published, c.StoredTime = fromNanos(pub), fromNanos(stored)
		out = append(out, c)
	}
	return out, rows.Err()
}
