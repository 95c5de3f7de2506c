package store

import (
	"context"
	"errors"
	"time"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// ErrNotFound is returned (wrapped) for an ID the store does not hold.
var ErrNotFound = errors.New("not found")

// ErrBadPageToken is returned (wrapped) for a page token the store did not
// issue, or issued for a different filter.
var ErrBadPageToken = errors.New("invalid page token")

// Store keeps articles' claims, their blocking keys and their links. It is safe
// for concurrent use, also by several processes sharing one database.
type Store interface {
	// PutArticle stores a, replacing (in one transaction) any article stored
	// under the same ID with its claims, keys and links.
	PutArticle(ctx context.Context, a Article) error
	// Candidates returns, for each of keys, the perKey most recently stored
	// claims carrying it, less those of article exceptArticle ("" for none):
	// the window is taken first, then the article's claims leave it.
	Candidates(ctx context.Context, keys []string, perKey int, exceptArticle string) ([]Posting, error)
	// Claims returns the stored claims with the given IDs, in no particular
	// order, with their links when withLinks; IDs not stored are left out.
	Claims(ctx context.Context, ids []string, withLinks bool) ([]Stored, error)
	// Comparables returns what linking compares of the stored claims with the
	// given IDs, in no particular order; IDs not stored are left out. It is
	// Claims narrowed to a few columns, for reading every candidate of a lookup.
	Comparables(ctx context.Context, ids []string) ([]Comparable, error)
	// ListClaims returns one page of the claims matching f, newest publication
	// first, and the token of the next page ("" after the last).
	ListClaims(ctx context.Context, f Filter, pageSize int, pageToken string) ([]Stored, string, error)
	// DeleteArticle removes an article with its claims and every link to them;
	// ErrNotFound when it is not stored.
	DeleteArticle(ctx context.Context, id string) error
	// Close releases the database.
	Close() error
}

// Article is what PutArticle stores: the article's metadata, its claims with
// their blocking keys, and the links its claims make (among themselves and to
// claims stored before).
type Article struct {
	ID        string
	URL       string
	Title     string
	Published time.Time // zero when unknown
	Claims    []Claim
	Links     []claim.Link // A or B (or both) is a claim of this article
}

// Claim is one claim to store with its blocking keys.
type Claim struct {
	claim.Claim
	Keys []string
}

// Stored is a claim read back, with its article's metadata and every link it
// takes part in.
type Stored struct {
	claim.Claim
	ArticleID  string
	URL        string
	Title      string
	Published  time.Time // zero when unknown
	StoredTime time.Time
	Links      []claim.Link
}

// Posting is one claim found under a blocking key.
type Posting struct {
	Key       string
	ClaimID   string
	ArticleID string
	Stored    int64 // Unix nanoseconds the claim was stored: recency
}

// Filter selects claims for ListClaims; zero fields select everything.
type Filter struct {
	Speaker   string   // canonical speaker name, exact
	EntityKey []string // blocking keys of an entity (contradiction.Classifier.EntityKey); all must be present
	ArticleID string
	Since     time.Time // publication time at or after
	Until     time.Time // publication time before
}
