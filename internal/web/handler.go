package web

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
)

// static holds the page: index.html, app.css, app.js.
//
//go:embed static
var static embed.FS

// Options configure the page.
type Options struct {
	// ExamplesDir is a folder of .txt articles offered as examples. Empty means
	// DefaultExamplesDir when it exists, else the built-in examples. A folder
	// given here must hold at least one usable article.
	ExamplesDir string
}

// Handler serves the page and its examples:
//
//	GET /                 the page (index.html)
//	GET /static/{file}    its stylesheet and script
//	GET /examples         {"source": ..., "examples": [{"name", "title", "bytes"}]}
//	GET /examples/{name}  {"name", "title", "bytes", "text"}
//
// Mount it for exactly those patterns; other paths get 404.
type Handler struct {
	mux      *http.ServeMux
	examples ExampleSet
}

// New reads the examples and returns the handler.
func New(o Options) (*Handler, error) {
	examples, err := resolveExamples(o.ExamplesDir)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	files, err := fs.Sub(static, "static")
	if err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	index, err := fs.ReadFile(files, "index.html")
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	h := &Handler{mux: http.NewServeMux(), examples: examples}
	h.mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(index)
	})
	assets := http.StripPrefix("/static/", http.FileServerFS(files))
	h.mux.Handle("GET /static/{file}", assets) // one level: no directory listing
	h.mux.HandleFunc("GET /examples", h.listExamples)
	h.mux.HandleFunc("GET /examples/{name}", h.getExample)
	return h, nil
}

// Examples returns the examples the page offers, e.g. to log their source.
func (h *Handler) Examples() ExampleSet { return h.examples }

// ServeHTTP serves the page with a strict content security policy: the page
// loads nothing but its own files and talks only to this server.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Cache-Control", "no-cache")
	h.mux.ServeHTTP(w, r)
}

// exampleList is the body of GET /examples.
type exampleList struct {
	// Source is "directory" or "built-in".
	Source   string    `json:"source"`
	Examples []Example `json:"examples"`
}

func (h *Handler) listExamples(w http.ResponseWriter, _ *http.Request) {
	out := exampleList{Source: h.examples.Source, Examples: make([]Example, 0, len(h.examples.list))}
	for _, e := range h.examples.list {
		e.Text = ""
		out.Examples = append(out.Examples, e)
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *Handler) getExample(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	e, ok := h.examples.Get(name)
	if !ok {
		// The gateway's error shape (google.rpc.Status), code 5 = NOT_FOUND.
		writeJSON(w, http.StatusNotFound, map[string]any{"code": 5, "message": fmt.Sprintf("no example named %q", name), "details": []any{}})
		return
	}
	writeJSON(w, http.StatusOK, e)
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
