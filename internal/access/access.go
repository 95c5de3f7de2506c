// Package access decides who may talk to claimsvc, so that the service can be
// exposed beyond localhost: TLS (and mutual TLS) from certificate files, bearer
// tokens checked in constant time by gRPC interceptors on every call but the
// health checks, and a CORS allow-list for browsers calling the REST gateway.
// Everything is off by default: `go run ./cmd/claimsvc` serves plain text on
// loopback with no tokens, as before.
package access
