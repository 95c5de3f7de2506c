package main

import "github.com/claimsvc/claimsvc/internal/dataset"

// defaultPath is rel inside the shared data folder, or rel itself when there is none.
func defaultPath(rel string) string {
	p, err := dataset.Path(rel)
	if err != nil {
		return rel
	}
	return p
}
