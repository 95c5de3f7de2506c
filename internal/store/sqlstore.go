package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
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
	// positional: the driver is given "?" parameters in order instead of "$n"
	// (see bind).
	positional bool
	// candidatesAll, when set, looks up every key in one statement ($1 the
	// keys as an array, $2 the per-key limit).
	candidatesAll string
}

// bind rewrites q's "$n" parameters for the dialect. SQLite takes "$n" as a
// named parameter and looks each one up in a list, which is quadratic in a
// multi-row INSERT of thousands of parameters; plain "?" in order costs
// nothing, so for SQLite every "$n" becomes "?" and args follow in order of
// appearance (a repeated "$n" repeats its argument).
func (d dialect) bind(q string, args []any) (string, []any) {
	if !d.positional || !strings.Contains(q, "$") {
		return q, args
	}
	var b strings.Builder
	out := make([]any, 0, len(args))
	for i := 0; i < len(q); i++ {
		if q[i] != '$' || i+1 >= len(q) || q[i+1] < '1' || q[i+1] > '9' {
			b.WriteByte(q[i])
			continue
		}
		j := i + 1
		for j < len(q) && q[j] >= '0' && q[j] <= '9' {
			j++
		}
		n, _ := strconv.Atoi(q[i+1 : j])
		if n > len(args) { // leave it for the driver to report
			b.WriteString(q[i:j])
		} else {
			b.WriteByte('?')
			out = append(out, args[n-1])
		}
		i = j - 1
	}
	return b.String(), out
}

// execer and querier are what *sql.DB and *sql.Tx share.
type execer interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

func (s *sqlStore) exec(ctx context.Context, e execer, q string, args ...any) (sql.Result, error) {
	q, args = s.d.bind(q, args)
	return e.ExecContext(ctx, q, args...)
}

func (s *sqlStore) queryRows(ctx context.Context, e querier, q string, args ...any) (*sql.Rows, error) {
	q, args = s.d.bind(q, args)
	return e.QueryContext(ctx, q, args...)
}

// sqlStore implements Store over database/sql for either dialect.
type sqlStore struct {
	db *sql.DB
	d  dialect

	prepMu   sync.Mutex
	candStmt *sql.Stmt // SQLite's candidatesChunk, prepared on first use
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
		if _, err := s.exec(ctx, tx, `INSERT INTO articles (id, url, title, published_ns, stored_ns) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (id) DO UPDATE SET url = excluded.url, title = excluded.title, published_ns = excluded.published_ns, stored_ns = excluded.stored_ns`,
			a.ID, a.URL, a.Title, pub, now); err != nil {
			return fmt.Errorf("upsert article: %w", err)
		}
		// Its old claims go, and with them (ON DELETE CASCADE) their keys and links.
		if _, err := s.exec(ctx, tx, `DELETE FROM claims WHERE article_id = $1`, a.ID); err != nil {
			return fmt.Errorf("delete old claims: %w", err)
		}
		claims := make([][]any, len(a.Claims))
		var keys [][]any
		for i, c := range a.Claims {
			claims[i] = []any{c.ID, a.ID, i + 1, speakerOf(c.Claim), pub, now, bodies[i], c.Text, c.Hedging.Score, int(c.Type)}
			seen := make(map[string]bool, len(c.Keys))
			for _, k := range c.Keys {
				if !seen[k] { // a key repeated in one claim is one posting
					seen[k] = true
					keys = append(keys, []any{k, now, c.ID, a.ID})
				}
			}
		}
		if err := s.insertRows(ctx, tx, "claims (id, article_id, ordinal, speaker, published_ns, stored_ns, body, cmp_text, cmp_hedging, cmp_type)", claims, ""); err != nil {
			return err
		}
		if err := s.insertRows(ctx, tx, "claim_keys (block_key, stored_ns, claim_id, article_id)", keys, ""); err != nil {
			return err
		}
		return s.insertLinks(ctx, tx, a.Links, ends)
	})
	if err != nil {
		return fmt.Errorf("store: put article %q: %w", a.ID, err)
	}
	return nil
}

// insertLinks inserts an article's links in multi-row statements, under a
// savepoint: if one names a claim deleted meanwhile (its article retracted
// after the lookup), the foreign key refuses the statement, and the links go
// in one by one, each only when both its claims still exist.
func (s *sqlStore) insertLinks(ctx context.Context, tx *sql.Tx, links []claim.Link, ends []string) error {
	type pair struct{ a, b string }
	seen := make(map[pair]bool, len(links))
	var rows [][]any
	for i, l := range links {
		if p := (pair{l.A, l.B}); !seen[p] {
			seen[p] = true
			rows = append(rows, []any{l.A, l.B, l.Score, int(l.Relation), int(l.Reason), l.Explanation, ends[i]})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	if _, err := s.exec(ctx, tx, `SAVEPOINT links`); err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	const cols = "links (claim_id, other_claim_id, score, relation, reason, explanation, ends)"
	err := s.insertRows(ctx, tx, cols, rows, " ON CONFLICT (claim_id, other_claim_id) DO NOTHING")
	if err == nil {
		_, err = s.exec(ctx, tx, `RELEASE SAVEPOINT links`)
		return err
	}
	if _, err := s.exec(ctx, tx, `ROLLBACK TO SAVEPOINT links`); err != nil {
		return fmt.Errorf("rollback to savepoint: %w", err)
	}
	for _, r := range rows {
		if _, err := s.exec(ctx, tx, `INSERT INTO links (claim_id, other_claim_id, score, relation, reason, explanation, ends)
SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM claims WHERE id = $8) AND EXISTS (SELECT 1 FROM claims WHERE id = $9)
ON CONFLICT (claim_id, other_claim_id) DO NOTHING`, append(r, r[0], r[1])...); err != nil {
			return fmt.Errorf("insert link: %w", err)
		}
	}
	return nil
}

// insertRows inserts rows into table (with its column list) in multi-row
// statements.
func (s *sqlStore) insertRows(ctx context.Context, tx *sql.Tx, table string, rows [][]any, suffix string) error {
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
		q.WriteString(suffix)
		if _, err := s.exec(ctx, tx, q.String(), args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table[:strings.IndexByte(table, ' ')], err)
		}
		rows = rows[n:]
	}
	return nil
}

// Candidates implements Store. Each key is one range scan of the key table's
// primary key (block_key, stored_ns, claim_id), read backwards from the newest
// and cut at perKey: an index-only scan that touches no table rows (the
// article is read from the claim ID), so a lookup costs the same at any store
// size. PostgreSQL runs all keys in one statement (unnest + LATERAL, one round
// trip, a fixed text its statement cache keeps); SQLite, in-process, runs one
// prepared statement per candidatesPerStmt keys.
func (s *sqlStore) Candidates(ctx context.Context, keys []string, perKey int, exceptArticle string) ([]Posting, error) {
	var out []Posting
	add := func(rows *sql.Rows) error {
		defer rows.Close()
		for rows.Next() {
			var p Posting
			if err := rows.Scan(&p.Key, &p.ClaimID, &p.Stored); err != nil {
				return err
			}
			if p.ArticleID = articleOf(p.ClaimID); exceptArticle == "" || p.ArticleID != exceptArticle {
				out = append(out, p)
			}
		}
		return rows.Err()
	}
	if s.d.candidatesAll != "" {
		rows, err := s.db.QueryContext(ctx, s.d.candidatesAll, keys, perKey)
		if err == nil {
			err = add(rows)
		}
		if err != nil {
			return nil, fmt.Errorf("store: candidates: %w", err)
		}
		return out, nil
	}
	stmt, err := s.candidateStmt(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: candidates: %w", err)
	}
	args := make([]any, 1+candidatesPerStmt)
	args[0] = perKey
	for len(keys) > 0 {
		n := min(len(keys), candidatesPerStmt)
		for i := range candidatesPerStmt {
			args[1+i] = nil // matches no key
			if i < n {
				args[1+i] = keys[i]
			}
		}
		rows, err := stmt.QueryContext(ctx, args...)
		if err == nil {
			err = s.addCandidates(rows, keys[:n], exceptArticle, &out)
		}
		if err != nil {
			return nil, fmt.Errorf("store: candidates: %w", err)
		}
		keys = keys[n:]
	}
	return out, nil
}

// addCandidates appends to out the postings of a candidatesChunk query over
// keys (its rows name a key by its index).
func (s *sqlStore) addCandidates(rows *sql.Rows, keys []string, exceptArticle string, out *[]Posting) error {
	defer rows.Close()
	for rows.Next() {
		var p Posting
		var k int
		if err := rows.Scan(&k, &p.ClaimID, &p.Stored); err != nil {
			return err
		}
		if k < 0 || k >= len(keys) {
			return fmt.Errorf("key index %d out of range", k)
		}
		p.Key = keys[k]
		if p.ArticleID = articleOf(p.ClaimID); exceptArticle == "" || p.ArticleID != exceptArticle {
			*out = append(*out, p)
		}
	}
	return rows.Err()
}

// candidatesPerStmt is how many keys one SQLite candidate statement looks up.
const candidatesPerStmt = 32

// candidatesChunk looks up candidatesPerStmt keys (?2 …, NULL for none) in
// one statement, ?1 most recent postings each: a UNION ALL of the per-key
// range scans, each still an index-only scan of the key table's primary key
// cut at its LIMIT. One statement instead of one per key saves SQLite's and
// database/sql's per-statement work, which was a third of the lookup.
func candidatesChunk() string {
	var b strings.Builder
	for i := range candidatesPerStmt {
		if i > 0 {
			b.WriteString("\nUNION ALL ")
		}
		fmt.Fprintf(&b, "SELECT %d, claim_id, stored_ns FROM (SELECT claim_id, stored_ns FROM claim_keys WHERE block_key = ?%d ORDER BY stored_ns DESC LIMIT ?1)", i, i+2)
	}
	return b.String()
}

// candidateStmt prepares candidatesChunk once.
func (s *sqlStore) candidateStmt(ctx context.Context) (*sql.Stmt, error) {
	s.prepMu.Lock()
	defer s.prepMu.Unlock()
	if s.candStmt == nil {
		st, err := s.db.PrepareContext(ctx, candidatesChunk())
		if err != nil {
			return nil, err
		}
		s.candStmt = st
	}
	return s.candStmt, nil
}

// articleOf is the article part of a claim ID ("<article id>#<n>"; the article
// ID may contain '#', the counter never does).
func articleOf(claimID string) string {
	if i := strings.LastIndexByte(claimID, '#'); i >= 0 {
		return claimID[:i]
	}
	return claimID
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
	rows, err := s.queryRows(ctx, s.db, q, args...)
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
		rows, err := s.queryRows(ctx, s.db, `SELECT claim_id, other_claim_id, score, relation, reason, explanation, ends FROM links WHERE claim_id IN (`+in+`)
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
		res, err := s.exec(ctx, tx, `DELETE FROM articles WHERE id = $1`, id)
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
func (s *sqlStore) Close() error {
	if s.candStmt != nil {
		s.candStmt.Close()
	}
	return s.db.Close()
}

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
