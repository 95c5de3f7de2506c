package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/encoding"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/mem"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/dataset"
)

// article is a short news text written for these tests: a named speaker with a
// title, an indirect claim, a direct quote with an inverted cue and a pronoun.
const article = `Talks Stall Over Border Checks

Interior Minister Ana Ruiz said on Tuesday that the border agreement will not be signed this year. "We have no plan to reopen the crossing," she told reporters.

According to officials in the capital, the crossing has been closed since March.`

// testServer runs the real service in-process on loopback ports and returns a
// gRPC connection to it and its HTTP base URL; it stops when the test ends.
func testServer(t *testing.T, mutate func(*config)) (*grpc.ClientConn, string) {
	t.Helper()
	cfg, err := parseConfig([]string{"-grpc-addr=127.0.0.1:0", "-http-addr=127.0.0.1:0"}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if mutate != nil {
		mutate(&cfg)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addrs := make(chan [2]string, 1)
	done := make(chan error, 1)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	go func() { done <- run(ctx, cfg, log, func(g, h string) { addrs <- [2]string{g, h} }) }()
	var a [2]string
	select {
	case a = <-addrs:
	case err := <-done:
		t.Fatalf("server did not start: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("server did not start within 30s")
	}
	conn, err := grpc.NewClient(a[0], grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.Close()
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("server stopped with error: %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("server did not stop within 15s of cancellation")
		}
	})
	return conn, "http://" + a[1]
}

func TestExtractOverGRPC(t *testing.T) {
	conn, _ := testServer(t, nil)
	client := claimsv1.NewClaimsServiceClient(conn)
	resp, err := client.ExtractClaims(context.Background(), &claimsv1.ExtractClaimsRequest{
		Article: &claimsv1.Article{Id: "border", Text: article},
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetEncodingType() != claimsv1.EncodingType_ENCODING_TYPE_UTF8 {
		t.Errorf("encoding_type = %v, want UTF8 when unspecified", resp.GetEncodingType())
	}
	res := resp.GetResult()
	if res.GetArticleId() != "border" || len(res.GetClaims()) == 0 {
		t.Fatalf("article_id %q with %d claims", res.GetArticleId(), len(res.GetClaims()))
	}
	var ruiz bool
	for i, c := range res.GetClaims() {
		if want := "border#" + strconv.Itoa(i+1); c.GetId() != want {
			t.Errorf("claim %d id = %q, want %q", i, c.GetId(), want)
		}
		if got := article[c.GetSpan().GetStart():c.GetSpan().GetEnd()]; got != c.GetText() {
			t.Errorf("claim %s: span slices %q, text is %q", c.GetId(), got, c.GetText())
		}
		if h := c.GetHedging().GetScore(); h < 0 || h > 1 {
			t.Errorf("claim %s: hedging %v outside [0,1]", c.GetId(), h)
		}
		if strings.Contains(c.GetText(), "border agreement will not be signed") {
			ruiz = true
			if got := c.GetSpeaker().GetCanonicalName(); got != "Ana Ruiz" {
				t.Errorf("speaker of the border claim = %q, want Ana Ruiz", got)
			}
			if got := c.GetAttribution().GetCue(); got != "said" {
				t.Errorf("cue of the border claim = %q, want said", got)
			}
		}
	}
	if !ruiz {
		t.Errorf("the claim Ana Ruiz makes was not found in %v", res.GetClaims())
	}
}

func TestExtractSeedOverHTTP(t *testing.T) {
	dir, err := dataset.Dir()
	if err != nil {
		t.Skip("shared/seeds not found beside the repository; skipping the seed end-to-end test:", err)
	}
	text, err := os.ReadFile(filepath.Join(filepath.Dir(dir), "seeds", "002_47e97366055fd9e8.txt"))
	if err != nil {
		t.Skip("seed article missing:", err)
	}
	_, base := testServer(t, nil)
	body, _ := json.Marshal(map[string]any{"article": map[string]any{"id": "tass", "text": string(text)}, "encodingType": "ENCODING_TYPE_UTF16"})
	resp, err := http.Post(base+"/v1/claims:extract", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("status %d: %s", resp.StatusCode, b)
	}
	var out struct {
		Result struct {
			Claims []struct {
				Text string `json:"text"`
				Span struct {
					Start int `json:"start"`
					End   int `json:"end"`
				} `json:"span"`
				Speaker struct {
					CanonicalName string `json:"canonicalName"`
				} `json:"speaker"`
				Attribution struct {
					Cue  string `json:"cue"`
					Kind string `json:"kind"`
				} `json:"attribution"`
			} `json:"claims"`
		} `json:"result"`
		EncodingType string `json:"encodingType"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if out.EncodingType != "ENCODING_TYPE_UTF16" {
		t.Errorf("encodingType = %q", out.EncodingType)
	}
	u16 := utf16Units(string(text))
	var found bool
	for _, c := range out.Result.Claims {
		if got := string(utf16Decode(u16[c.Span.Start:c.Span.End])); got != c.Text {
			t.Errorf("UTF-16 span [%d,%d) slices %q, text is %q", c.Span.Start, c.Span.End, got, c.Text)
		}
		if strings.Contains(c.Text, "no direct, formal line of communication") {
			found = true
			if c.Speaker.CanonicalName != "Sergei Ryabkov" || c.Attribution.Cue != "made clear" {
				t.Errorf("no-line claim: speaker %q cue %q, want Sergei Ryabkov / made clear", c.Speaker.CanonicalName, c.Attribution.Cue)
			}
		}
	}
	if !found {
		t.Error("Ryabkov's no-line claim was not returned over REST")
	}
}

func utf16Units(s string) []uint16 { return utf16.Encode([]rune(s)) }

func utf16Decode(u []uint16) []rune { return utf16.Decode(u) }

// rawCodec sends pre-encoded bytes, so a test can put invalid UTF-8 in a string
// field the way a careless client in another language might.
type rawCodec struct{}

func (rawCodec) Name() string { return "proto" }
func (rawCodec) Marshal(v any) (mem.BufferSlice, error) {
	return mem.BufferSlice{mem.SliceBuffer(v.([]byte))}, nil
}
func (rawCodec) Unmarshal(data mem.BufferSlice, v any) error {
	*(v.(*[]byte)) = data.Materialize()
	return nil
}

var _ encoding.CodecV2 = rawCodec{}

func TestValidationOverGRPC(t *testing.T) {
	conn, _ := testServer(t, func(c *config) { c.limits.MaxArticleBytes = 1000; c.limits.MaxBatchArticles = 2 })
	client := claimsv1.NewClaimsServiceClient(conn)
	ctx := context.Background()
	tests := []struct {
		name  string
		call  func() error
		code  codes.Code
		field string
	}{
		{"no article", func() error {
			_, err := client.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{})
			return err
		}, codes.InvalidArgument, "article"},
		{"empty text", func() error {
			_, err := client.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{}})
			return err
		}, codes.InvalidArgument, "article.text"},
		{"too large", func() error {
			_, err := client.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: strings.Repeat("word ", 300)}})
			return err
		}, codes.ResourceExhausted, "article.text"},
		{"unsupported language", func() error {
			_, err := client.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: "Он сказал.", LanguageCode: "ru"}})
			return err
		}, codes.InvalidArgument, "article.language_code"},
		{"control character in id", func() error {
			_, err := client.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Id: "a\x00b", Text: "x"}})
			return err
		}, codes.InvalidArgument, "article.id"},
		{"invalid UTF-8", func() error {
			var text, req []byte
			text = protowire.AppendTag(text, 2, protowire.BytesType)
			text = protowire.AppendBytes(text, []byte("He said \xff\xfe."))
			req = protowire.AppendTag(req, 1, protowire.BytesType)
			req = protowire.AppendBytes(req, text)
			var out []byte
			return conn.Invoke(ctx, "/claims.v1.ClaimsService/ExtractClaims", req, &out, grpc.ForceCodecV2(rawCodec{}))
		}, codes.InvalidArgument, "article.text"},
		{"batch over the count limit", func() error {
			a := &claimsv1.Article{Text: "x"}
			_, err := client.BatchExtractClaims(ctx, &claimsv1.BatchExtractClaimsRequest{Articles: []*claimsv1.Article{a, a, a}})
			return err
		}, codes.ResourceExhausted, "articles"},
		{"batch with repeated ids", func() error {
			_, err := client.BatchExtractClaims(ctx, &claimsv1.BatchExtractClaimsRequest{Articles: []*claimsv1.Article{{Id: "a", Text: "x"}, {Id: "a", Text: "y"}}})
			return err
		}, codes.InvalidArgument, "articles[1].id"},
		{"empty batch", func() error {
			_, err := client.BatchExtractClaims(ctx, &claimsv1.BatchExtractClaimsRequest{})
			return err
		}, codes.InvalidArgument, "articles"},
		{"compare without second", func() error {
			_, err := client.CompareClaims(ctx, &claimsv1.CompareClaimsRequest{First: &claimsv1.Statement{Text: "x"}})
			return err
		}, codes.InvalidArgument, "second"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			st := status.Convert(err)
			if st.Code() != tt.code {
				t.Fatalf("code = %v (%v), want %v", st.Code(), err, tt.code)
			}
			if got := fieldViolations(st); !contains(got, tt.field) {
				t.Errorf("field violations %v do not name %q", got, tt.field)
			}
		})
	}
}

func fieldViolations(st *status.Status) []string {
	var out []string
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				out = append(out, v.GetField())
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestValidationOverHTTP(t *testing.T) {
	_, base := testServer(t, func(c *config) { c.limits.MaxArticleBytes = 1000 })
	tests := []struct {
		name   string
		path   string
		body   string
		status int
		field  string
	}{
		{"empty text", "/v1/claims:extract", `{"article":{"text":""}}`, 400, "article.text"},
		{"too large", "/v1/claims:extract", `{"article":{"text":"` + strings.Repeat("word ", 300) + `"}}`, 413, "article.text"},
		{"unknown field", "/v1/claims:extract", `{"article":{"txt":"x"}}`, 400, ""},
		{"malformed JSON", "/v1/claims:extract", `{"article":`, 400, ""},
		{"trailing data after the JSON object", "/v1/claims:extract", `{"article":{"text":"x"}} trailing`, 400, ""},
		{"compare without first", "/v1/claims:compare", `{"second":{"text":"x"}}`, 400, "first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Post(base+tt.path, "application/json", strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body struct {
				Code    int    `json:"code"`
				Message string `json:"message"`
				Details []struct {
					Type            string `json:"@type"`
					FieldViolations []struct {
						Field string `json:"field"`
					} `json:"fieldViolations"`
				} `json:"details"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
				t.Fatalf("status %d, body is not JSON: %v", resp.StatusCode, err)
			}
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d (%s), want %d", resp.StatusCode, body.Message, tt.status)
			}
			if tt.field == "" {
				return
			}
			var fields []string
			for _, d := range body.Details {
				for _, v := range d.FieldViolations {
					fields = append(fields, v.Field)
				}
			}
			if !contains(fields, tt.field) {
				t.Errorf("field violations %v do not name %q (message %q)", fields, tt.field, body.Message)
			}
		})
	}
}

func TestStreamReportsPerArticleErrors(t *testing.T) {
	conn, _ := testServer(t, nil)
	stream, err := claimsv1.NewClaimsServiceClient(conn).StreamExtractClaims(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	reqs := []*claimsv1.StreamExtractClaimsRequest{
		{Article: &claimsv1.Article{Id: "a", Text: article}},
		{Article: &claimsv1.Article{Id: "b", Text: ""}},
		{Article: &claimsv1.Article{Id: "a", Text: article}},
		{Article: &claimsv1.Article{Id: "c", Text: article}, EncodingType: claimsv1.EncodingType_ENCODING_TYPE_UTF32},
	}
	for _, r := range reqs {
		if err := stream.Send(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := stream.CloseSend(); err != nil {
		t.Fatal(err)
	}
	got := map[int32]*claimsv1.StreamExtractClaimsResponse{}
	for {
		r, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got[r.GetInputIndex()] = r
	}
	if len(got) != len(reqs) {
		t.Fatalf("got %d responses for %d articles", len(got), len(reqs))
	}
	if got[0].GetError() != nil || len(got[0].GetResult().GetClaims()) == 0 {
		t.Errorf("article 0: error %v, %d claims", got[0].GetError(), len(got[0].GetResult().GetClaims()))
	}
	if codes.Code(got[1].GetError().GetCode()) != codes.InvalidArgument {
		t.Errorf("empty article: error %v, want INVALID_ARGUMENT", got[1].GetError())
	}
	if codes.Code(got[2].GetError().GetCode()) != codes.InvalidArgument {
		t.Errorf("repeated id: error %v, want INVALID_ARGUMENT", got[2].GetError())
	}
	if got[3].GetEncodingType() != claimsv1.EncodingType_ENCODING_TYPE_UTF32 || got[3].GetError() != nil {
		t.Errorf("article 3: encoding %v error %v", got[3].GetEncodingType(), got[3].GetError())
	}
}

func TestCompareOverGRPC(t *testing.T) {
	conn, _ := testServer(t, nil)
	client := claimsv1.NewClaimsServiceClient(conn)
	tests := []struct {
		name        string
		first, sec  string
		contradicts bool
	}{
		{"negation", "Moscow and Washington maintain an open line of communication.", "There is no line of communication between Moscow and Washington.", true},
		{"restatement", "The crossing has been closed since March.", "Since March the crossing has been closed.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := client.CompareClaims(context.Background(), &claimsv1.CompareClaimsRequest{
				First: &claimsv1.Statement{Text: tt.first}, Second: &claimsv1.Statement{Text: tt.sec},
			})
			if err != nil {
				t.Fatal(err)
			}
			if r.GetContradicts() != tt.contradicts {
				t.Errorf("contradicts = %v (score %.2f, %s), want %v", r.GetContradicts(), r.GetScore(), r.GetExplanation(), tt.contradicts)
			}
			if r.GetContradicts() && (r.GetReason() == claimsv1.Reason_REASON_UNSPECIFIED || r.GetExplanation() == "") {
				t.Errorf("a contradiction needs a reason and an explanation: %v", r)
			}
		})
	}
}

func TestOperatorEndpoints(t *testing.T) {
	conn, base := testServer(t, nil)
	h, err := healthpb.NewHealthClient(conn).Check(context.Background(), &healthpb.HealthCheckRequest{Service: "claims.v1.ClaimsService"})
	if err != nil || h.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Errorf("gRPC health = %v, %v; want SERVING", h.GetStatus(), err)
	}
	// One call first so the metrics have a sample.
	_, _ = claimsv1.NewClaimsServiceClient(conn).ExtractClaims(context.Background(), &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: article}})
	tests := []struct {
		path, want string
	}{
		{"/healthz", "SERVING"},
		{"/openapi.json", `"/v1/claims:extract"`},
		{"/openapi.json", `"/v1/claims:batchExtract"`},
		{"/metrics", `grpc_server_handled_total{grpc_code="OK",grpc_method="ExtractClaims"`},
	}
	for _, tt := range tests {
		resp, err := http.Get(base + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), tt.want) {
			t.Errorf("GET %s: status %d, body lacks %s", tt.path, resp.StatusCode, tt.want)
		}
	}
}
