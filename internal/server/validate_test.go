package server

import (
	"strings"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

func TestValidateArticleRequest(t *testing.T) {
	l := DefaultLimits()
	l.MaxArticleBytes = 100
	tests := []struct {
		name   string
		req    *claimsv1.ExtractClaimsRequest
		code   codes.Code
		fields []string
	}{
		{"ok", &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: "He said so."}}, codes.OK, nil},
		{"whitespace only is valid", &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: " \n\t"}}, codes.OK, nil},
		{"english variant", &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: "x", LanguageCode: "en-GB"}}, codes.OK, nil},
		{"missing article", &claimsv1.ExtractClaimsRequest{}, codes.InvalidArgument, []string{"article"}},
		{"empty text", &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{}}, codes.InvalidArgument, []string{"article.text"}},
		{"invalid utf-8", &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: "ok \xc3("}}, codes.InvalidArgument, []string{"article.text"}},
		{"too large", &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: strings.Repeat("a", 101)}}, codes.ResourceExhausted, []string{"article.text"}},
		{"malformed beats size", &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: strings.Repeat("a", 101), LanguageCode: "zh"}}, codes.InvalidArgument, []string{"article.language_code"}},
		{"bad timestamp", &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: "x", PublishTime: &timestamppb.Timestamp{Nanos: -1}}}, codes.InvalidArgument, []string{"article.publish_time"}},
		{"id too long", &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: "x", Id: strings.Repeat("i", 257)}}, codes.InvalidArgument, []string{"article.id"}},
		{"unknown encoding", &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: "x"}, EncodingType: 9}, codes.InvalidArgument, []string{"encoding_type"}},
		{"several problems", &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Id: "a\nb"}, EncodingType: 9}, codes.InvalidArgument, []string{"article.text", "article.id", "encoding_type"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkStatus(t, l.ValidateArticleRequest(tt.req), tt.code, tt.fields)
		})
	}
}

func TestValidateBatch(t *testing.T) {
	l := DefaultLimits()
	l.MaxBatchArticles, l.MaxBatchBytes = 2, 10
	a := func(id, text string) *claimsv1.Article { return &claimsv1.Article{Id: id, Text: text} }
	tests := []struct {
		name   string
		arts   []*claimsv1.Article
		code   codes.Code
		fields []string
	}{
		{"ok", []*claimsv1.Article{a("x", "one"), a("y", "two")}, codes.OK, nil},
		{"ids optional", []*claimsv1.Article{a("", "one"), a("", "two")}, codes.OK, nil},
		{"empty", nil, codes.InvalidArgument, []string{"articles"}},
		{"too many", []*claimsv1.Article{a("", "1"), a("", "2"), a("", "3")}, codes.ResourceExhausted, []string{"articles"}},
		{"too much text", []*claimsv1.Article{a("", "123456"), a("", "123456")}, codes.ResourceExhausted, []string{"articles"}},
		{"repeated id", []*claimsv1.Article{a("x", "1"), a("x", "2")}, codes.InvalidArgument, []string{"articles[1].id"}},
		{"bad article named by index", []*claimsv1.Article{a("x", "1"), nil}, codes.InvalidArgument, []string{"articles[1]"}},
		{"client id is an earlier position", []*claimsv1.Article{a("", "1"), a("0", "2")}, codes.InvalidArgument, []string{"articles[1].id"}},
		{"position is an earlier client id", []*claimsv1.Article{a("1", "1"), a("", "2")}, codes.InvalidArgument, []string{"articles[1].id"}},
		{"own position as id", []*claimsv1.Article{a("0", "1"), a("", "2")}, codes.OK, nil},
		{"too many is checked before each article", []*claimsv1.Article{nil, nil, nil}, codes.ResourceExhausted, []string{"articles"}},
		{"too much text is checked before each article", []*claimsv1.Article{a("\n", "123456"), a("\n", "123456")}, codes.ResourceExhausted, []string{"articles"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkStatus(t, l.ValidateBatch(&claimsv1.BatchExtractClaimsRequest{Articles: tt.arts}), tt.code, tt.fields)
		})
	}
}

func checkStatus(t *testing.T, err error, code codes.Code, fields []string) {
	t.Helper()
	st := status.Convert(err)
	if st.Code() != code {
		t.Fatalf("code = %v (%v), want %v", st.Code(), err, code)
	}
	var got []string
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				got = append(got, v.GetField())
			}
		}
	}
	if strings.Join(got, ",") != strings.Join(fields, ",") {
		t.Errorf("field violations %v, want %v", got, fields)
	}
}

// TestFieldViolationsAreCapped: a request with thousands of bad fields gets the
// first MaxFieldViolations and a message that counts them all, so the error
// stays small enough for any transport.
func TestFieldViolationsAreCapped(t *testing.T) {
	l := DefaultLimits()
	l.MaxBatchArticles = 1000
	arts := make([]*claimsv1.Article, 1000)
	for i := range arts {
		arts[i] = &claimsv1.Article{Id: "x"}
	}
	st := status.Convert(l.ValidateBatch(&claimsv1.BatchExtractClaimsRequest{Articles: arts}))
	if st.Code() != codes.InvalidArgument {
		t.Fatalf("code %v, want INVALID_ARGUMENT", st.Code())
	}
	var n int
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			n += len(br.GetFieldViolations())
		}
	}
	if n != MaxFieldViolations {
		t.Errorf("%d field violations, want %d", n, MaxFieldViolations)
	}
	// 1000 missing texts and 999 repeated IDs
	if !strings.Contains(st.Message(), "(and 1998 more); the first 100 are listed") {
		t.Errorf("message %q does not count the violations left out", st.Message())
	}
	if size := len(st.Message()) + n*200; size > 64<<10 {
		t.Errorf("error is about %d bytes", size)
	}
}
