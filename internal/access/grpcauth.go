package access

import (
	"context"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// healthPrefix is the method prefix of the standard health service, which load
// balancers and orchestrators call without credentials.
var healthPrefix = "/" + healthpb.Health_ServiceDesc.ServiceName + "/"

// exempt reports whether a method is served without a token.
func exempt(method string) bool { return strings.HasPrefix(method, healthPrefix) }

// authorize checks the call's "authorization" metadata against ts:
// UNAUTHENTICATED when it is missing, malformed or wrong.
func (ts *Tokens) authorize(ctx context.Context, method string) error {
	if !ts.Enabled() || exempt(method) {
		return nil
	}
	vals := metadata.ValueFromIncomingContext(ctx, "authorization")
	if len(vals) == 0 {
		return status.Error(codes.Unauthenticated, "missing bearer token: send the header \"authorization: Bearer <token>\"")
	}
	tok, ok := bearer(vals[0])
	if !ok || len(vals) > 1 || !ts.Valid(tok) {
		return status.Error(codes.Unauthenticated, "invalid bearer token")
	}
	return nil
}

// UnaryInterceptor refuses unary calls without a valid token (health excepted).
// It belongs before the concurrency limit, so unauthenticated callers never
// occupy a slot.
func (ts *Tokens) UnaryInterceptor() grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		if err := ts.authorize(ctx, info.FullMethod); err != nil {
			return nil, err
		}
		return handler(ctx, req)
	}
}

// StreamInterceptor refuses streams (reflection included) without a valid token;
// the health service's Watch is exempt.
func (ts *Tokens) StreamInterceptor() grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		if err := ts.authorize(ss.Context(), info.FullMethod); err != nil {
			return err
		}
		return handler(srv, ss)
	}
}
