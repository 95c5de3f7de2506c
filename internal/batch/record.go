package batch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"google.golang.org/genproto/googleapis/rpc/code"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// Record is one output line. Exactly one of (Claims, Links, CrossArticleLinks)
// and Error is set. The claim and link objects are the API's, printed as the
// REST gateway prints them (protojson, lowerCamelCase, defaults included), so
// one parser reads both.
type Record struct {
	// Line is the 1-based number of the input line this record answers.
	Line int64 `json:"line"`
	// ID is the article's ID: the line's "id", or the line number when it has
	// none. Absent when the line could not be read as an article.
	ID                string          `json:"id,omitempty"`
	Claims            json.RawMessage `json:"claims,omitempty"`
	Links             json.RawMessage `json:"links,omitempty"`
	CrossArticleLinks json.RawMessage `json:"crossArticleLinks,omitempty"`
	// StoredLinks are the links to claims in the server's claim store (with
	// -store-claims): claims stored by other requests, other replicas included.
	StoredLinks json.RawMessage `json:"storedLinks,omitempty"`
	Error       *ErrorRecord    `json:"error,omitempty"`
}

// ErrorRecord says why a line has no result: the gRPC status the server gives
// (or would give) that article, with its code spelled as in google.rpc.Code.
type ErrorRecord struct {
	Code            string           `json:"code"` // "INVALID_ARGUMENT", "RESOURCE_EXHAUSTED", "INTERNAL" …
	Message         string           `json:"message"`
	FieldViolations []FieldViolation `json:"fieldViolations,omitempty"`
}

// FieldViolation names one bad field of the line's article, as the API's
// google.rpc.BadRequest does ("article.text", "published" …).
type FieldViolation struct {
	Field       string `json:"field"`
	Description string `json:"description"`
}

// outcome is a finished line on its way to the writer: the encoded record and
// the counts the summary needs.
type outcome struct {
	line      int64
	data      []byte // one JSON object and "\n"
	inBytes   int
	claims    int
	links     int
	crossLink int
	stored    int    // links to stored claims
	errCode   string // "" for a result
}

var jsonOpts = protojson.MarshalOptions{EmitDefaultValues: true}

// responseOutcome encodes the answer for one article, in-process or from the
// server alike. A result that cannot be encoded (which would be a bug) becomes
// the line's INTERNAL error rather than a lost line.
func responseOutcome(j job, r *claimsv1.StreamExtractClaimsResponse) outcome {
	if st := r.GetError(); st != nil {
		return errorOutcome(j.line, j.id, j.inBytes, st)
	}
	res := r.GetResult()
	rec := Record{Line: j.line, ID: j.id}
	claims, err1 := marshalList(res.GetClaims())
	links, err2 := marshalList(res.GetLinks())
	cross, err3 := marshalList(r.GetCrossArticleLinks())
	rec.Claims, rec.Links, rec.CrossArticleLinks = claims, links, cross
	var err5 error
	if res.GetStored() {
		rec.StoredLinks, err5 = marshalList(res.GetStoredLinks())
	}
	data, err4 := encodeRecord(&rec)
	if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
		return errorOutcome(j.line, j.id, j.inBytes, status.New(codes.Internal, err.Error()).Proto())
	}
	return outcome{line: j.line, data: data, inBytes: j.inBytes,
		claims: len(res.GetClaims()), links: len(res.GetLinks()), crossLink: len(r.GetCrossArticleLinks()), stored: len(res.GetStoredLinks())}
}

// errorOutcome encodes a line's error status.
func errorOutcome(line int64, id string, inBytes int, st *spb.Status) outcome {
	name, ok := code.Code_name[st.GetCode()]
	if !ok {
		name = fmt.Sprintf("CODE_%d", st.GetCode())
	}
	er := &ErrorRecord{Code: name, Message: st.GetMessage()}
	for _, d := range status.FromProto(st).Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				er.FieldViolations = append(er.FieldViolations, FieldViolation{Field: v.GetField(), Description: v.GetDescription()})
			}
		}
	}
	data, err := encodeRecord(&Record{Line: line, ID: id, Error: er})
	if err != nil { // strings and numbers always encode; keep the line regardless
		data = fmt.Appendf(nil, `{"line":%d,"error":{"code":%q,"message":"the error record could not be encoded"}}`+"\n", line, name)
	}
	return outcome{line: line, data: data, inBytes: inBytes, errCode: name}
}

// marshalList prints a repeated message field as a JSON array.
func marshalList[M proto.Message](ms []M) (json.RawMessage, error) {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, m := range ms {
		if i > 0 {
			b.WriteByte(',')
		}
		out, err := jsonOpts.Marshal(m)
		if err != nil {
			return nil, fmt.Errorf("batch: encode result: %w", err)
		}
		b.Write(out)
	}
	b.WriteByte(']')
	return b.Bytes(), nil
}

// encodeRecord prints a record as one line. encoding/json compacts the
// protojson parts (which vary their spacing on purpose), so equal results give
// byte-identical lines.
func encodeRecord(r *Record) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, fmt.Errorf("batch: encode record for line %d: %w", r.Line, err)
	}
	return b.Bytes(), nil
}
