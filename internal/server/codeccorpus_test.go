package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"strings"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	rpcstatus "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/dataset"
	"github.com/claimsvc/claimsvc/internal/pipeline"
)

// namedMessage is one message of the codec's test corpus.
type namedMessage struct {
	name string
	msg  proto.Message
}

// testTime is a fixed instant for the corpus's timestamps.
var testTime = time.Date(2024, 3, 5, 10, 30, 0, 123456789, time.UTC)

// seedService is a Service over the real pipeline, as the server runs it.
func seedService(tb testing.TB) *Service {
	tb.Helper()
	pipe, err := pipeline.New()
	if err != nil {
		tb.Fatal(err)
	}
	return NewService(pipe, DefaultLimits(), StreamOptions{Workers: 2}, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// seedResponses are the service's real answers on ../shared/seeds: each
// article alone in every offset encoding, as a web page (a document with
// metadata), all of them as one batch (cross-article links and groups), and
// CompareClaims on pairs of their sentences. It skips tb when the seeds are
// absent.
func seedResponses(tb testing.TB) []namedMessage {
	tb.Helper()
	seeds, err := dataset.ReadSeeds()
	if err != nil || len(seeds) == 0 {
		tb.Skipf("seeds not available (../shared/seeds): %v", err)
	}
	svc := seedService(tb)
	ctx := context.Background()
	var out []namedMessage
	var batch []*claimsv1.Article
	for i, s := range seeds {
		for _, enc := range []claimsv1.EncodingType{claimsv1.EncodingType_ENCODING_TYPE_UTF8, claimsv1.EncodingType_ENCODING_TYPE_UTF16, claimsv1.EncodingType_ENCODING_TYPE_UTF32} {
			resp, err := svc.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Id: s.Name, Text: s.Text}, EncodingType: enc})
			if err != nil {
				tb.Fatalf("%s: %v", s.Name, err)
			}
			out = append(out, namedMessage{fmt.Sprintf("extract/%s/%v", s.Name, enc), resp})
		}
		page := "<html><head><title>Seed " + s.Name + "</title><meta name=\"author\" content=\"A. Writer\">" +
			"<meta property=\"article:published_time\" content=\"2024-03-05T10:00:00Z\"></head><body><article><h1>Seed</h1><p>" +
			strings.ReplaceAll(s.Text, "\n\n", "</p><p>") + "</p></article></body></html>"
		resp, err := svc.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Id: s.Name, Text: page, ContentType: claimsv1.ContentType_CONTENT_TYPE_TEXT_HTML}})
		if err != nil {
			tb.Fatalf("%s as HTML: %v", s.Name, err)
		}
		if resp.GetResult().GetMetadata() == nil {
			tb.Fatalf("%s as HTML: no document metadata", s.Name)
		}
		out = append(out, namedMessage{"extract-html/" + s.Name, resp})
		batch = append(batch, &claimsv1.Article{Id: fmt.Sprintf("s%d", i), Text: s.Text})

		sentences := strings.SplitAfter(s.Text, ". ")
		if len(sentences) > 2 {
			c, err := svc.CompareClaims(ctx, &claimsv1.CompareClaimsRequest{
				First:  &claimsv1.Statement{Text: sentences[0], Speaker: "A", Time: timestamppb.New(testTime)},
				Second: &claimsv1.Statement{Text: sentences[1], Speaker: "B"},
			})
			if err != nil {
				tb.Fatalf("%s compare: %v", s.Name, err)
			}
			out = append(out, namedMessage{"compare/" + s.Name, c})
		}
	}
	b, err := svc.BatchExtractClaims(ctx, &claimsv1.BatchExtractClaimsRequest{Articles: batch})
	if err != nil {
		tb.Fatalf("batch: %v", err)
	}
	out = append(out, namedMessage{"batch/seeds", b})
	return out
}

// syntheticResponses cover what the seeds may not: a contradiction with its
// linked claims, a stream error (google.rpc.Status with details, which has no
// VT methods), timestamps, unknown fields, empty messages, extreme numbers.
func syntheticResponses() []namedMessage {
	st, _ := status.New(codes.InvalidArgument, "article.text: is not valid UTF-8").WithDetails(&errdetails.BadRequest{
		FieldViolations: []*errdetails.BadRequest_FieldViolation{{Field: "article.text", Description: "is not valid UTF-8 (first bad byte at offset 3)"}},
	})
	withUnknown := &claimsv1.ExtractClaimsResponse{Result: &claimsv1.ArticleResult{ArticleId: "u"}}
	unknown := protowire.AppendVarint(protowire.AppendTag(nil, 900, protowire.VarintType), 7)
	unknown = protowire.AppendString(protowire.AppendTag(unknown, 901, protowire.BytesType), "kept")
	withUnknown.ProtoReflect().SetUnknown(unknown)
	withUnknown.GetResult().ProtoReflect().SetUnknown(protowire.AppendFixed32(protowire.AppendTag(nil, 77, protowire.Fixed32Type), 5))
	link := &claimsv1.ContradictionLink{
		ClaimId: "a#1", OtherClaimId: "b#2", Score: 0.75, Explanation: "one says open, the other closed",
		Relation: claimsv1.Relation(1), Reason: claimsv1.Reason(2),
		First: &claimsv1.LinkedClaim{Text: "The border is open.", Speaker: "Ana Ruiz", Dates: []string{"2024-03-05", ""},
			PublishTime: timestamppb.New(testTime), EvidenceSpans: []*claimsv1.EvidenceSpan{{}, {}}},
		Second: &claimsv1.LinkedClaim{Text: "The border is closed.", PublishTime: &timestamppb.Timestamp{Seconds: -62135596800, Nanos: 999999999}},
	}
	return []namedMessage{
		{"empty/extract", &claimsv1.ExtractClaimsResponse{}},
		{"empty/batch", &claimsv1.BatchExtractClaimsResponse{}},
		{"empty/stream", &claimsv1.StreamExtractClaimsResponse{}},
		{"empty/compare", &claimsv1.CompareClaimsResponse{}},
		{"empty/result", &claimsv1.ExtractClaimsResponse{Result: &claimsv1.ArticleResult{}}},
		{"empty/claim", &claimsv1.ExtractClaimsResponse{Result: &claimsv1.ArticleResult{Claims: []*claimsv1.Claim{{}, {}}}}},
		{"empty/status", &claimsv1.StreamExtractClaimsResponse{InputIndex: 3, Error: &rpcstatus.Status{}}},
		{"error/stream", &claimsv1.StreamExtractClaimsResponse{InputIndex: 2, Result: &claimsv1.ArticleResult{ArticleId: "x"}, Error: st.Proto(), EncodingType: claimsv1.EncodingType_ENCODING_TYPE_UTF16}},
		{"links/batch", &claimsv1.BatchExtractClaimsResponse{CrossArticleLinks: []*claimsv1.ContradictionLink{link, link}, EncodingType: 2}},
		{"links/result", &claimsv1.ExtractClaimsResponse{Result: &claimsv1.ArticleResult{ArticleId: "a", Links: []*claimsv1.ContradictionLink{link}}}},
		{"document/timestamps", &claimsv1.ExtractClaimsResponse{Result: &claimsv1.ArticleResult{DocumentText: "T\n\nbody", Metadata: &claimsv1.DocumentMetadata{
			Title: "T", PublishTime: &timestamppb.Timestamp{Seconds: 253402300799, Nanos: 1},
		}}}},
		{"unknown-fields", withUnknown},
		{"numbers/extreme", &claimsv1.ExtractClaimsResponse{EncodingType: -1, Result: &claimsv1.ArticleResult{Claims: []*claimsv1.Claim{{
			CheckWorthiness: float32(math.Inf(1)),
			Span:            &claimsv1.Span{Start: -1, End: math.MaxInt32},
			CheckWorthinessReasons: []*claimsv1.ScoreReason{
				{Contribution: math.SmallestNonzeroFloat64}, {Contribution: -math.MaxFloat64}, {Contribution: math.NaN()},
			},
		}}}}},
		{"numbers/compare", &claimsv1.CompareClaimsResponse{Contradicts: true, Score: float32(math.NaN()), Relation: 99}},
	}
}
