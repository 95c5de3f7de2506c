package store

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Page sizes of ListClaims (AIP-158): 0 means DefaultPageSize; larger than
// MaxPageSize is cut to it.
const (
	DefaultPageSize = 50
	MaxPageSize     = 1000
)

// pageToken is where a page ended, and which filter it belongs to. Encoded as
// base64url JSON: opaque to clients, who must only pass it back.
type pageToken struct {
	Published int64  `json:"p"`
	ID        string `json:"i"`
	Filter    string `json:"f"` // filterHash of the request that issued it
}

// filterHash identifies a filter, so a token is refused with another filter.
func filterHash(f Filter) string {
	h := sha256.New()
	for _, s := range append([]string{f.Speaker, f.ArticleID}, f.EntityKey...) {
		binary.Write(h, binary.LittleEndian, int64(len(s)))
		h.Write([]byte(s))
	}
	binary.Write(h, binary.LittleEndian, nanos(f.Since))
	binary.Write(h, binary.LittleEndian, nanos(f.Until))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:12])
}

func decodeToken(s string, f Filter) (pageToken, error) {
	var t pageToken
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &t)
	}
	if err != nil || t.ID == "" {
		return t, fmt.Errorf("store: %w", ErrBadPageToken)
	}
	if t.Filter != filterHash(f) {
		return t, fmt.Errorf("store: %w: it was issued for another filter", ErrBadPageToken)
	}
	return t, nil
}

func (t pageToken) encode() string {
	b, _ := json.Marshal(t)
	return base64.RawURLEncoding.EncodeToString(b)
}

// ListClaims implements Store: keyset pagination on (published_ns, id), newest
// first, so a page costs the same however deep it is.
func (s *sqlStore) ListClaims(ctx context.Context, f Filter, pageSize int, token string) ([]Stored, string, error) {
	switch {
	case pageSize <= 0:
		pageSize = DefaultPageSize
	case pageSize > MaxPageSize:
		pageSize = MaxPageSize
	}
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.Speaker != "" {
		where = append(where, "c.speaker = "+arg(f.Speaker))
	}
	if f.ArticleID != "" {
		where = append(where, "c.article_id = "+arg(f.ArticleID))
	}
	for _, k := range f.EntityKey {
		where = append(where, "c.id IN (SELECT claim_id FROM claim_keys WHERE block_key = "+arg(k)+")")
	}
	if !f.Since.IsZero() {
		where = append(where, "c.published_ns >= "+arg(nanos(f.Since)))
	}
	if !f.Until.IsZero() {
		where = append(where, "c.published_ns < "+arg(nanos(f.Until)))
	}
	if token != "" {
		t, err := decodeToken(token, f)
		if err != nil {
			return nil, "", err
		}
		where = append(where, "(c.published_ns, c.id) < ("+arg(t.Published)+", "+arg(t.ID)+")")
	}
	q := selectStored
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY c.published_ns DESC, c.id DESC LIMIT " + arg(pageSize+1)
	got, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, "", fmt.Errorf("store: list claims: %w", err)
	}
	next := ""
	if len(got) > pageSize {
		got = got[:pageSize]
		last := got[len(got)-1]
		next = pageToken{Published: nanos(last.Published), ID: last.ID, Filter: filterHash(f)}.encode()
	}
	if err := s.fillLinks(ctx, got); err != nil {
		return nil, "", fmt.Errorf("store: list claims: %w", err)
	}
	return got, next, nil
}
