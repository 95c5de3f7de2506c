package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestRunListsTasks(t *testing.T) {
	var stderr bytes.Buffer
	if err := run(context.Background(), nil, &bytes.Buffer{}, &stderr); err == nil {
		t.Fatal("no task: no error")
	}
	for _, name := range []string{"hedging", "checkworthy", "contradiction", "cues"} {
		if !strings.Contains(stderr.String(), name) {
			t.Errorf("usage does not list %q:\n%s", name, stderr.String())
		}
	}
}
