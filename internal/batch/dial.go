package batch

import (
	"context"
	"fmt"
	"strings"
	"time"

	"google.golang.org/grpc"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/resolver"
	"google.golang.org/grpc/resolver/manual"
)

// roundRobin makes a connection spread its calls over every address its
// resolver gives, instead of grpc-go's default of sticking to the first.
const roundRobin = `{"loadBalancingConfig": [{"round_robin": {}}]}`

// Dial connects to the servers of a batch job. server is one host:port — whose
// DNS name may have several addresses, each a replica — or a comma-separated
// list of host:port, given to grpc-go through a manual resolver. Either way
// the connection balances round robin, so each new stream goes to the next
// replica. It returns how many servers were listed (1 for a name).
//
// Before returning it waits (up to a few seconds) until calls have reached
// every listed server, so the job's first streams do not all go to the one
// that happened to connect first.
func Dial(ctx context.Context, server string, opts ...grpc.DialOption) (*grpc.ClientConn, int, error) {
	var addrs []string
	for _, a := range strings.Split(server, ",") {
		if a = strings.TrimSpace(a); a != "" {
			addrs = append(addrs, a)
		}
	}
	if len(addrs) == 0 {
		return nil, 0, fmt.Errorf("no server address in %q", server)
	}
	opts = append(opts, grpc.WithDefaultServiceConfig(roundRobin))
	target := "dns:///" + addrs[0]
	if len(addrs) > 1 {
		r := manual.NewBuilderWithScheme("claimbatch")
		state := resolver.State{}
		for _, a := range addrs {
			state.Endpoints = append(state.Endpoints, resolver.Endpoint{Addresses: []resolver.Address{{Addr: a}}})
		}
		r.InitialState(state)
		target = "claimbatch:///replicas"
		opts = append(opts, grpc.WithResolvers(r))
	}
	conn, err := grpc.NewClient(target, opts...)
	if err != nil {
		return nil, 0, fmt.Errorf("connect to %s: %w", server, err)
	}
	if len(addrs) > 1 {
		waitSpread(ctx, conn, len(addrs), 3*time.Second)
	}
	return conn, len(addrs), nil
}

// waitSpread sends health checks until they have reached n distinct servers
// or the time is up; servers that are down are the job's problem, not this.
func waitSpread(ctx context.Context, conn *grpc.ClientConn, n int, within time.Duration) {
	ctx, cancel := context.WithTimeout(ctx, within)
	defer cancel()
	health := healthpb.NewHealthClient(conn)
	seen := map[string]bool{}
	for len(seen) < n && ctx.Err() == nil {
		var p peer.Peer
		if _, err := health.Check(ctx, &healthpb.HealthCheckRequest{}, grpc.Peer(&p), grpc.WaitForReady(true)); err == nil && p.Addr != nil {
			seen[p.Addr.String()] = true
		} else {
			time.Sleep(20 * time.Millisecond)
		}
	}
}
