// Package apiconv converts between the claims.v1 API messages and the pipeline's
// plain types, offsets included. It is the one place that mapping lives, so the
// gRPC server and the batch command (which prints the API's JSON in-process)
// cannot drift apart: the same article gives the same JSON whichever path it took.
package apiconv
