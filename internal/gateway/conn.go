package gateway

import "google.golang.org/grpc"

// maxReplyHeaderBytes bounds the headers and trailers the gateway accepts on a
// reply. A gRPC error travels in the trailer (its details base64-encoded), so
// this is also the largest error a call can bring back. The gateway advertises
// it in its HTTP/2 settings, and the server then refuses, for that one call, a
// trailer that would not fit (the call fails alone) instead of sending it and
// making the gateway's HTTP/2 framer fail the whole connection — which every
// other REST call in flight shares. Field violations are capped
// (server.MaxFieldViolations), so real errors stay far below it.
const maxReplyHeaderBytes = 1 << 20

// DialOptions are the options the gateway's client connection to the gRPC
// server needs besides its transport credentials: message sizes that let a
// full batch through (maxSendBytes) and back, and the reply header bound above.
func DialOptions(maxSendBytes int) []grpc.DialOption {
	return []grpc.DialOption{
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(64<<20), grpc.MaxCallSendMsgSize(maxSendBytes)),
		grpc.WithMaxHeaderListSize(maxReplyHeaderBytes),
	}
}
