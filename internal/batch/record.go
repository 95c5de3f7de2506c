package batch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"google.golang.org/genproto/googleapis/rpc/code"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/protojsonfast"
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

// resultJSON writes the claims and links of a result: the API's messages as
// protojson with EmitDefaultValues writes them, compacted, as encodeRecord
// made of them (and as the REST gateway prints them).
var resultJSON = protojsonfast.New(
	(&claimsv1.Claim{}).ProtoReflect().Descriptor(),
	(&claimsv1.ContradictionLink{}).ProtoReflect().Descriptor(),
)

// responseOutcome encodes the answer for one article, in-process or from the
// server alike. A result that cannot be encoded (which would be a bug) becomes
// the line's INTERNAL error rather than a lost line.
func responseOutcome(j job, r *claimsv1.StreamExtractClaimsResponse) outcome {
	if st := r.GetError(); st != nil {
		return errorOutcome(j.line, j.id, j.inBytes, st)
	}
	res := r.GetResult()
	data, err := appendResultRecord(newLine(), j, res, r.GetCrossArticleLinks())
	if err != nil {
		return errorOutcome(j.line, j.id, j.inBytes, status.New(codes.Internal, err.Error()).Proto())
	}
	return outcome{line: j.line, data: data, inBytes: j.inBytes,
		claims: len(res.GetClaims()), links: len(res.GetLinks()), crossLink: len(r.GetCrossArticleLinks()), stored: len(res.GetStoredLinks())}
}

// appendResultRecord writes a result's Record line straight into one buffer,
// byte for byte what encodeRecord makes of it (same keys in the same order,
// the ID escaped by encoding/json, the lists as compacted protojson) without
// encoding/json's second pass over every claim to compact it.
func appendResultRecord(b []byte, j job, res *claimsv1.ArticleResult, cross []*claimsv1.ContradictionLink) ([]byte, error) {
	b = append(b, `{"line":`...)
	b = strconv.AppendInt(b, j.line, 10)
	if j.id != "" {
		b = append(b, `,"id":`...)
		var err error
		if b, err = appendJSONString(b, j.id); err != nil {
			return nil, err
		}
	}
	var err1, err2, err3, err4 error
	b = append(b, `,"claims":`...)
	b, err1 = appendList(b, res.GetClaims())
	b = append(b, `,"links":`...)
	b, err2 = appendList(b, res.GetLinks())
	b = append(b, `,"crossArticleLinks":`...)
	b, err3 = appendList(b, cross)
	if res.GetStored() {
		b = append(b, `,"storedLinks":`...)
		b, err4 = appendList(b, res.GetStoredLinks())
	}
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		return nil, err
	}
	return append(b, '}', '\n'), nil
}

// appendList writes a repeated message field as a JSON array.
func appendList[M proto.Message](b []byte, ms []M) ([]byte, error) {
	b = append(b, '[')
	for i, m := range ms {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = resultJSON.MarshalAppend(b, m); err != nil {
			return b, fmt.Errorf("batch: encode result: %w", err)
		}
	}
	return append(b, ']'), nil
}

// appendJSONString writes s as encoding/json writes a string with HTML
// escaping off (what encodeRecord does to the ID). Printable ASCII without a
// quote or backslash, what IDs nearly always are, is written as is; anything
// else goes through encoding/json itself (its \ufffd for invalid UTF-8, its
// \u2028 escapes).
func appendJSONString(b []byte, s string) ([]byte, error) {
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		c := s[i]
		plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\'
	}
	if plain {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"'), nil
	}
	buf := bytes.NewBuffer(b)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	return out[:len(out)-1], nil // Encode ends with a newline
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
