package access

import (
	"net/http"
	"strings"
)

// CORS lets the browser pages of the listed origins (scheme://host[:port], or
// "*" for any) call the REST API. With no origins it returns next unchanged:
// browsers then refuse cross-origin calls, the safe default. For an allowed
// origin it answers preflight requests (OPTIONS with
// Access-Control-Request-Method) itself, with 204, and marks every response with
// Access-Control-Allow-Origin; a preflight from any other origin gets 403 and no
// CORS headers. Credentials are never allowed: the bearer token travels in the
// Authorization header, which is allowed.
func CORS(origins []string, next http.Handler) http.Handler {
	allowed := map[string]bool{}
	for _, o := range origins {
		if o = strings.TrimRight(strings.TrimSpace(o), "/"); o != "" {
			allowed[o] = true
		}
	}
	if len(allowed) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" {
			next.ServeHTTP(w, r) // not a cross-origin browser request
			return
		}
		w.Header().Add("Vary", "Origin")
		ok := allowed[origin] || allowed["*"]
		preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
		if !ok {
			if preflight {
				http.Error(w, "origin not allowed", http.StatusForbidden)
				return
			}
			next.ServeHTTP(w, r) // no CORS headers: the browser withholds the answer
			return
		}
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		if preflight {
			h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h.Set("Access-Control-Expose-Headers", "Retry-After")
		next.ServeHTTP(w, r)
	})
}
