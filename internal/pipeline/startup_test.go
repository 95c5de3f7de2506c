package pipeline

import (
	"runtime/debug"
	"testing"
)

func TestEnvGCPercent(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 100}, {"off", -1}, {"50", 50}, {"400", 400}, {"0", 0}, {"abc", 100}, {"OFF", 100},
	} {
		if got := envGCPercent(tc.in); got != tc.want {
			t.Errorf("envGCPercent(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

// TestNewAtStartupRestoresGC checks that the collector runs again afterwards,
// at GOGC's percent.
func TestNewAtStartupRestoresGC(t *testing.T) {
	t.Setenv("GOGC", "77")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	if _, err := NewAtStartup(); err != nil {
		t.Fatal(err)
	}
	if got := debug.SetGCPercent(100); got != 77 {
		t.Errorf("GC percent after NewAtStartup = %d, want 77", got)
	}
}
