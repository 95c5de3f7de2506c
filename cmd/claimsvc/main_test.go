package main

import (
	"fmt"
	"os"
	"testing"
)

// TestMain points the user's cache folder at a temporary one, so the servers
// the tests start with the default (embedded) claim store never write into the
// real ~/.cache.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "claimsvc-test-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
