package server

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/grpc/status"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// InProcess is the ClaimsService as the REST gateway calls it: each unary
// method runs through the very interceptor chain the gRPC server runs
// (recovery, metrics, access log, bearer token, concurrency limit, shutdown
// abort, default deadline) and then the service, so a REST call is counted,
// logged, authorised, limited and cut exactly as a gRPC call is — but its
// request and response stay Go values. Before, the gateway was a gRPC client of
// this server over an in-process connection: every REST call encoded its
// request to protobuf, and the server encoded the response that the gateway
// then decoded again before writing it as JSON, about a third of a REST call's
// CPU spent on bytes nobody reads.
//
// The gateway's runtime (RegisterClaimsServiceHandlerServer) puts the HTTP
// headers in the incoming metadata as it did in the outgoing metadata (the
// token interceptor reads "authorization" from there), turns a Grpc-Timeout
// header into the context's deadline and cancels the context when the HTTP
// client goes away. Errors reach the gateway as the status a gRPC client would
// have received: see asStatus. StreamExtractClaims has no REST binding and is
// not reachable through InProcess.
func (g *GRPC) InProcess() claimsv1.ClaimsServiceServer {
	return inProcess{svc: g.svc, chain: g.unaryChain}
}

// inProcess implements InProcess; see there.
type inProcess struct {
	claimsv1.UnimplementedClaimsServiceServer // StreamExtractClaims: no REST binding
	svc                                       *Service
	chain                                     grpc.UnaryServerInterceptor
}

// ExtractClaims runs Service.ExtractClaims behind the interceptor chain.
func (p inProcess) ExtractClaims(ctx context.Context, req *claimsv1.ExtractClaimsRequest) (*claimsv1.ExtractClaimsResponse, error) {
	return invoke(ctx, p, claimsv1.ClaimsService_ExtractClaims_FullMethodName, req, p.svc.ExtractClaims)
}

// BatchExtractClaims runs Service.BatchExtractClaims behind the interceptor chain.
func (p inProcess) BatchExtractClaims(ctx context.Context, req *claimsv1.BatchExtractClaimsRequest) (*claimsv1.BatchExtractClaimsResponse, error) {
	return invoke(ctx, p, claimsv1.ClaimsService_BatchExtractClaims_FullMethodName, req, p.svc.BatchExtractClaims)
}

// CompareClaims runs Service.CompareClaims behind the interceptor chain.
func (p inProcess) CompareClaims(ctx context.Context, req *claimsv1.CompareClaimsRequest) (*claimsv1.CompareClaimsResponse, error) {
	return invoke(ctx, p, claimsv1.ClaimsService_CompareClaims_FullMethodName, req, p.svc.CompareClaims)
}

// GetClaim runs Service.GetClaim behind the interceptor chain.
func (p inProcess) GetClaim(ctx context.Context, req *claimsv1.GetClaimRequest) (*claimsv1.GetClaimResponse, error) {
	return invoke(ctx, p, claimsv1.ClaimsService_GetClaim_FullMethodName, req, p.svc.GetClaim)
}

// ListClaims runs Service.ListClaims behind the interceptor chain.
func (p inProcess) ListClaims(ctx context.Context, req *claimsv1.ListClaimsRequest) (*claimsv1.ListClaimsResponse, error) {
	return invoke(ctx, p, claimsv1.ClaimsService_ListClaims_FullMethodName, req, p.svc.ListClaims)
}

// DeleteArticle runs Service.DeleteArticle behind the interceptor chain.
func (p inProcess) DeleteArticle(ctx context.Context, req *claimsv1.DeleteArticleRequest) (*claimsv1.DeleteArticleResponse, error) {
	return invoke(ctx, p, claimsv1.ClaimsService_DeleteArticle_FullMethodName, req, p.svc.DeleteArticle)
}

// invoke runs one method of the service behind the interceptor chain, as the
// generated gRPC handler does, with the gRPC server's way of turning a
// handler's error into a status.
func invoke[Req, Resp any](ctx context.Context, p inProcess, method string, req *Req, handle func(context.Context, *Req) (*Resp, error)) (*Resp, error) {
	info := &grpc.UnaryServerInfo{Server: p.svc, FullMethod: method}
	resp, err := p.chain(ctx, req, info, func(ctx context.Context, req any) (any, error) {
		return handle(ctx, req.(*Req))
	})
	if err != nil {
		return nil, asStatus(err)
	}
	return resp.(*Resp), nil
}

// asStatus is the error a gRPC client receives for a handler's error: the
// status it carries, or for a bare context error CANCELLED or
// DEADLINE_EXCEEDED (grpc-go's server maps those the same way), or UNKNOWN
// with the error's text.
func asStatus(err error) error {
	if _, ok := status.FromError(err); ok {
		return err
	}
	return status.FromContextError(err).Err()
}

// chainUnary composes interceptors into one, the first outermost: what
// grpc.ChainUnaryInterceptor installs in the server, as a function the
// in-process path can call.
func chainUnary(ints []grpc.UnaryServerInterceptor) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		return ints[0](ctx, req, info, nextUnary(ints, 1, info, handler))
	}
}

// nextUnary is the handler the interceptor at position i-1 calls: the
// interceptor at i wrapped around the rest, or the final handler.
func nextUnary(ints []grpc.UnaryServerInterceptor, i int, info *grpc.UnaryServerInfo, final grpc.UnaryHandler) grpc.UnaryHandler {
	if i == len(ints) {
		return final
	}
	return func(ctx context.Context, req any) (any, error) {
		return ints[i](ctx, req, info, nextUnary(ints, i+1, info, final))
	}
}
