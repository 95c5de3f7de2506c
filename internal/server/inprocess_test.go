package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/access"
)

// TestChainUnaryOrder: the first interceptor is outermost, each sees the
// request its predecessor passed on, and the handler runs last, once.
func TestChainUnaryOrder(t *testing.T) {
	var order []string
	mark := func(name string) grpc.UnaryServerInterceptor {
		return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
			order = append(order, name+">"+info.FullMethod)
			resp, err := h(ctx, req.(string)+name)
			order = append(order, "<"+name)
			return resp, err
		}
	}
	chain := chainUnary([]grpc.UnaryServerInterceptor{mark("a"), mark("b"), mark("c")})
	resp, err := chain(context.Background(), "req:", &grpc.UnaryServerInfo{FullMethod: "/m"}, func(_ context.Context, req any) (any, error) {
		order = append(order, "handler")
		return req, nil
	})
	if err != nil || resp != "req:abc" {
		t.Fatalf("chain = %v, %v; want req:abc", resp, err)
	}
	want := []string{"a>/m", "b>/m", "c>/m", "handler", "<c", "<b", "<a"}
	if !reflect.DeepEqual(order, want) {
		t.Errorf("order %v, want %v", order, want)
	}
	// A single interceptor, and the chain called twice: nothing is left over
	// from the first call.
	order = nil
	one := chainUnary([]grpc.UnaryServerInterceptor{mark("x")})
	for range 2 {
		if resp, _ := one(context.Background(), "", &grpc.UnaryServerInfo{FullMethod: "/n"}, func(_ context.Context, req any) (any, error) { return req, nil }); resp != "x" {
			t.Errorf("one interceptor: %v", resp)
		}
	}
	if len(order) != 4 {
		t.Errorf("two calls through one interceptor: %v", order)
	}
}

// TestAsStatus: handler errors become the status a gRPC client would read.
func TestAsStatus(t *testing.T) {
	invalid := status.Error(codes.InvalidArgument, "article.text: is required")
	cases := []struct {
		err  error
		code codes.Code
		msg  string
	}{
		{invalid, codes.InvalidArgument, "article.text: is required"},
		{fmt.Errorf("extract: %w", invalid), codes.InvalidArgument, "extract: rpc error: code = InvalidArgument desc = article.text: is required"},
		{context.Canceled, codes.Canceled, "context canceled"},
		{context.DeadlineExceeded, codes.DeadlineExceeded, "context deadline exceeded"},
		{fmt.Errorf("linking: %w", context.DeadlineExceeded), codes.DeadlineExceeded, "linking: context deadline exceeded"},
		{errors.New("disk full"), codes.Unknown, "disk full"},
	}
	for _, tc := range cases {
		st := status.Convert(asStatus(tc.err))
		if st.Code() != tc.code || st.Message() != tc.msg {
			t.Errorf("asStatus(%v) = %v %q, want %v %q", tc.err, st.Code(), st.Message(), tc.code, tc.msg)
		}
	}
}

// TestInProcessRunsTheChain: a call through InProcess is authorised, counted
// and answered exactly as a gRPC call: refused without the bearer token,
// answered with it, both in the server's metrics.
func TestInProcessRunsTheChain(t *testing.T) {
	tokens, err := access.LoadTokens("", "in-process-token-0123456789")
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	g, err := NewGRPC(seedService(t), Options{
		MaxConcurrent: 2, QueueWait: time.Second, RequestTimeout: 10 * time.Second, MaxRecvBytes: 16 << 20,
		Tokens: tokens, Registry: reg, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	svc := g.InProcess()
	req := &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Id: "a", Text: `"The bridge will reopen in May," the mayor said on Monday.`}}

	_, err = svc.ExtractClaims(context.Background(), req)
	if status.Code(err) != codes.Unauthenticated {
		t.Fatalf("without a token: %v, want UNAUTHENTICATED", err)
	}
	ctx := metadata.NewIncomingContext(context.Background(), metadata.Pairs("authorization", "Bearer in-process-token-0123456789"))
	resp, err := svc.ExtractClaims(ctx, req)
	if err != nil {
		t.Fatalf("with the token: %v", err)
	}
	if cs := resp.GetResult().GetClaims(); len(cs) != 1 || cs[0].GetSpeaker().GetMention() != "the mayor" {
		t.Errorf("claims %v, want one by the mayor", cs)
	}
	_, err = svc.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{}})
	if status.Code(err) != codes.InvalidArgument {
		t.Errorf("empty article: %v, want INVALID_ARGUMENT", err)
	}
	expired, cancel := context.WithDeadline(ctx, time.Now().Add(-time.Second))
	defer cancel()
	if _, err := svc.ExtractClaims(expired, req); status.Code(err) != codes.DeadlineExceeded {
		t.Errorf("expired deadline: %v, want DEADLINE_EXCEEDED", err)
	}
	for _, c := range []codes.Code{codes.OK, codes.Unauthenticated, codes.InvalidArgument, codes.DeadlineExceeded} {
		if n := handledCalls(t, reg, "ExtractClaims", c); n != 1 {
			t.Errorf("grpc_server_handled_total for %v = %v, want 1", c, n)
		}
	}
	if err := svc.StreamExtractClaims(nil); status.Code(err) != codes.Unimplemented {
		t.Errorf("StreamExtractClaims in process: %v, want UNIMPLEMENTED", err)
	}
}

// handledCalls is the server's grpc_server_handled_total for one method and code.
func handledCalls(t *testing.T, reg *prometheus.Registry, method string, code codes.Code) float64 {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != "grpc_server_handled_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if labels["grpc_method"] == method && labels["grpc_code"] == code.String() {
				return m.GetCounter().GetValue()
			}
		}
	}
	return 0
}
