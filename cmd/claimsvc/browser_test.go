package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimsvc/claimsvc/internal/dataset"
)

// artifactsEnv names the folder the browser test writes its screenshots to;
// by default artifacts/browser in the repository (gitignored).
const artifactsEnv = "CLAIMSVC_ARTIFACTS"

// TestWebPageInBrowser loads the web page in headless Chromium against the real
// server (e2e/browser/page.test.mjs, playwright-core), loads every example,
// and checks the highlighted claims, the contradiction links, keyboard use and
// the phone layout; it saves screenshots. It runs once on the built-in
// examples and, when the shared seed articles sit beside the repository, once
// on them.
func TestWebPageInBrowser(t *testing.T) {
	dir, node := nodeProject(t, "e2e/browser")
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		missing(t, "Chromium not found at %s: apt-get install chromium (.ci/run does), or set CHROMIUM", chromium)
	}
	artifacts := os.Getenv(artifactsEnv)
	if artifacts == "" {
		artifacts = filepath.Join(dir, "..", "..", "artifacts", "browser")
	}

	cases := []struct {
		name, examplesDir, source string
	}{
		// The test runs in cmd/claimsvc, where ../shared/seeds does not exist,
		// so an empty -examples-dir means the built-in examples.
		{name: "builtin", source: "built-in"},
	}
	if data, err := dataset.Dir(); err == nil {
		seeds := filepath.Join(filepath.Dir(data), "seeds")
		if _, err := os.Stat(seeds); err == nil {
			cases = append(cases, struct{ name, examplesDir, source string }{"seeds", seeds, "directory"})
		}
	} else {
		t.Log("shared/seeds not found beside the repository; the page is tested on the built-in examples only")
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, base := testServer(t, func(c *config) { c.examplesDir = tc.examplesDir })
			if got := examplesSourceOf(t, base); got != tc.source {
				t.Fatalf("GET /examples source = %q, want %q", got, tc.source)
			}
			runNode(t, dir, node, "page.test.mjs", 3*time.Minute,
				"CLAIMSVC_HTTP_URL="+base, "CHROMIUM="+chromium,
				"CLAIMSVC_ARTIFACTS="+artifacts, "CLAIMSVC_SHOT_PREFIX="+tc.name)
			abs, _ := filepath.Abs(artifacts)
			t.Logf("screenshots: %s", filepath.Join(abs, tc.name+"-*.png"))
		})
	}
}

func examplesSourceOf(t *testing.T, base string) string {
	t.Helper()
	resp, err := http.Get(base + "/examples")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var list struct {
		Source string `json:"source"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		t.Fatalf("GET /examples: %v", err)
	}
	return list.Source
}

// TestWebPageMounted checks, without a browser, that the HTTP listener serves
// the page and its examples beside the REST gateway, and that the gateway's
// routes are not shadowed by the page.
func TestWebPageMounted(t *testing.T) {
	_, base := testServer(t, nil)
	tests := []struct {
		method, path, body string
		status             int
		want               string
	}{
		{"GET", "/", "", 200, `<script type="module" src="/static/app.js">`},
		{"GET", "/static/api.js", "", 200, "/v1/claims:batchExtract"},
		{"GET", "/examples", "", 200, `"source":"built-in"`},
		{"GET", "/examples/harbor-bridge-union", "", 200, `"name":"harbor-bridge-union"`},
		{"GET", "/examples/missing", "", 404, `"code":5`},
		{"POST", "/v1/claims:extract", `{"article":{"text":"Officials said the bridge will reopen in May."}}`, 200, `"claims":[{`},
		{"GET", "/openapi.json", "", 200, `"swagger"`},
		{"GET", "/healthz", "", 200, "SERVING"},
		{"GET", "/nowhere", "", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, base+tt.path, strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status || !strings.Contains(string(b), tt.want) {
				t.Errorf("status %d, want %d with %s; body: %.200s", resp.StatusCode, tt.status, tt.want, b)
			}
		})
	}
}

// TestExamplesDirMustHoldArticles: an -examples-dir without usable articles is
// a startup error naming the folder, not a page with no examples.
func TestExamplesDirMustHoldArticles(t *testing.T) {
	dir := t.TempDir()
	cfg, err := parseConfig([]string{"-grpc-addr=127.0.0.1:0", "-http-addr=127.0.0.1:0", "-examples-dir=" + dir}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	err = run(t.Context(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), func(string, string) { t.Error("the server started") })
	if err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("run = %v, want an error naming %s", err, dir)
	}
}
