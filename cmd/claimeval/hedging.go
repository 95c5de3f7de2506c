package main

import (
	"context"
	"errors"
)

// PLACEHOLDER: replaced by the owner of this task.
func runHedging(ctx context.Context, o options) (report, error) {
	return nil, errors.New("not built yet")
}

// PLACEHOLDER: replaced by the owner of this task.
func runCertainty(ctx context.Context, o options) (report, error) {
	return nil, errors.New("not built yet")
}
