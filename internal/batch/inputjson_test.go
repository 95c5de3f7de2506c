package batch

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// sameAsJSON fails t when decodeInput reads b and encoding/json reads it
// otherwise (or refuses it); it reports whether decodeInput read it.
func sameAsJSON(t *testing.T, b []byte) bool {
	t.Helper()
	got, ok := decodeInput(b)
	if !ok {
		return false
	}
	var want Input
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatalf("decodeInput read %q, encoding/json refuses it: %v", b, err)
	}
	if got != want {
		t.Fatalf("decodeInput(%q) = %+v, encoding/json %+v", b, got, want)
	}
	return true
}

// TestDecodeInput covers the lines the fast path must read like
// encoding/json and those it must leave to it.
func TestDecodeInput(t *testing.T) {
	for _, tc := range []struct {
		line string
		fast bool
	}{
		{`{"id":"a1","text":"Officials said it."}`, true},
		{` { "text" : "x" , "title":"T", "url":"http://e/1", "published":"2024-05-01T12:00:00Z", "language":"en" } `, true},
		{`{"html":"<p>hi</p>","content_type":"text/html"}`, true},
		{`{}`, true},
		{"{\"text\":\"\\\"Quoted,\\\" he said.\\nNew line\\t\\\\ \\/ \\b\\f\\r\"}", true},
		{`{"text":"caf\u00e9 \u20ac \u0000 ü"}`, true},
		{`{"text":"a","text":"b"}`, true}, // the last wins, as in encoding/json
		{`{"text":"😀 \ud83d\ude00"}`, false},
		{`{"text":"\ud800"}`, false},
		{`{"Text":"x"}`, false},
		{`{"TEXT":"x","text":"y"}`, false},
		{`{"text":"x","extra":{"a":[1,2]}}`, false},
		{`{"text":null}`, false},
		{`{"text":5}`, false},
		{`{"text":"x",}`, false},
		{`{"text":"x"} {}`, false},
		{`{"text":"x"`, false},
		{`{"text":"unterminated}`, false},
		{"{\"text\":\"raw\ttab\"}", false},
		{`{"text":"\x"}`, false},
		{`{"text":"\u12"}`, false},
		{`{text:"x"}`, false},
		{`["text"]`, false},
		{`{"text" "x"}`, false},
		{`{,"text":"x"}`, false},
	} {
		if fast := sameAsJSON(t, []byte(tc.line)); fast != tc.fast {
			t.Errorf("decodeInput(%q) read it: %v, want %v", tc.line, fast, tc.fast)
		}
	}
}

// FuzzDecodeInput holds decodeInput to encoding/json on any valid UTF-8 line
// (parseLine refuses the rest before either runs).
func FuzzDecodeInput(f *testing.F) {
	for _, s := range []string{`{"id":"a","text":"b \"c\" \u00e9"}`, `{}`, `{"text":"x","Text":"y"}`, `{"html":"<b>","content_type":"text/html"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if utf8.Valid(b) {
			sameAsJSON(t, b)
		}
	})
}
