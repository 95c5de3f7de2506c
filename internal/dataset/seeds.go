package dataset

import (
	"errors"
	"os"
	"path/filepath"
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
