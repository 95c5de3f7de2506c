package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/apiconv"
	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/offsets"
)

// protojsonRecord is how result lines were made before appendResultRecord:
// every claim and link through protojson, the Record through encodeRecord.
func protojsonRecord(t *testing.T, j job, res *claimsv1.ArticleResult, cross []*claimsv1.ContradictionLink) []byte {
	t.Helper()
	list := func(ms []proto.Message) json.RawMessage {
		var b bytes.Buffer
		b.WriteByte('[')
		for i, m := range ms {
			if i > 0 {
				b.WriteByte(',')
			}
			out, err := protojson.MarshalOptions{EmitDefaultValues: true}.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			b.Write(out)
		}
		b.WriteByte(']')
		return b.Bytes()
	}
	msgs := func(n int, at func(int) proto.Message) []proto.Message {
		out := make([]proto.Message, n)
		for i := range out {
			out[i] = at(i)
		}
		return out
	}
	rec := Record{Line: j.line, ID: j.id,
		Claims:            list(msgs(len(res.GetClaims()), func(i int) proto.Message { return res.GetClaims()[i] })),
		Links:             list(msgs(len(res.GetLinks()), func(i int) proto.Message { return res.GetLinks()[i] })),
		CrossArticleLinks: list(msgs(len(cross), func(i int) proto.Message { return cross[i] })),
	}
	if res.GetStored() {
		rec.StoredLinks = list(msgs(len(res.GetStoredLinks()), func(i int) proto.Message { return res.GetStoredLinks()[i] }))
	}
	data, err := encodeRecord(&rec)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestAppendResultRecordIdentical: result lines are byte for byte what
// protojson plus encoding/json made of them, for real pipeline results and
// IDs that need escaping.
func TestAppendResultRecordIdentical(t *testing.T) {
	p := newPipeline(t)
	var results []*claimsv1.ArticleResult
	for n := range len(sentences) {
		text := article(n)
		r, err := p.Article(context.Background(), claim.Article{ID: "a", Text: text}, 0)
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, apiconv.ArticleResultToProto(r, text, offsets.UTF16))
	}
	stored := proto.Clone(results[0]).(*claimsv1.ArticleResult)
	stored.Stored = true
	stored.StoredLinks = results[len(results)-1].GetLinks()
	results = append(results, stored, &claimsv1.ArticleResult{}, &claimsv1.ArticleResult{Stored: true})
	cross := results[len(sentences)-1].GetLinks()
	ids := []string{"", "7", "plain", "a/b ~x", "del\x7f", `q"uote\back`, "<b>&amp;</b>", "tab\tnl\n\x01\x7f", "é\u2028\u2029", "bad\xffutf8"}
	for i, res := range results {
		for k, id := range ids {
			j := job{line: int64(i*len(ids) + k + 1), id: id}
			got, err := appendResultRecord(nil, j, res, cross[:i%(len(cross)+1)])
			if err != nil {
				t.Fatal(err)
			}
			if want := protojsonRecord(t, j, res, cross[:i%(len(cross)+1)]); !bytes.Equal(got, want) {
				t.Fatalf("result %d, id %q:\n got %s\nwant %s", i, id, got, want)
			}
		}
	}
}

// TestResultRecordInvalidUTF8: a claim protojson cannot encode still makes
// the line's INTERNAL error, with protojson's message, as before.
func TestResultRecordInvalidUTF8(t *testing.T) {
	r := &claimsv1.StreamExtractClaimsResponse{Result: &claimsv1.ArticleResult{Claims: []*claimsv1.Claim{{Text: "\xff"}}}}
	o := responseOutcome(job{line: 3, id: "x"}, r)
	_, perr := protojson.Marshal(r.GetResult().GetClaims()[0])
	want, _ := encodeRecord(&Record{Line: 3, ID: "x", Error: &ErrorRecord{Code: "INTERNAL", Message: "batch: encode result: " + perr.Error()}})
	if o.errCode != "INTERNAL" || !bytes.Equal(o.data, want) {
		t.Fatalf("got %s (%s), want %s", o.data, o.errCode, want)
	}
}
