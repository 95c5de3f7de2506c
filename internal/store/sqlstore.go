package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// dialect is what differs between the two databases: almost nothing.
type dialect struct {
	name string
	// lock, run first in the migration transaction, makes replicas that start
	// together apply migrations one after another ("" where a write transaction
	// already locks the whole database).
	lock string
	// retryable reports a transaction that lost a race (deadlock, serialisation,
	// a busy file) and should be run again.
	retryable func(error) bool
}

// sqlStore implements Store over database/sql for either dialect.
type sqlStore struct {
	db *sql.DB
	d  dialect
}

// linkEnds is how a link's two described ends are kept (links.ends).
type linkEnds struct {
	A claim.LinkedClaim `json:"a"`
	B claim.LinkedClaim `json:"b"`
}

// rowsPerInsert bounds one multi-row INSERT, well under both databases'
// parameter limits (SQLite 32766, PostgreSQL 65535).
const rowsPerInsert = 400

// tx runs f in a transaction, again when it lost a race with another writer.
func (s *sqlStore) tx(ctx context.Context, f func(*sql.Tx) error) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if attempt > 0 {
			select {
			case <-time.After(time.Duration(attempt*attempt) * 10 * time.Millisecond):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		err = s.tx1(ctx, f)
		if err == nil || !s.d.retryable(err) {
			return err
		}
	}
	return err
}

func (s *sqlStore) tx1(ctx context.Context, f func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// PutArticle implements Store. The article row is upserted first: that locks it,
// so concurrent writers of one ID take turns, and the second replaces the first.
func (s *sqlStore) PutArticle(ctx context.Context, a Article) error {
	if a.ID == "" {
		return errors.New("store: article has no ID")
	}
	bodies := make([]string, len(a.Claims))
	for i, c := range a.Claims {
		b, err := json.Marshal(c.Claim)
		if err != nil {
			return fmt.Errorf("store: encode claim %q: %w", c.ID, err)
		}
		bodies[i] = string(b)
	}
	ends := make([]string, len(a.Links))
	for i, l := range a.Links {
		b, err := json.Marshal(linkEnds{A: l.ClaimA, B: l.ClaimB})
		if err != nil {
			return fmt.Errorf("store: encode link %s–%s: %w", l.A, l.B, err)
		}
		ends[i] = string(b)
	}
	now := time.Now().UnixNano()
	pub := nanos(a.Published)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO articles (id, url, title, published_ns, stored_ns) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (id) DO UPDATE SET url = excluded.url, title = excluded.title, published_ns = excluded.published_ns, stored_ns = excluded.stored_ns`,
			a.ID, a.URL, a.Title, pub, now); err != nil {
			return fmt.Errorf("upsert article: %w", err)
		}
		// Its old claims go, and with them (ON DELETE CASCADE) their keys and links.
		if _, err := tx.ExecContext(ctx, `DELETE FROM claims WHERE article_id = $1`, a.ID); err != nil {
			return fmt.Errorf("delete old claims: %w", err)
		}
		claims := make([][]any, len(a.Claims))
		var keys [][]any
		for i, c := range a.Claims {
			claims[i] = []any{c.ID, a.ID, i + 1, speakerOf(c.Claim), pub, now, bodies[i]}
			for _, k := range c.Keys {
				keys = append(keys, []any{k, now, c.ID, a.ID})
			}
		}
		if err := insertRows(ctx, tx, "claims (id, article_id, ordinal, speaker, published_ns, stored_ns, body)", claims); err != nil {
			return err
		}
		if err := insertRows(ctx, tx, "claim_keys (block_key, stored_ns, claim_id, article_id)", keys); err != nil {
			return err
		}
		for i, l := range a.Links {
			// A link to a claim deleted meanwhile (its article retracted) is dropped.
			if _, err := tx.ExecContext(ctx, `INSERT INTO links (claim_id, other_claim_id, score, relation, reason, explanation, ends)
SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM claims WHERE id = $8) AND EXISTS (SELECT 1 FROM claims WHERE id = $9)
ON CONFLICT (claim_id, other_claim_id) DO NOTHING`,
				l.A, l.B, l.Score, int(l.Relation), int(l.Reason), l.Explanation, ends[i], l.A, l.B); err != nil {
				return fmt.Errorf("insert link: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: put article %q: %w", a.ID, err)
	}
	return nil
}

// insertRows inserts rows into table (with its column list) in multi-row
// statements.
func insertRows(ctx context.Context, tx *sql.Tx, table string, rows [][]any) error {
	for len(rows) > 0 {
		n := min(len(rows), rowsPerInsert)
		var q strings.Builder
		q.WriteString("INSERT INTO " + table + " VALUES ")
		args := make([]any, 0, n*len(rows[0]))
		for i, r := range rows[:n] {
			if i > 0 {
				q.WriteByte(',')
			}
			q.WriteByte('(')
			for j, v := range r {
				if j > 0 {
					q.WriteByte(',')
				}
				args = append(args, v)
				q.WriteString("$" + strconv.Itoa(len(args)))
			}
			q.WriteByte(')')
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table[:strings.IndexByte(table, ' ')], err)
		}
		rows = rows[n:]
	}
	return nil
}

// Candidates implements Store: one statement, a UNION ALL of one index range
// scan per key.
func (s *sqlStore) Candidates(ctx context.Context, keys []string, perKey int, exceptArticle string) ([]Posting, error) {
	var out []Posting
	const keysPerQuery = 100
	for len(keys) > 0 {
		n := min(len(keys), keysPerQuery)
		var q strings.Builder
		args := make([]any, 0, n+2)
		args = append(args, exceptArticle, perKey)
		for i, k := range keys[:n] {
			if i > 0 {
				q.WriteString(" UNION ALL ")
			}
			args = append(args, k)
			fmt.Fprintf(&q, `SELECT * FROM (SELECT block_key, claim_id, article_id, stored_ns FROM claim_keys WHERE block_key = $%d AND article_id <> $1 ORDER BY stored_ns DESC LIMIT $2) AS k%d`, len(args), i)
		}
		rows, err := s.db.QueryContext(ctx, q.String(), args...)
		if err != nil {
			return nil, fmt.Errorf("store: candidates: %w", err)
		}
		for rows.Next() {
			var p Posting
			if err := rows.Scan(&p.Key, &p.ClaimID, &p.ArticleID, &p.Stored); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: candidates: %w", err)
			}
			out = append(out, p)
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("store: candidates: %w", err)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: candidates: %w", err)
		}
		keys = keys[n:]
	}
	return out, nil
}

const selectStored = `SELECT c.id, c.article_id, a.url, a.title, c.published_ns, c.stored_ns, c.body FROM claims c JOIN articles a ON a.id = c.article_id`

// Claims implements Store.
func (s *sqlStore) Claims(ctx context.Context, ids []string, withLinks bool) ([]Stored, error) {
	var out []Stored
	for len(ids) > 0 {
		n := min(len(ids), rowsPerInsert)
		args, in := inList(ids[:n], 0)
		got, err := s.query(ctx, selectStored+` WHERE c.id IN (`+in+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: claims: %w", err)
		}
		out = append(out, got...)
		ids = ids[n:]
	}
	if !withLinks {
		return out, nil
	}
	if err := s.fillLinks(ctx, out); err != nil {
		return nil, fmt.Errorf("store: claims: %w", err)
	}
	return out, nil
}

// inList returns args and "$k+1,$k+2,…" for ids, numbering after k others.
func inList(ids []string, k int) ([]any, string) {
	args := make([]any, len(ids))
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		args[i] = id
		b.WriteString("$" + strconv.Itoa(k+i+1))
	}
	return args, b.String()
}

// query reads Stored rows of a selectStored query (without their links).
func (s *sqlStore) query(ctx context.Context, q string, args ...any) ([]Stored, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Stored
	for rows.Next() {
		var st Stored
		var id, body string
		var pub, stored int64
		if err := rows.Scan(&id, &st.ArticleID, &st.URL, &st.Title, &pub, &stored, &body); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(body), &st.Claim); err != nil {
			return nil, fmt.Errorf("decode claim %q: %w", id, err)
		}
		st.ID = id
		st.Published = fromNanos(pub)
		st.StoredTime = fromNanos(stored)
		out = append(out, st)
	}
	return out, rows.Err()
}

// fillLinks reads the links each claim takes part in.
func (s *sqlStore) fillLinks(ctx context.Context, claims []Stored) error {
	if len(claims) == 0 {
		return nil
	}
	at := make(map[string]int, len(claims))
	ids := make([]string, len(claims))
	for i, c := range claims {
		at[c.ID] = i
		ids[i] = c.ID
	}
	for len(ids) > 0 {
		n := min(len(ids), rowsPerInsert/2)
		args, in := inList(ids[:n], 0)
		rows, err := s.db.QueryContext(ctx, `SELECT claim_id, other_claim_id, score, relation, reason, explanation, ends FROM links WHERE claim_id IN (`+in+`)
UNION SELECT claim_id, other_claim_id, score, relation, reason, explanation, ends FROM links WHERE other_claim_id IN (`+in+`)`, args...)
		if err != nil {
			return fmt.Errorf("links: %w", err)
		}
		for rows.Next() {
			var l claim.Link
			var rel, reason int
			var ends string
			if err := rows.Scan(&l.A, &l.B, &l.Score, &rel, &reason, &l.Explanation, &ends); err != nil {
				rows.Close()
				return fmt.Errorf("links: %w", err)
			}
			if ends != "" {
				var e linkEnds
				if err := json.Unmarshal([]byte(ends), &e); err != nil {
					rows.Close()
					return fmt.Errorf("decode link %s–%s: %w", l.A, l.B, err)
				}
				l.ClaimA, l.ClaimB = e.A, e.B
			}
			l.Relation, l.Reason = claim.Relation(rel), claim.Reason(reason)
			for _, id := range []string{l.A, l.B} {
				if i, ok := at[id]; ok && (id == l.A || l.A != l.B) {
					claims[i].Links = append(claims[i].Links, l)
				}
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("links: %w", err)
		}
		ids = ids[n:]
	}
	return nil
}

// DeleteArticle implements Store.
func (s *sqlStore) DeleteArticle(ctx context.Context, id string) error {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE id = $1`, id)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return fmt.Errorf("store: delete article %q: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("store: article %q: %w", id, ErrNotFound)
	}
	return nil
}

// Close implements Store.
func (s *sqlStore) Close() error { return s.db.Close() }

// speakerOf is the canonical speaker name ListClaims filters on ("" for the
// article's own voice).
func speakerOf(c claim.Claim) string {
	if c.Speaker.Kind == claim.SpeakerArticle {
		return ""
	}
	return c.Speaker.Name
}

func nanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func fromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}
