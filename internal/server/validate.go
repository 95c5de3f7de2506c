package server

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/htmlpage"
)

// violations collects what is wrong with a request, split by the status each kind
// of problem earns: a malformed field is INVALID_ARGUMENT, a field over a size limit
// is RESOURCE_EXHAUSTED. Both carry google.rpc.BadRequest field violations so every
// client can tell which field to fix.
//
// At most MaxFieldViolations of each kind are kept (the message counts them all):
// the status travels in an HTTP/2 trailer, and a reply listing a million
// violations would be megabytes that no client can use and that a gateway's
// connection may not survive.
type violations struct {
	invalid, tooLarge []*errdetails.BadRequest_FieldViolation
	// moreInvalid and moreTooLarge count the violations left out.
	moreInvalid, moreTooLarge int
}

// MaxFieldViolations bounds the field violations one error carries.
const MaxFieldViolations = 100

func (v *violations) addInvalid(field, format string, args ...any) {
	if len(v.invalid) >= MaxFieldViolations {
		v.moreInvalid++
		return
	}
	v.invalid = append(v.invalid, &errdetails.BadRequest_FieldViolation{Field: field, Description: fmt.Sprintf(format, args...)})
}

func (v *violations) addTooLarge(field, format string, args ...any) {
	if len(v.tooLarge) >= MaxFieldViolations {
		v.moreTooLarge++
		return
	}
	v.tooLarge = append(v.tooLarge, &errdetails.BadRequest_FieldViolation{Field: field, Description: fmt.Sprintf(format, args...)})
}

// err returns the status for what was collected, nil when nothing was. Malformed
// input wins over size: the client must fix it whatever its size.
func (v *violations) err() error {
	code, list, more := codes.InvalidArgument, v.invalid, v.moreInvalid
	if len(list) == 0 {
		code, list, more = codes.ResourceExhausted, v.tooLarge, v.moreTooLarge
	}
	if len(list) == 0 {
		return nil
	}
	msg := "invalid request: " + list[0].Field + ": " + list[0].Description
	if code == codes.ResourceExhausted {
		msg = "request too large: " + list[0].Field + ": " + list[0].Description
	}
	if n := len(list) + more; n > 1 {
		msg += fmt.Sprintf(" (and %d more)", n-1)
	}
	if more > 0 {
		msg += fmt.Sprintf("; the first %d are listed", len(list))
	}
	st, err := status.New(code, msg).WithDetails(&errdetails.BadRequest{FieldViolations: list})
	if err != nil { // only fails if the detail cannot be marshalled
		return status.Error(code, msg)
	}
	return st.Err()
}

// validateArticle checks one article; prefix is the field path to it ("article",
// "articles[3]").
func (l Limits) validateArticle(v *violations, prefix string, a *claimsv1.Article) {
	if a == nil {
		v.addInvalid(prefix, "is required")
		return
	}
	switch a.GetContentType() {
	case claimsv1.ContentType_CONTENT_TYPE_UNSPECIFIED, claimsv1.ContentType_CONTENT_TYPE_TEXT_PLAIN:
		l.validateText(v, prefix+".text", a.GetText(), l.MaxArticleBytes)
	case claimsv1.ContentType_CONTENT_TYPE_TEXT_HTML:
		if l.validateText(v, prefix+".text", a.GetText(), l.htmlBytes()) {
			validatePage(v, prefix+".text", a.GetText())
		}
	default:
		v.addInvalid(prefix+".content_type", "%d is not a known content type; use CONTENT_TYPE_TEXT_PLAIN or CONTENT_TYPE_TEXT_HTML", a.GetContentType())
	}
	if id := a.GetId(); len(id) > l.MaxIDBytes {
		v.addInvalid(prefix+".id", "is %d bytes; at most %d", len(id), l.MaxIDBytes)
	} else if i := badIDChar(id); i >= 0 {
		v.addInvalid(prefix+".id", "has a control character or invalid UTF-8 at byte %d", i)
	}
	if lc := a.GetLanguageCode(); lc != "" && !isEnglish(lc) {
		v.addInvalid(prefix+".language_code", "%q is not supported; the extractor reads English (\"en\", \"en-US\" …) or leave it empty", lc)
	}
	if t := a.GetPublishTime(); t != nil {
		if err := t.CheckValid(); err != nil {
			v.addInvalid(prefix+".publish_time", "%v", err)
		}
	}
}

// validateText checks a required text field: present, valid UTF-8, within max bytes.
func (l Limits) validateText(v *violations, field, text string, max int) bool {
	switch {
	case text == "":
		v.addInvalid(field, "is required")
	case !utf8.ValidString(text):
		v.addInvalid(field, "is not valid UTF-8 (first bad byte at offset %d)", firstInvalidUTF8(text))
	case len(text) > max:
		v.addTooLarge(field, "is %d bytes; the limit is %d", len(text), max)
	default:
		return true
	}
	return false
}

// validatePage refuses a web page whose nesting or element count would make
// parsing it costly (htmlpage.CheckShape), before any parsing.
func validatePage(v *violations, field, page string) {
	if err := htmlpage.CheckShape(context.Background(), page); err != nil {
		switch {
		case errors.Is(err, htmlpage.ErrTooManyElements):
			v.addTooLarge(field, "the page has more than %d elements", htmlpage.MaxElements)
		default:
			v.addInvalid(field, "the page's elements nest more than %d levels deep", htmlpage.MaxDepth)
		}
	}
}

func (l Limits) validateEncoding(v *violations, e claimsv1.EncodingType) {
	if _, ok := claimsv1.EncodingType_name[int32(e)]; !ok {
		v.addInvalid("encoding_type", "unknown value %d", e)
	}
}

// validate runs check unless the codec could not decode m, in which case that is
// the one thing worth reporting.
func validate(m proto.Message, check func(v *violations)) error {
	var v violations
	if field, why, failed := decodeFailure(m); failed {
		v.addInvalid(field, "%s", why)
	} else {
		check(&v)
	}
	return v.err()
}

// articleRequest is what ExtractClaims and stream requests have in common.
type articleRequest interface {
	proto.Message
	GetArticle() *claimsv1.Article
	GetEncodingType() claimsv1.EncodingType
}

// ValidateArticleRequest checks an ExtractClaims request or one message of a
// stream (whose error goes into that article's response, not the stream's status).
func (l Limits) ValidateArticleRequest(r articleRequest) error {
	return validate(r, func(v *violations) {
		l.validateArticle(v, "article", r.GetArticle())
		l.validateEncoding(v, r.GetEncodingType())
	})
}

// ValidateBatch checks a BatchExtractClaims request: every article, the count, the
// total size and that client IDs are unique (claim IDs are built from them).
func (l Limits) ValidateBatch(r *claimsv1.BatchExtractClaimsRequest) error {
	return validate(r, func(v *violations) { l.validateBatch(v, r) })
}

func (l Limits) validateBatch(v *violations, r *claimsv1.BatchExtractClaimsRequest) {
	arts := r.GetArticles()
	count := len(arts)
	if n, counted := markedArticleCount(r); counted { // the codec counted them and did not decode
		count = n
	}
	// Counts and sizes first: they are cheap, and a batch over them is refused
	// whole, so checking its articles one by one would only cost the server time
	// and memory (a million empty articles fit in a few megabytes).
	if count == 0 {
		v.addInvalid("articles", "at least one article is required")
		return
	}
	if count > l.MaxBatchArticles {
		v.addTooLarge("articles", "has %d articles; the limit is %d (use StreamExtractClaims for more)", count, l.MaxBatchArticles)
		return
	}
	total := 0
	for _, a := range arts {
		total += len(a.GetText())
	}
	if total > l.MaxBatchBytes {
		v.addTooLarge("articles", "total text is %d bytes; the limit is %d", total, l.MaxBatchBytes)
		return
	}
	ids := make(articleIDs, len(arts))
	for i, a := range arts {
		p := fmt.Sprintf("articles[%d]", i)
		l.validateArticle(v, p, a)
		if why := ids.add(a.GetId(), i, "articles[%d]"); why != "" {
			v.addInvalid(p+".id", "%s", why)
		}
	}
	l.validateEncoding(v, r.GetEncodingType())
}

// ValidateCompare checks a CompareClaims request.
func (l Limits) ValidateCompare(r *claimsv1.CompareClaimsRequest) error {
	return validate(r, func(v *violations) { l.validateCompare(v, r) })
}

func (l Limits) validateCompare(v *violations, r *claimsv1.CompareClaimsRequest) {
	for _, s := range []struct {
		field string
		st    *claimsv1.Statement
	}{{"first", r.GetFirst()}, {"second", r.GetSecond()}} {
		if s.st == nil {
			v.addInvalid(s.field, "is required")
			continue
		}
		l.validateText(v, s.field+".text", s.st.GetText(), l.MaxStatementBytes)
		if t := s.st.GetTime(); t != nil {
			if err := t.CheckValid(); err != nil {
				v.addInvalid(s.field+".time", "%v", err)
			}
		}
	}
}

func firstInvalidUTF8(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return -1
}

// badIDChar returns the byte offset of the first control character or invalid
// UTF-8 in an ID, or -1: IDs are echoed into claim IDs and logs.
func badIDChar(id string) int {
	if i := firstInvalidUTF8(id); i >= 0 {
		return i
	}
	for i, r := range id {
		if unicode.IsControl(r) {
			return i
		}
	}
	return -1
}

func isEnglish(code string) bool {
	code = strings.ToLower(code)
	return code == "en" || strings.HasPrefix(code, "en-") || strings.HasPrefix(code, "en_")
}
