package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// badCallTimeout bounds every call of the bad-input matrix: a hang fails the
// test instead of stalling the suite.
const badCallTimeout = 20 * time.Second

// badInput is one row of the hostile-input matrix: an article text and what the
// documented behaviour is for it. code OK means a correct result is required
// (spans slice the text exactly in the requested unit, scores in range);
// empty means that result must have no claims.
type badInput struct {
	name   string
	text   string
	enc    claimsv1.EncodingType
	code   codes.Code
	http   int
	field  string // the field violation the error must name
	empty  bool   // OK with no claims
	claims bool   // OK with at least one claim
}

func badInputs() []badInput {
	const said = "The minister said on Tuesday that the border will stay closed."
	return []badInput{
		{name: "empty", text: "", code: codes.InvalidArgument, http: 400, field: "article.text"},
		{name: "whitespace only", text: " \t\n\r\n \u00a0\u2003 \n", code: codes.OK, http: 200, empty: true},
		{name: "claim-free web cruft", text: "Home | News | Sport | Contact\nShare this article\n\nRead more\n\nRelated articles\n\nAdvertisement", code: codes.OK, http: 200, empty: true},
		{name: "invalid UTF-8", text: "He said \xff\xfe that it was over.", code: codes.InvalidArgument, http: 400, field: "article.text"},
		{name: "NUL and control bytes", text: "The minister\x00 said\x01 on Tuesday\x07 that\x1b[31m the border\x7f will stay closed.\x00\x00", code: codes.OK, http: 200},
		{name: "10 MB of one word", text: strings.Repeat("a", 10_000_000), code: codes.ResourceExhausted, http: 413, field: "article.text"},
		{name: "1 MB single sentence", text: "The minister said that " + strings.Repeat("the crossing will stay closed and ", 30_000) + "nothing else.", code: codes.OK, http: 200, claims: true},
		{name: "only quotation marks", text: strings.Repeat(`"“”„‟«»‹›'‘’`, 5_000), code: codes.OK, http: 200},
		{name: "deeply unbalanced quotes", text: strings.Repeat("“He said “that “the ", 20_000) + said, code: codes.OK, http: 200},
		{name: "right-to-left text", text: "\u202eהשר אמר כי השיחות נכשלו.\u202c وقال الوزير إن المحادثات فشلت. " + said, enc: claimsv1.EncodingType_ENCODING_TYPE_UTF16, code: codes.OK, http: 200, claims: true},
		{name: "emoji", text: "😀🇺🇦 The minister 👩‍💼 said on Tuesday that the border 🚧 will stay closed. “We have no plan 🙅 to reopen it,” she told reporters.", enc: claimsv1.EncodingType_ENCODING_TYPE_UTF16, code: codes.OK, http: 200, claims: true},
		{name: "emoji in code points", text: "😀 The minister said on Tuesday that the border 🚧 will stay closed.", enc: claimsv1.EncodingType_ENCODING_TYPE_UTF32, code: codes.OK, http: 200, claims: true},
		{name: "Cyrillic article", text: "Заместитель министра иностранных дел Сергей Рябков заявил, что прямой линии связи между Москвой и Вашингтоном нет. «Мы не ведём переговоров», — сказал он.", enc: claimsv1.EncodingType_ENCODING_TYPE_UTF16, code: codes.OK, http: 200},
		{name: "Chinese article", text: "外交部发言人周二表示，双方没有直接沟通渠道。“我们不会重启谈判，”他对记者说。", enc: claimsv1.EncodingType_ENCODING_TYPE_UTF32, code: codes.OK, http: 200},
		{name: "HTML markup", text: `<html><head><script>var s="he said";</script></head><body><p class="x">The <b>minister</b> said on Tuesday that the border will stay closed.</p><div>&quot;We have no plan,&quot; she said.</div></body></html>`, code: codes.OK, http: 200, claims: true},
	}
}

// TestBadInputOverGRPC runs the matrix through the real server over gRPC.
func TestBadInputOverGRPC(t *testing.T) {
	conn, _ := testServer(t, nil)
	client := claimsv1.NewClaimsServiceClient(conn)
	for _, tt := range badInputs() {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), badCallTimeout)
			defer cancel()
			var resp *claimsv1.ExtractClaimsResponse
			var err error
			if utf8.ValidString(tt.text) {
				resp, err = client.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Id: "bad", Text: tt.text}, EncodingType: tt.enc})
			} else { // proto refuses to marshal invalid UTF-8: send raw wire bytes
				resp, err = invokeRaw(ctx, conn, tt.text)
			}
			st := status.Convert(err)
			if st.Code() != tt.code {
				t.Fatalf("code %v (%v), want %v", st.Code(), err, tt.code)
			}
			if tt.code != codes.OK {
				if got := fieldViolations(st); !contains(got, tt.field) {
					t.Errorf("field violations %v do not name %q", got, tt.field)
				}
				return
			}
			checkExtract(t, tt, resp)
		})
	}
}

// TestBadInputOverHTTP runs the same matrix through the REST gateway.
func TestBadInputOverHTTP(t *testing.T) {
	_, base := testServer(t, nil)
	client := &http.Client{Timeout: badCallTimeout}
	for _, tt := range badInputs() {
		t.Run(tt.name, func(t *testing.T) {
			body := restBody(tt.text, tt.enc)
			resp, err := client.Post(base+"/v1/claims:extract", "application/json", bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.http {
				t.Fatalf("HTTP %d (%.300s), want %d", resp.StatusCode, b, tt.http)
			}
			if tt.http != 200 {
				if tt.field != "" && !bytes.Contains(b, []byte(`"field":"`+tt.field+`"`)) && !invalidJSONText(tt.text) {
					t.Errorf("error body %.300s does not name %q", b, tt.field)
				}
				return
			}
			var out claimsv1.ExtractClaimsResponse
			if err := protojson.Unmarshal(b, &out); err != nil {
				t.Fatalf("response is not an ExtractClaimsResponse: %v: %.300s", err, b)
			}
			checkExtract(t, tt, &out)
		})
	}
}

// invalidJSONText reports whether text cannot travel in a JSON string: the
// gateway then refuses the body itself (400, no field to name).
func invalidJSONText(text string) bool { return !utf8.ValidString(text) }

// restBody is the JSON body of an extract call. Invalid UTF-8 is written raw,
// as a careless client would, since encoding/json would replace it.
func restBody(text string, enc claimsv1.EncodingType) []byte {
	if !utf8.ValidString(text) {
		return []byte(`{"article":{"id":"bad","text":"` + text + `"}}`)
	}
	req := &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Id: "bad", Text: text}, EncodingType: enc}
	b, err := protojson.Marshal(req)
	if err != nil {
		panic(err)
	}
	return b
}

// invokeRaw sends an ExtractClaims request whose text is written as raw bytes.
func invokeRaw(ctx context.Context, conn *grpc.ClientConn, text string) (*claimsv1.ExtractClaimsResponse, error) {
	var art, req []byte
	art = protowire.AppendTag(art, 2, protowire.BytesType)
	art = protowire.AppendBytes(art, []byte(text))
	req = protowire.AppendTag(req, 1, protowire.BytesType)
	req = protowire.AppendBytes(req, art)
	var out []byte
	if err := conn.Invoke(ctx, "/claims.v1.ClaimsService/ExtractClaims", req, &out, grpc.ForceCodecV2(rawCodec{})); err != nil {
		return nil, err
	}
	resp := &claimsv1.ExtractClaimsResponse{}
	return resp, proto.Unmarshal(out, resp)
}

// checkExtract verifies a successful response against the documented contract.
func checkExtract(t *testing.T, tt badInput, resp *claimsv1.ExtractClaimsResponse) {
	t.Helper()
	wantEnc := tt.enc
	if wantEnc == claimsv1.EncodingType_ENCODING_TYPE_UNSPECIFIED {
		wantEnc = claimsv1.EncodingType_ENCODING_TYPE_UTF8
	}
	if resp.GetEncodingType() != wantEnc {
		t.Errorf("encoding_type %v, want %v", resp.GetEncodingType(), wantEnc)
	}
	res := resp.GetResult()
	if res.GetArticleId() != "bad" {
		t.Errorf("article_id %q, want bad", res.GetArticleId())
	}
	n := len(res.GetClaims())
	if tt.empty && n != 0 {
		t.Errorf("want no claims, got %d: first %q", n, res.GetClaims()[0].GetText())
	}
	if tt.claims && n == 0 {
		t.Error("want at least one claim, got none")
	}
	sl := newSlicer(tt.text, wantEnc)
	ids := map[string]bool{}
	for i, c := range res.GetClaims() {
		if want := "bad#" + strconv.Itoa(i+1); c.GetId() != want {
			t.Errorf("claim %d id %q, want %q", i, c.GetId(), want)
		}
		ids[c.GetId()] = true
		sl.check(t, "claim "+c.GetId(), c.GetSpan(), c.GetText(), false)
		sl.check(t, "sentence of "+c.GetId(), c.GetSentenceSpan(), "", true)
		sl.check(t, "mention of "+c.GetId(), c.GetSpeaker().GetMentionSpan(), c.GetSpeaker().GetMention(), true)
		for _, hc := range c.GetHedging().GetCues() {
			sl.check(t, "hedge cue of "+c.GetId(), hc.GetSpan(), hc.GetText(), true)
		}
		if h, w := c.GetHedging().GetScore(), c.GetCheckWorthiness(); !(h >= 0 && h <= 1 && w >= 0 && w <= 1) {
			t.Errorf("claim %s: hedging %v, check-worthiness %v outside [0,1]", c.GetId(), h, w)
		}
	}
	for _, l := range res.GetLinks() {
		if !ids[l.GetClaimId()] || !ids[l.GetOtherClaimId()] {
			t.Errorf("link %s → %s names an unknown claim", l.GetClaimId(), l.GetOtherClaimId())
		}
	}
}

// slicer cuts the text in the unit of an encoding type, as a client in that
// language would.
type slicer struct {
	text  string
	u16   []uint16
	runes []rune
	enc   claimsv1.EncodingType
}

func newSlicer(text string, enc claimsv1.EncodingType) slicer {
	return slicer{text: text, u16: utf16.Encode([]rune(text)), runes: []rune(text), enc: enc}
}

func (s slicer) check(t *testing.T, what string, sp *claimsv1.Span, want string, emptyOK bool) {
	t.Helper()
	a, b := int(sp.GetStart()), int(sp.GetEnd())
	if emptyOK && a == 0 && b == 0 {
		return
	}
	n := len(s.text)
	switch s.enc {
	case claimsv1.EncodingType_ENCODING_TYPE_UTF16:
		n = len(s.u16)
	case claimsv1.EncodingType_ENCODING_TYPE_UTF32:
		n = len(s.runes)
	}
	if a < 0 || b > n || a > b {
		t.Errorf("%s: span [%d,%d) outside %d units", what, a, b, n)
		return
	}
	var got string
	switch s.enc {
	case claimsv1.EncodingType_ENCODING_TYPE_UTF16:
		u := s.u16[a:b]
		if len(u) > 0 && (utf16.IsSurrogate(rune(u[0])) && u[0] >= 0xdc00 || utf16.IsSurrogate(rune(u[len(u)-1])) && u[len(u)-1] < 0xdc00) {
			t.Errorf("%s: span [%d,%d) splits a surrogate pair", what, a, b)
		}
		got = string(utf16.Decode(u))
	case claimsv1.EncodingType_ENCODING_TYPE_UTF32:
		got = string(s.runes[a:b])
	default:
		got = s.text[a:b]
		if !utf8.ValidString(got) {
			t.Errorf("%s: span [%d,%d) splits a UTF-8 sequence", what, a, b)
		}
	}
	if want != "" && got != want {
		t.Errorf("%s: span [%d,%d) slices %q, text is %q", what, a, b, got, want)
	}
}

// TestBadBatchesAndStreams covers the inputs that are not one article: batches
// over the count and byte limits (RESOURCE_EXHAUSTED / 413 naming "articles"),
// a message beyond the transport limit, a stream that sends garbage between
// good articles then closes, and raw garbage on the gRPC port.
func TestBadBatchesAndStreams(t *testing.T) {
	conn, base := testServer(t, nil)
	client := claimsv1.NewClaimsServiceClient(conn)
	httpc := &http.Client{Timeout: badCallTimeout}
	small := &claimsv1.Article{Text: "Officials said the talks may resume."}
	mb := strings.Repeat("The crossing stays shut. ", 40_000) // 1,000,000 bytes: under the article limit
	tooMany := make([]*claimsv1.Article, 65)
	for i := range tooMany {
		tooMany[i] = small
	}
	tooBig := make([]*claimsv1.Article, 9) // 9 MB > 8 MiB batch limit, each under 1 MiB
	for i := range tooBig {
		tooBig[i] = &claimsv1.Article{Text: mb}
	}
	for _, tt := range []struct {
		name string
		arts []*claimsv1.Article
	}{{"batch over the count limit", tooMany}, {"batch over the byte limit", tooBig}} {
		t.Run(tt.name+" gRPC", func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), badCallTimeout)
			defer cancel()
			_, err := client.BatchExtractClaims(ctx, &claimsv1.BatchExtractClaimsRequest{Articles: tt.arts})
			st := status.Convert(err)
			if st.Code() != codes.ResourceExhausted || !contains(fieldViolations(st), "articles") {
				t.Fatalf("got %v %v, want RESOURCE_EXHAUSTED naming articles", st.Code(), fieldViolations(st))
			}
		})
		t.Run(tt.name+" REST", func(t *testing.T) {
			body, _ := protojson.Marshal(&claimsv1.BatchExtractClaimsRequest{Articles: tt.arts})
			resp, err := httpc.Post(base+"/v1/claims:batchExtract", "application/json", bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 413 || !bytes.Contains(b, []byte(`"field":"articles"`)) {
				t.Fatalf("HTTP %d %.300s, want 413 naming articles", resp.StatusCode, b)
			}
		})
	}

	t.Run("message beyond the transport limit", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), badCallTimeout)
		defer cancel()
		_, err := client.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: strings.Repeat("a", 11<<20)}})
		if status.Code(err) != codes.ResourceExhausted {
			t.Fatalf("got %v, want RESOURCE_EXHAUSTED", err)
		}
		resp, err := httpc.Post(base+"/v1/claims:extract", "application/json", strings.NewReader(`{"article":{"text":"`+strings.Repeat("a", 11<<20)+`"}}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 413 {
			t.Fatalf("REST: HTTP %d, want 413", resp.StatusCode)
		}
	})

	t.Run("REST garbage body", func(t *testing.T) {
		for _, body := range []string{"\x00\xff\xfe garbage", `{"article":{"text":42}}`, `[]`, `{"article":`} {
			resp, err := httpc.Post(base+"/v1/claims:extract", "application/json", strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 400 || !json.Valid(b) {
				t.Errorf("body %q: HTTP %d %.200s, want 400 with a JSON status", body, resp.StatusCode, b)
			}
		}
	})

	t.Run("stream sends garbage then closes", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), badCallTimeout)
		defer cancel()
		desc := &grpc.StreamDesc{ClientStreams: true, ServerStreams: true}
		stream, err := conn.NewStream(ctx, desc, "/claims.v1.ClaimsService/StreamExtractClaims", grpc.ForceCodecV2(rawCodec{}))
		if err != nil {
			t.Fatal(err)
		}
		good, _ := proto.Marshal(&claimsv1.StreamExtractClaimsRequest{Article: &claimsv1.Article{Id: "g", Text: article}})
		msgs := [][]byte{good, {0xff, 0xff, 0xff, 0x07}, {0x0a, 0x05, 0x12, 0x03, 0xc3, 0x28, 0x41}, good[:len(good)/2]}
		for _, m := range msgs {
			if err := stream.SendMsg(m); err != nil {
				t.Fatal(err)
			}
		}
		if err := stream.CloseSend(); err != nil {
			t.Fatal(err)
		}
		got := map[int32]*claimsv1.StreamExtractClaimsResponse{}
		for {
			var raw []byte
			err := stream.RecvMsg(&raw)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("stream failed: %v", err)
			}
			r := &claimsv1.StreamExtractClaimsResponse{}
			if err := proto.Unmarshal(raw, r); err != nil {
				t.Fatal(err)
			}
			got[r.GetInputIndex()] = r
		}
		if len(got) != len(msgs) {
			t.Fatalf("%d responses for %d messages", len(got), len(msgs))
		}
		if got[0].GetError() != nil || len(got[0].GetResult().GetClaims()) == 0 {
			t.Errorf("good article: error %v, %d claims", got[0].GetError(), len(got[0].GetResult().GetClaims()))
		}
		for i := int32(1); i < int32(len(msgs)); i++ {
			if c := codes.Code(got[i].GetError().GetCode()); c != codes.InvalidArgument {
				t.Errorf("garbage message %d: error %v, want INVALID_ARGUMENT", i, got[i].GetError())
			}
		}
	})

	t.Run("raw garbage on the gRPC port", func(t *testing.T) {
		baseline := settledGoroutines()
		for _, junk := range [][]byte{
			[]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), // not HTTP/2: refused
			bytes.Repeat([]byte{0xff}, 4096),            // not even a preface: refused
			// a valid preface, then half a frame and the client leaves
			[]byte("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\xff\x01\x00\x00\x00\x00\x01"),
		} {
			c, err := net.DialTimeout("tcp", conn.Target(), 5*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			_ = c.SetDeadline(time.Now().Add(300 * time.Millisecond))
			_, _ = c.Write(junk)
			_, _ = io.Copy(io.Discard, c) // the server closes, or the client gives up
			c.Close()
		}
		waitGoroutines(t, baseline, 5*time.Second) // nothing stays behind for the dead connections
		ctx, cancel := context.WithTimeout(context.Background(), badCallTimeout)
		defer cancel()
		if _, err := client.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: article}}); err != nil {
			t.Fatalf("server unusable after garbage connections: %v", err)
		}
	})
}
