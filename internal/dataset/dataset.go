// Package dataset reads the labeled evaluation files of ../shared/data (JSON Lines,
// UTF-8, offsets in UTF-8 bytes) and finds that folder for tests and tools.
//
// The data is never part of the repository or the binary: tests that need it call
// Dir and skip when it is absent, as on a user's fresh clone.
package dataset

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// EnvDir names the environment variable that overrides where the data lives.
const EnvDir = "CLAIMSVC_DATA"

// ErrNoData is returned by Dir when no data folder can be found.
var ErrNoData = errors.New("dataset: no data folder (set " + EnvDir + " or place shared/data beside the repository)")

// Dir returns the data folder: $CLAIMSVC_DATA if set, otherwise the first
// "shared/data" found beside the working directory or any of its parents (the
// layout CI and the developers' machines use: the repository with shared/ next to it).
func Dir() (string, error) {
	if d := os.Getenv(EnvDir); d != "" {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d, nil
		}
		return "", fmt.Errorf("dataset: %s=%q is not a folder: %w", EnvDir, d, ErrNoData)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("dataset: %w", err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		cand := filepath.Join(dir, "shared", "data")
		if st, err := os.Stat(cand); err == nil && st.IsDir() {
			return cand, nil
		}
		if parent := filepath.Dir(dir); parent == dir {
			return "", ErrNoData
		}
	}
}

// Path joins rel (e.g. "hedging/szeged-dev.jsonl") to Dir.
func Path(rel string) (string, error) {
	d, err := Dir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, rel), nil
}

// maxLine bounds one JSON line; PolNeAR articles with their annotations stay far below.
const maxLine = 64 << 20

// ReadJSONL decodes every line of the file at path into a T, in order. A line that
// does not decode is an error naming the file and line: evaluation data must be whole.
func ReadJSONL[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("dataset: %w", err)
	}
	defer f.Close()
	return DecodeJSONL[T](f, path)
}

// DecodeJSONL is ReadJSONL over a reader; name is used in error messages.
func DecodeJSONL[T any](r io.Reader, name string) ([]T, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), maxLine)
	var out []T
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, fmt.Errorf("dataset: %s:%d: %w", name, line, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("dataset: %s: %w", name, err)
	}
	return out, nil
}
