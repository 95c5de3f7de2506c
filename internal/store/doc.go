// Package store keeps claims and their contradiction links across requests, so
// that an article stored today is linked to claims stored last week, and every
// replica of the service sees the claims of the others.
//
// One interface, Store, has two implementations over the same SQL and the same
// migrations (migrations/*.sql, embedded and applied at start-up under a lock):
//
//   - OpenSQLite, the embedded default: a single file, pure Go
//     (modernc.org/sqlite, a translation of SQLite to Go, no cgo). It was chosen
//     over go.etcd.io/bbolt because it is a relational database like the shared
//     backend: the schema, the queries, the indexes and the migrations are one
//     text for both, so the embedded store cannot drift from the PostgreSQL one,
//     and secondary indexes (speaker, time, blocking keys) and cascading deletes
//     come from the database instead of hand-kept bucket layouts. WAL mode keeps
//     readers concurrent with the one writer; a crash never leaves a half-written
//     transaction.
//   - OpenPostgres: PostgreSQL through github.com/jackc/pgx/v5 (its database/sql
//     driver), for several replicas sharing one store.
//
// The linker's blocking keys (internal/contradiction) are an indexed key table,
// claim_keys, whose primary key (block_key, stored_ns, claim_id) answers "the
// most recent claims with this key" from the b-tree alone, so candidate lookup
// costs the same at a thousand or millions of stored claims.
//
// Writes are idempotent: PutArticle replaces an article stored under the same ID
// in one transaction (its old claims, keys and links go, the new ones come), so
// a retried or repeated write never duplicates, and concurrent writers of one ID
// serialise on the article's row. Times are stored as Unix nanoseconds and claim
// contents as JSON text, so the schema uses only types both databases share.
package store
