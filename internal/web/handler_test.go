package web

import (
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func newTestHandler(t *testing.T, dir string) *Handler {
	t.Helper()
	h, err := New(Options{ExamplesDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func get(t *testing.T, h http.Handler, method, path string) *http.Response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	return rec.Result()
}

func TestRoutes(t *testing.T) {
	// Tests run in internal/web, where ../shared/seeds does not exist: the
	// built-in examples are served.
	h := newTestHandler(t, "")
	city, err := fs.ReadFile(builtinExamples, "examples/harbor-bridge-city.txt")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		method, path string
		status       int
		contentType  string
		body         string // a substring the body must contain
	}{
		{"GET", "/", 200, "text/html", `<script type="module" src="/static/app.js">`},
		{"HEAD", "/", 200, "text/html", ""},
		{"GET", "/static/app.js", 200, "text/javascript", "from './api.js'"},
		{"GET", "/static/api.js", 200, "text/javascript", "ENCODING_TYPE_UTF16"},
		{"GET", "/static/app.css", 200, "text/css", "--h0"},
		{"GET", "/static/", 404, "", ""},           // no directory listing
		{"GET", "/static/missing.js", 404, "", ""}, // only the embedded files
		{"GET", "/static/index.html", 301, "", ""}, // the file server's canonical redirect to /static/, itself a 404
		{"POST", "/", 405, "", ""},                 // read-only
		{"GET", "/examples", 200, "application/json", `"source":"built-in"`},
		{"GET", "/examples/harbor-bridge-city", 200, "application/json", `"title":"Harbor Bridge Will Reopen in May, City Says"`},
		{"GET", "/examples/nope", 404, "application/json", `"code":5`},
		{"GET", "/examples/..%2F..%2Fgo.mod", 404, "application/json", `"code":5`}, // names are keys, never paths
		{"GET", "/other", 404, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			resp := get(t, h, tt.method, tt.path)
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d (%s)", resp.StatusCode, tt.status, body)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.contentType) {
				t.Errorf("Content-Type %q, want %s", ct, tt.contentType)
			}
			if !strings.Contains(string(body), tt.body) {
				t.Errorf("body lacks %s:\n%.300s", tt.body, body)
			}
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "connect-src 'self'") {
				t.Errorf("Content-Security-Policy = %q", csp)
			}
		})
	}

	t.Run("example text is the file, byte for byte", func(t *testing.T) {
		var e Example
		if err := json.NewDecoder(get(t, h, "GET", "/examples/harbor-bridge-city").Body).Decode(&e); err != nil {
			t.Fatal(err)
		}
		if e.Text != string(city) || e.Bytes != len(city) || e.Name != "harbor-bridge-city" {
			t.Errorf("got %q (%d bytes), want the embedded file", e.Name, e.Bytes)
		}
	})
	t.Run("the list has no text", func(t *testing.T) {
		var list struct {
			Source   string    `json:"source"`
			Examples []Example `json:"examples"`
		}
		if err := json.NewDecoder(get(t, h, "GET", "/examples").Body).Decode(&list); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range list.Examples {
			names = append(names, e.Name)
			if e.Text != "" || e.Title == "" || e.Bytes == 0 {
				t.Errorf("listing of %s: title %q, %d bytes, %d bytes of text", e.Name, e.Title, e.Bytes, len(e.Text))
			}
		}
		if want := "harbor-bridge-city harbor-bridge-council harbor-bridge-union"; strings.Join(names, " ") != want {
			t.Errorf("examples %v, want %s in name order", names, want)
		}
	})
}

// TestStaticFilesStayOnTheServer guards the closed-network promise: the page
// loads no script, style, font or image from anywhere but this server.
func TestStaticFilesStayOnTheServer(t *testing.T) {
	external := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//|@import|url\(\s*["']?(https?:)?//|fetch\(\s*["'](https?:)?//`)
	err := fs.WalkDir(static, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(static, path)
		if err != nil {
			return err
		}
		if m := external.Find(b); m != nil {
			t.Errorf("%s loads something from elsewhere: %q", path, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
