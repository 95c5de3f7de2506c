package pipeline

import (
	"context"
	"reflect"
	"runtime/debug"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
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
	for _, concurrent := range []bool{false, true} {
		if _, err := NewAtStartup(concurrent); err != nil {
			t.Fatal(err)
		}
		if got := debug.SetGCPercent(100); got != 77 {
			t.Errorf("GC percent after NewAtStartup(%v) = %d, want 77", concurrent, got)
		}
	}
}

// TestBuildConcurrentSame checks that a pipeline built with the extractor on
// its own goroutine finds what one built sequentially finds.
func TestBuildConcurrentSame(t *testing.T) {
	seq, err := build(false)
	if err != nil {
		t.Fatal(err)
	}
	con, err := build(true)
	if err != nil {
		t.Fatal(err)
	}
	a := claim.Article{ID: "a", Text: "The minister said on Monday that taxes would rise by 5% next year. " +
		"\"We will not raise taxes,\" the opposition leader told reporters. Officials denied the report."}
	want, err := seq.Article(context.Background(), a, 0)
	if err != nil {
		t.Fatal(err)
	}
	got, err := con.Article(context.Background(), a, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("concurrent build: %+v\nsequential: %+v", got, want)
	}
	if len(want.Claims) == 0 {
		t.Error("no claims found: the test checks nothing")
	}
}
