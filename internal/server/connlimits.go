package server

import (
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/keepalive"
)

// Per-connection limits. The concurrency limiter bounds calls across all
// clients; these bound what one connection may ask of the transport, so a single
// client cannot open thousands of streams, ping the server in a loop, or keep
// idle connections forever.
const (
	// defaultMaxStreamsPerConn bounds one connection's open calls (HTTP/2
	// MaxConcurrentStreams). The gateway is one connection for every REST
	// client, so it is well above the default concurrency limit.
	defaultMaxStreamsPerConn = 256
	// maxHeaderBytes bounds the metadata of one call.
	maxHeaderBytes = 64 << 10
	// minPingInterval is the most often a client may send keepalive pings;
	// more often, and the server closes the connection (ENHANCE_YOUR_CALM).
	minPingInterval = 10 * time.Second
	// maxConnIdle closes connections that have had no call for this long.
	maxConnIdle = 5 * time.Minute
	// handshakeTimeout bounds the TLS handshake and HTTP/2 preface of a new
	// connection, so half-open connections do not pile up.
	handshakeTimeout = 10 * time.Second
)

// connectionLimits returns the server options that set the limits above.
func connectionLimits(maxStreams uint32) []grpc.ServerOption {
	if maxStreams == 0 {
		maxStreams = defaultMaxStreamsPerConn
	}
	return []grpc.ServerOption{
		grpc.MaxConcurrentStreams(maxStreams),
		grpc.MaxHeaderListSize(maxHeaderBytes),
		grpc.ConnectionTimeout(handshakeTimeout),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: minPingInterval, PermitWithoutStream: true}),
		grpc.KeepaliveParams(keepalive.ServerParameters{MaxConnectionIdle: maxConnIdle}),
	}
}
