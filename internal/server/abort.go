package server

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// aborter cuts the calls still running when a graceful shutdown runs out of
// time, with an answer: each call's context is cancelled, the pipeline's stages
// notice, and the call ends with UNAVAILABLE ("retry elsewhere") instead of
// being reset with the connection when the server stops. REST clients get the
// same as 503 through the gateway.
type aborter struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func newAborter() *aborter {
	ctx, cancel := context.WithCancel(context.Background())
	return &aborter{ctx: ctx, cancel: cancel}
}

// errAborted is the answer of a call cut by the shutdown.
func errAborted() error {
	return status.Error(codes.Unavailable, "server shutting down: the call was still running at the shutdown timeout; retry it")
}

// bind returns ctx cancelled also when the shutdown aborts, and its release.
func (a *aborter) bind(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(a.ctx, cancel)
	return ctx, func() { stop(); cancel() }
}

func (a *aborter) unary(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	ctx, done := a.bind(ctx)
	defer done()
	resp, err := handler(ctx, req)
	if err != nil && a.ctx.Err() != nil {
		return nil, errAborted()
	}
	return resp, err
}

func (a *aborter) stream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	ctx, done := a.bind(ss.Context())
	defer done()
	err := handler(srv, &boundStream{ServerStream: ss, ctx: ctx})
	if a.ctx.Err() != nil && (err != nil || ctx.Err() != nil) {
		return errAborted()
	}
	return err
}

// boundStream is a ServerStream with the aborter's context.
type boundStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (s *boundStream) Context() context.Context { return s.ctx }
