package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
)

// migrationLockID is the PostgreSQL advisory lock key that serialises migrations
// ("claimsvc" in ASCII, as an int64).
const migrationLockID = 0x636c61696d737663

// OpenPostgres connects to the PostgreSQL database at url (postgres://…, any
// form pgx accepts) and brings its schema up to date. Several replicas may open
// one database at once: migrations run under a transaction-scoped advisory lock.
func OpenPostgres(ctx context.Context, url string) (Store, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connect postgres: %w", err)
	}
	s := &sqlStore{db: db, d: dialect{
		name:      "postgres",
		lock:      fmt.Sprintf("SELECT pg_advisory_xact_lock(%d)", int64(migrationLockID)),
		retryable: pgRetryable,
		candidatesAll: `SELECT c.block_key, c.claim_id, c.stored_ns FROM unnest($1::text[]) AS k (block_key)
CROSS JOIN LATERAL (SELECT block_key, claim_id, stored_ns FROM claim_keys WHERE block_key = k.block_key ORDER BY stored_ns DESC LIMIT $2) AS c`,
	}}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// pgRetryable reports a serialisation failure, a deadlock, or a unique
// violation from two writers inserting the same new article at once.
func pgRetryable(err error) bool {
	var e *pgconn.PgError
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code {
	case "40001", "40P01", "23505":
		return true
	}
	return false
}
