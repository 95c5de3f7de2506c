package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/mem"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/cputime"
	"github.com/claimsvc/claimsvc/internal/pipeline"
)

// fuzzLimits are small so the fuzzer reaches every size limit with short inputs.
var fuzzLimits = Limits{MaxArticleBytes: 64, MaxBatchArticles: 3, MaxBatchBytes: 128, MaxStatementBytes: 64, MaxIDBytes: 16}

// FuzzDecodeValidate sends arbitrary wire bytes through the server's codec and
// the validation of each request type, the path every hostile client reaches
// first. It asserts: the codec never fails a call (decode failures must reach
// validation); a message the standard proto codec accepts decodes to the same
// message; validation answers nil or INVALID_ARGUMENT / RESOURCE_EXHAUSTED
// carrying at least one field violation; and what validation lets through obeys
// every limit (valid UTF-8, non-empty, within the byte and count bounds), since
// the pipeline relies on that. It also holds the codec's fast path
// (vtprotobuf's generated methods) to its proto-package path: the same decoded
// message or decode-failure marker, and the same encoding of what it decoded.
//
//	go test -run='^$' -fuzz=FuzzDecodeValidate -fuzztime=10m -parallel=1 ./internal/server/
func FuzzDecodeValidate(f *testing.F) {
	art := func(id, text string) []byte {
		return append(wireField(1, []byte(id)), wireField(2, []byte(text))...)
	}
	enc := func(e uint64) []byte {
		return protowire.AppendVarint(protowire.AppendTag(nil, 2, protowire.VarintType), e)
	}
	for _, s := range []struct {
		kind uint8
		data []byte
	}{
		{0, wireField(1, art("a", "He said it would rain."))},
		{0, append(wireField(1, art("", "x")), enc(2)...)},
		{0, append(wireField(1, art("", "x")), enc(99)...)},
		{0, wireField(1, art("", "bad \xff"))},
		{0, wireField(1, art("a\x00", strings.Repeat("w", 70)))},
		{1, append(wireField(1, art("a", "x")), wireField(1, art("a", "y"))...)},
		{1, append(append(wireField(1, art("", "x")), wireField(1, art("", "y"))...), append(wireField(1, art("", "z")), wireField(1, art("", "q"))...)...)},
		{2, wireField(1, art("s", "“Quote,” she said."))},
		{3, append(wireField(1, wireField(1, []byte("It is open."))), wireField(2, wireField(1, []byte("It is closed.")))...)},
		{3, wireField(1, wireField(1, []byte{0xc3}))},
		{0, []byte{0xff, 0xff, 0xff}},
		{0, nil},
	} {
		f.Add(s.kind, s.data)
	}
	c := newCodec(DefaultLimits().MaxBatchArticles)
	l := fuzzLimits
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		var msg, std proto.Message
		var validate func() error
		switch kind % 4 {
		case 0:
			m := &claimsv1.ExtractClaimsRequest{}
			msg, std = m, &claimsv1.ExtractClaimsRequest{}
			validate = func() error {
				err := l.ValidateArticleRequest(m)
				if err == nil {
					checkValidArticle(t, l, m.GetArticle(), m.GetEncodingType())
				}
				return err
			}
		case 1:
			m := &claimsv1.BatchExtractClaimsRequest{}
			msg, std = m, &claimsv1.BatchExtractClaimsRequest{}
			validate = func() error {
				err := l.ValidateBatch(m)
				if err == nil {
					arts := m.GetArticles()
					if len(arts) == 0 || len(arts) > l.MaxBatchArticles {
						t.Fatalf("batch of %d articles passed validation", len(arts))
					}
					total, ids := 0, map[string]bool{}
					for _, a := range arts {
						checkValidArticle(t, l, a, m.GetEncodingType())
						total += len(a.GetText())
						if id := a.GetId(); id != "" {
							if ids[id] {
								t.Fatalf("repeated id %q passed validation", id)
							}
							ids[id] = true
						}
					}
					if total > l.MaxBatchBytes {
						t.Fatalf("batch of %d bytes passed validation", total)
					}
				}
				return err
			}
		case 2:
			m := &claimsv1.StreamExtractClaimsRequest{}
			msg, std = m, &claimsv1.StreamExtractClaimsRequest{}
			validate = func() error {
				err := l.ValidateArticleRequest(m)
				if err == nil {
					checkValidArticle(t, l, m.GetArticle(), m.GetEncodingType())
				}
				return err
			}
		default:
			m := &claimsv1.CompareClaimsRequest{}
			msg, std = m, &claimsv1.CompareClaimsRequest{}
			validate = func() error {
				err := l.ValidateCompare(m)
				if err == nil {
					for _, s := range []*claimsv1.Statement{m.GetFirst(), m.GetSecond()} {
						if tx := s.GetText(); s == nil || tx == "" || !utf8.ValidString(tx) || len(tx) > l.MaxStatementBytes {
							t.Fatalf("statement %q passed validation", tx)
						}
					}
				}
				return err
			}
		}
		if err := c.Unmarshal(mem.BufferSlice{mem.SliceBuffer(data)}, msg); err != nil {
			t.Fatalf("codec.Unmarshal returned %v; decode failures must reach validation", err)
		}
		if proto.Unmarshal(data, std) == nil {
			if _, _, failed := decodeFailure(msg); !failed && !proto.Equal(msg, std) {
				t.Fatalf("codec decoded %v, the proto codec %v", msg, std)
			}
		}
		// The fast path (UnmarshalVT, MarshalToSizedBufferVT) answers exactly as
		// the proto package's path: the same message or decode-failure marker,
		// the same bytes or a marshal error alike.
		if _, counted := markedArticleCount(msg); !counted {
			old := msg.ProtoReflect().New().Interface()
			if err := c.unmarshalProto(mem.BufferSlice{mem.SliceBuffer(data)}, old); err != nil {
				t.Fatal(err)
			}
			if !proto.Equal(msg, old) {
				t.Fatalf("codec decoded %v, its proto path %v", msg, old)
			}
		}
		got, gerr := c.Marshal(msg)
		want, werr := c.base.Marshal(msg)
		if (gerr != nil) != (werr != nil) || gerr == nil && !bytes.Equal(got.Materialize(), want.Materialize()) {
			t.Fatalf("codec marshals %x (%v), grpc's proto codec %x (%v)", got.Materialize(), gerr, want.Materialize(), werr)
		}
		err := validate()
		if err == nil {
			if _, err := c.Marshal(msg); err != nil {
				t.Fatalf("a validated request does not marshal: %v", err)
			}
			return
		}
		st := status.Convert(err)
		if st.Code() != codes.InvalidArgument && st.Code() != codes.ResourceExhausted {
			t.Fatalf("validation answered %v: %v", st.Code(), err)
		}
		if n := countViolations(st); n == 0 || st.Message() == "" {
			t.Fatalf("validation error %q carries %d field violations", st.Message(), n)
		}
	})
}

func checkValidArticle(t *testing.T, l Limits, a *claimsv1.Article, e claimsv1.EncodingType) {
	t.Helper()
	tx := a.GetText()
	if a == nil || tx == "" || !utf8.ValidString(tx) || len(tx) > l.MaxArticleBytes {
		t.Fatalf("article text %q passed validation", tx)
	}
	if id := a.GetId(); len(id) > l.MaxIDBytes || badIDChar(id) >= 0 {
		t.Fatalf("article id %q passed validation", id)
	}
	if _, ok := claimsv1.EncodingType_name[int32(e)]; !ok {
		t.Fatalf("encoding %d passed validation", e)
	}
}

func countViolations(st *status.Status) int {
	n := 0
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			n += len(br.GetFieldViolations())
		}
	}
	return n
}

// FuzzService calls the handlers (ExtractClaims, BatchExtractClaims,
// CompareClaims) in-process with fuzzed text, IDs and offset encodings, through
// the real pipeline. It asserts: no panic; only OK, INVALID_ARGUMENT or
// RESOURCE_EXHAUSTED, within a CPU-time bound proportional to the text's size;
// on success the server's codec encodes the response as grpc's proto codec
// does, every span, in the unit the client asked for, slices exactly the text
// reported for it, every score lies in [0,1], claim IDs are "<id>#<n>", and
// every link names claims of the response.
//
//	go test -run='^$' -fuzz=FuzzService -fuzztime=10m -parallel=1 ./internal/server/
func FuzzService(f *testing.F) {
	for _, s := range []struct {
		text, id string
		enc      int32
		split    uint16
	}{
		{"Interior Minister Ana Ruiz said on Tuesday that the border will stay closed. “We have no plan to reopen the crossing,” she told reporters.", "border", 1, 70},
		{"Officials said the line is open. Ryabkov made clear there is no line of communication.", "", 2, 33},
		{"“Привет,” сказал он. 外交部长说：“会谈失败了。” The minister said 😀 talks may fail.", "ru", 3, 20},
		{"   \n\t ", "", 0, 1},
		{"\"\"\"\"\"“““““", "q", 2, 3},
		{"<p>The <b>minister</b> said: \"it is over\".</p>", "<html>", 1, 10},
		{"a\x00b said \x01 that \u202eit is false\u202c.", "", 3, 5},
		{"bad \xff utf8 said", "x", 1, 2},
	} {
		f.Add(s.text, s.id, s.enc, s.split)
	}
	pipe, err := pipeline.New()
	if err != nil {
		f.Fatal(err)
	}
	limits := DefaultLimits()
	limits.MaxArticleBytes, limits.MaxBatchBytes, limits.MaxStatementBytes = 16<<10, 32<<10, 16<<10
	svc := NewService(pipe, limits, StreamOptions{Workers: 2}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	f.Fuzz(func(t *testing.T, text, id string, enc int32, split uint16) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		e := claimsv1.EncodingType(enc)

		var (
			resp *claimsv1.ExtractClaimsResponse
			err  error
		)
		took := cputime.Of(func() {
			resp, err = svc.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Id: id, Text: text}, EncodingType: e})
		})
		checkBudget(t, "ExtractClaims", len(text), took)
		if checkCode(t, "ExtractClaims", err) {
			checkSameEncoding(t, resp)
			res := resp.GetResult()
			checkResult(t, text, id, "0", resp.GetEncodingType(), res, claimIDs(res))
		}

		k := int(split) % (len(text) + 1)
		first, second := text[:k], text[k:]
		var bresp *claimsv1.BatchExtractClaimsResponse
		took = cputime.OfProcess(func() { // a batch extracts its articles in parallel
			bresp, err = svc.BatchExtractClaims(ctx, &claimsv1.BatchExtractClaimsRequest{
				Articles:     []*claimsv1.Article{{Id: "a", Text: first}, {Id: "b", Text: second}},
				EncodingType: e,
			})
		})
		checkBudget(t, "BatchExtractClaims", len(text), took)
		if checkCode(t, "BatchExtractClaims", err) {
			checkSameEncoding(t, bresp)
			all := map[string]bool{}
			for _, r := range bresp.GetResults() {
				for id := range claimIDs(r) {
					all[id] = true
				}
			}
			if len(bresp.GetResults()) != 2 {
				t.Fatalf("batch of 2 answered %d results", len(bresp.GetResults()))
			}
			checkResult(t, first, "a", "", bresp.GetEncodingType(), bresp.GetResults()[0], all)
			checkResult(t, second, "b", "", bresp.GetEncodingType(), bresp.GetResults()[1], all)
			checkLinks(t, bresp.GetCrossArticleLinks(), all)
		}

		cresp, err := svc.CompareClaims(ctx, &claimsv1.CompareClaimsRequest{First: &claimsv1.Statement{Text: first}, Second: &claimsv1.Statement{Text: second}})
		if checkCode(t, "CompareClaims", err) {
			checkSameEncoding(t, cresp)
			if sc := cresp.GetScore(); !(sc >= 0 && sc <= 1) {
				t.Fatalf("compare score %v outside [0,1]", sc)
			}
		}
	})
}

// Slowness bound of FuzzService: a call must cost no more than this CPU time per
// byte of text (plus a base for GC, cold caches and the fuzzer's own work in the
// process); real articles cost a few microseconds a byte through the whole
// pipeline, quadratic paths far more within the 16 KiB limit.
const (
	fuzzBase    = 150 * time.Millisecond
	fuzzPerByte = 30 * time.Microsecond
)

func checkBudget(t *testing.T, call string, n int, took time.Duration) {
	t.Helper()
	if bound := cputime.Budget(n, fuzzBase, fuzzPerByte); took > bound {
		t.Fatalf("%s of %d bytes took %v of CPU, more than %v", call, n, took, bound)
	}
}

// checkCode fails on any status but OK, INVALID_ARGUMENT and RESOURCE_EXHAUSTED
// and reports whether the call succeeded.
func checkCode(t *testing.T, call string, err error) bool {
	t.Helper()
	switch status.Code(err) {
	case codes.OK:
		return true
	case codes.InvalidArgument, codes.ResourceExhausted:
		return false
	default:
		t.Fatalf("%s: %v", call, err)
		return false
	}
}

func claimIDs(r *claimsv1.ArticleResult) map[string]bool {
	ids := map[string]bool{}
	for _, c := range r.GetClaims() {
		ids[c.GetId()] = true
	}
	return ids
}

// checkResult verifies one article's result against its text. wantID is the
// article ID the response must use: the client's, else fallback.
func checkResult(t *testing.T, text, id, fallback string, e claimsv1.EncodingType, r *claimsv1.ArticleResult, known map[string]bool) {
	t.Helper()
	if id == "" {
		id = fallback
	}
	if r.GetArticleId() != id {
		t.Fatalf("article_id %q, want %q", r.GetArticleId(), id)
	}
	units := newUnitText(text, e)
	for i, c := range r.GetClaims() {
		if want := id + "#" + strconv.Itoa(i+1); c.GetId() != want {
			t.Fatalf("claim %d id %q, want %q", i, c.GetId(), want)
		}
		units.check(t, "claim", c.GetSpan(), c.GetText(), false)
		units.check(t, "mention", c.GetSpeaker().GetMentionSpan(), c.GetSpeaker().GetMention(), true)
		units.check(t, "cue", c.GetAttribution().GetCueSpan(), c.GetAttribution().GetCue(), true)
		for _, hc := range c.GetHedging().GetCues() {
			units.check(t, "hedge cue", hc.GetSpan(), hc.GetText(), true)
		}
		units.check(t, "sentence", c.GetSentenceSpan(), "", true)
		if h := c.GetHedging().GetScore(); !(h >= 0 && h <= 1) {
			t.Fatalf("claim %s: hedging %v outside [0,1]", c.GetId(), h)
		}
		if w := c.GetCheckWorthiness(); !(w >= 0 && w <= 1) {
			t.Fatalf("claim %s: check-worthiness %v outside [0,1]", c.GetId(), w)
		}
	}
	checkLinks(t, r.GetLinks(), known)
}

func checkLinks(t *testing.T, links []*claimsv1.ContradictionLink, known map[string]bool) {
	t.Helper()
	for _, l := range links {
		if !known[l.GetClaimId()] || !known[l.GetOtherClaimId()] || l.GetClaimId() == l.GetOtherClaimId() {
			t.Fatalf("link %s → %s names claims the response lacks", l.GetClaimId(), l.GetOtherClaimId())
		}
		if s := l.GetScore(); !(s >= 0 && s <= 1) {
			t.Fatalf("link score %v outside [0,1]", s)
		}
	}
}

// unitText slices the text in the unit of an encoding type, the way a client in
// that language would.
type unitText struct {
	text  string
	u16   []uint16
	runes []rune
	e     claimsv1.EncodingType
}

func newUnitText(text string, e claimsv1.EncodingType) unitText {
	u := unitText{text: text, e: e}
	switch e {
	case claimsv1.EncodingType_ENCODING_TYPE_UTF16:
		u.u16 = utf16.Encode([]rune(text))
	case claimsv1.EncodingType_ENCODING_TYPE_UTF32:
		u.runes = []rune(text)
	}
	return u
}

func (u unitText) check(t *testing.T, what string, sp *claimsv1.Span, want string, emptyOK bool) {
	t.Helper()
	s, e := int(sp.GetStart()), int(sp.GetEnd())
	if emptyOK && s == 0 && e == 0 {
		return
	}
	var n int
	var slice func() string
	switch u.e {
	case claimsv1.EncodingType_ENCODING_TYPE_UTF16:
		n, slice = len(u.u16), func() string { return string(utf16.Decode(u.u16[s:e])) }
	case claimsv1.EncodingType_ENCODING_TYPE_UTF32:
		n, slice = len(u.runes), func() string { return string(u.runes[s:e]) }
	default:
		n, slice = len(u.text), func() string { return u.text[s:e] }
	}
	if s < 0 || e > n || s > e {
		t.Fatalf("%s span [%d,%d) outside %d units (%v)", what, s, e, n, u.e)
	}
	got := slice()
	if !utf8.ValidString(got) {
		t.Fatalf("%s span [%d,%d) splits a character: %q", what, s, e, got)
	}
	if want != "" && got != want {
		t.Fatalf("%s span [%d,%d) slices %q, text is %q (%v)", what, s, e, got, want, u.e)
	}
}
