package dataset

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// SeedsDir returns shared/seeds, the sample web articles that sit beside the data
// folder; golden tests read them from there and skip when it is absent.
func SeedsDir() (string, error) {
	d, err := Dir()
	if err != nil {
		return "", err
	}
	s := filepath.Join(filepath.Dir(d), "seeds")
	if st, err := os.Stat(s); err != nil || !st.IsDir() {
		return "", errors.New("dataset: no seeds folder beside " + d)
	}
	return s, nil
}

// Seed is one sample article: its file name without ".txt" and its text.
type Seed struct {
	Name string
	Text string
}

// ReadSeeds reads every shared/seeds/*.txt in name order. Tests and benchmarks use
// it so the seed text is only ever read at run time, never copied into the repo.
func ReadSeeds() ([]Seed, error) {
	dir, err := SeedsDir()
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, errors.New("dataset: no seed articles in " + dir)
	}
	sort.Strings(files)
	out := make([]Seed, len(files))
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		out[i] = Seed{Name: strings.TrimSuffix(filepath.Base(f), ".txt"), Text: string(b)}
	}
	return out, nil
}
