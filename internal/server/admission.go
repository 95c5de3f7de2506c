package server

import (
	"context"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// admitsPerMessage reports whether a streaming method takes a limiter slot per
// message it works on instead of one for its whole life. StreamExtractClaims
// does: a stream that holds a slot while it idles starves every other caller
// (eight idle streams used to take all eight slots of a 2-core server, and
// every other call was shed). Its articles take a slot each while they are
// extracted and linked (Service.admit) and none while the stream waits for the
// client.
func admitsPerMessage(method string) bool {
	return method == claimsv1.ClaimsService_StreamExtractClaims_FullMethodName
}

// admit takes a limiter slot for one streamed article, waiting as long as the
// stream's context allows: a stream's articles queue for a slot rather than
// being shed, since a batch client would have to resend them, and their wait
// is bounded by the stream's own worker limit. It does not count towards the
// unary queue's length bound, so streams waiting cannot make unary calls shed
// early. The returned release gives the slot back; with no limiter (a Service
// used outside NewGRPC) admission is free.
func (s *Service) admit(ctx context.Context) (release func(), err error) {
	l := s.slots
	if l == nil {
		return func() {}, nil
	}
	select {
	case l.slots <- struct{}{}:
		return l.release, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
