package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/claimsvc/claimsvc/internal/store"
)

// storeConfig says which claim store to open: the embedded file (default),
// PostgreSQL (-store-url), or none.
type storeConfig struct {
	kind string // "embedded" or "none"
	path string // embedded: the file; "" = defaultStorePath()
	url  string // postgres://…; wins over kind
}

// validate checks the flags' combination.
func (c storeConfig) validate() error {
	switch {
	case c.kind != "embedded" && c.kind != "none":
		return fmt.Errorf("-store must be embedded or none, not %q", c.kind)
	case c.kind == "none" && c.url != "":
		return fmt.Errorf("-store none and -store-url contradict each other")
	case c.url != "" && !strings.HasPrefix(c.url, "postgres://") && !strings.HasPrefix(c.url, "postgresql://"):
		return fmt.Errorf("-store-url must be a postgres:// URL")
	}
	return nil
}

// defaultStorePath is the embedded store's file when -store-path is not given:
// under the user's cache folder, which holds data a program can rebuild.
func defaultStorePath() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no -store-path given and no user cache folder: %w", err)
	}
	return filepath.Join(dir, "claimsvc", "claims.db"), nil
}

// openStore opens the configured store (nil for none) and says which in the log.
func openStore(ctx context.Context, c storeConfig, log *slog.Logger) (store.Store, error) {
	switch {
	case c.url != "":
		st, err := store.OpenPostgres(ctx, c.url)
		if err != nil {
			return nil, err
		}
		log.Info("claim store", "kind", "postgres")
		return st, nil
	case c.kind == "none":
		log.Info("claim store", "kind", "none")
		return nil, nil
	}
	path := c.path
	if path == "" {
		p, err := defaultStorePath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	st, err := store.OpenSQLite(ctx, path)
	if err != nil {
		return nil, err
	}
	log.Info("claim store", "kind", "embedded", "path", path)
	return st, nil
}
