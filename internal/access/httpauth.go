package access

import "net/http"

// RequireHTTP guards plain HTTP endpoints that are not gRPC calls (the metrics)
// with the same tokens: 401 with a WWW-Authenticate challenge when the
// Authorization header is missing or wrong. REST API calls need no wrapper: the
// gateway forwards their Authorization header and the gRPC interceptor decides.
func (ts *Tokens) RequireHTTP(next http.Handler) http.Handler {
	if !ts.Enabled() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok, ok := bearer(r.Header.Get("Authorization"))
		if !ok || !ts.Valid(tok) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="claimsvc"`)
			http.Error(w, "missing or invalid bearer token", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
