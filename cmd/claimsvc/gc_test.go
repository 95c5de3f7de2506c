package main

import (
	"runtime/debug"
	"testing"
)

func TestApplyGC(t *testing.T) {
	prev := debug.SetGCPercent(100)
	defer debug.SetGCPercent(prev)
	tests := []struct {
		name    string
		percent int
		env     string
		runtime int // the runtime's value before applyGC, as GOGC would have set it
		want    gcSetting
	}{
		{"default target when GOGC is unset", defaultGCPercent, "", 100, gcSetting{defaultGCPercent, "-gc-percent"}},
		{"flag value when GOGC is unset", 50, "", 100, gcSetting{50, "-gc-percent"}},
		{"off", -1, "", 100, gcSetting{-1, "-gc-percent"}},
		{"GOGC wins over the flag", 300, "150", 150, gcSetting{150, "GOGC"}},
		{"GOGC=off wins", 300, "off", -1, gcSetting{-1, "GOGC"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			debug.SetGCPercent(tc.runtime)
			got := applyGC(tc.percent, func(k string) string {
				if k == "GOGC" {
					return tc.env
				}
				return ""
			})
			if got != tc.want {
				t.Fatalf("applyGC(%d, GOGC=%q) = %+v, want %+v", tc.percent, tc.env, got, tc.want)
			}
			if now := debug.SetGCPercent(100); now != tc.want.percent {
				t.Fatalf("runtime GOGC after applyGC = %d, want %d", now, tc.want.percent)
			}
		})
	}
}

func TestParseConfigGCPercent(t *testing.T) {
	tests := []struct {
		args    []string
		env     map[string]string
		want    int
		wantErr bool
	}{
		{nil, nil, defaultGCPercent, false},
		{[]string{"-gc-percent", "400"}, nil, 400, false},
		{nil, map[string]string{"CLAIMSVC_GC_PERCENT": "150"}, 150, false},
		{[]string{"-gc-percent", "-1"}, nil, -1, false},
		{[]string{"-gc-percent", "-2"}, nil, 0, true},
	}
	for _, tc := range tests {
		c, err := parseConfig(tc.args, func(k string) string { return tc.env[k] })
		if (err != nil) != tc.wantErr {
			t.Fatalf("parseConfig(%v, %v): err = %v, want error %v", tc.args, tc.env, err, tc.wantErr)
		}
		if err == nil && c.gcPercent != tc.want {
			t.Errorf("parseConfig(%v, %v).gcPercent = %d, want %d", tc.args, tc.env, c.gcPercent, tc.want)
		}
	}
}
