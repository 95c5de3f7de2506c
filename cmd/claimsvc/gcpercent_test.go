package main

import (
	"io"
	"log/slog"
	"runtime/metrics"
	"testing"
)

// TestGCPercentConfig checks where the collector setting comes from: the
// -gc-percent default, its flag and CLAIMSVC_ variable, and GOGC, which wins
// because an operator who set it meant it.
func TestGCPercentConfig(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    int
		wantErr bool
	}{
		{name: "default", want: defaultGCPercent},
		{name: "flag", args: []string{"-gc-percent=350"}, want: 350},
		{name: "environment", env: map[string]string{"CLAIMSVC_GC_PERCENT": "120"}, want: 120},
		{name: "GOGC wins over the default", env: map[string]string{"GOGC": "50"}, want: 0},
		{name: "GOGC wins over the flag", args: []string{"-gc-percent=350"}, env: map[string]string{"GOGC": "off"}, want: 0},
		{name: "zero is refused", args: []string{"-gc-percent=0"}, wantErr: true},
		{name: "negative is refused", args: []string{"-gc-percent=-1"}, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := parseConfig(tc.args, func(k string) string { return tc.env[k] })
			if tc.wantErr {
				if err == nil {
					t.Fatalf("parseConfig(%v) = nil error, want one", tc.args)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.gcPercent != tc.want {
				t.Errorf("gcPercent = %d, want %d", cfg.gcPercent, tc.want)
			}
		})
	}
}

// TestServingSetsGCPercent checks that a started server runs with -gc-percent
// in force, read back from the runtime, not only parsed: the pipeline's start-up
// sets the collector back to GOGC's percent, so the order matters.
func TestServingSetsGCPercent(t *testing.T) {
	_, cfg, cancel, done := startServer(t, slog.New(slog.NewTextHandler(io.Discard, nil)))
	defer func() { cancel(); <-done }()
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	if got := s[0].Value.Uint64(); got != uint64(cfg.gcPercent) {
		t.Errorf("collector percent while serving = %d, want -gc-percent's %d", got, cfg.gcPercent)
	}
}
