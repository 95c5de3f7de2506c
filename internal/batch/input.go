package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// Input is the JSON object expected on each input line. Only text is required;
// fields not named here are ignored, so lines may carry the caller's own metadata.
type Input struct {
	ID        string `json:"id,omitempty"`
	Text      string `json:"text"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"` // RFC 3339, e.g. "2024-05-01T12:00:00Z"
	Language  string `json:"language,omitempty"`  // BCP-47, e.g. "en"
	// ContentType is "text/plain" (the default) or "text/html": text is then a
	// web page, read for its main body and metadata.
	ContentType string `json:"content_type,omitempty"`
	// HTML is a web page, instead of text: {"html": "<!DOCTYPE html>…"} is
	// {"text": "<!DOCTYPE html>…", "content_type": "text/html"}.
	HTML string `json:"html,omitempty"`
}

// lineReader splits input into lines without ever holding more than max bytes
// of one: a longer line is skipped to its end and reported, not buffered.
type lineReader struct {
	r   *bufio.Reader
	max int
	buf []byte
}

func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10), max: max}
}

// next returns the next line without its "\n" (or "\r\n"), the number of input
// bytes it took, and whether it was over the limit (then line is nil). It
// returns io.EOF after the last line; a last line without a newline counts.
// line is valid until the next call.
func (lr *lineReader) next() (line []byte, size int, tooLong bool, err error) {
	lr.buf = lr.buf[:0]
	for {
		chunk, err := lr.r.ReadSlice('\n')
		size += len(chunk)
		if !tooLong {
			if len(lr.buf)+len(chunk) > lr.max+2 { // +2: the line ending is not content
				tooLong = true
				lr.buf = lr.buf[:0]
			} else {
				lr.buf = append(lr.buf, chunk...)
			}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && size > 0:
			return lr.finish(size, tooLong)
		case err != nil:
			return nil, size, false, err
		}
		return lr.finish(size, tooLong)
	}
}

func (lr *lineReader) finish(size int, tooLong bool) ([]byte, int, bool, error) {
	if tooLong {
		return nil, size, true, nil
	}
	line := bytes.TrimSuffix(lr.buf, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) > lr.max {
		return nil, size, true, nil
	}
	return line, size, false, nil
}

// parseLine turns one input line into an API article. The article's ID is the
// line's "id", or the line number when it has none, so claim IDs stay unique
// across the whole input and across a resumed run. A line that is not a JSON
// object of the expected shape yields an INVALID_ARGUMENT status naming the
// problem; the id is returned when it could be read.
func parseLine(line []byte, num int64) (*claimsv1.Article, string, error) {
	if i := firstInvalidUTF8(line); i >= 0 {
		// encoding/json would silently replace the bad bytes, and every span
		// would then point into text the client never sent.
		id := idOf(line) // decoding replaces bad bytes: trust only an ID that had none
		if strings.ContainsRune(id, utf8.RuneError) {
			id = ""
		}
		return nil, id, lineError("", "line is not valid UTF-8 (first bad byte at offset %d); JSON Lines input must be UTF-8", i)
	}
	trimmed := bytes.TrimSpace(line)
	if len(trimmed) == 0 {
		return nil, "", lineError("", "line is empty; every line must be a JSON object with at least \"text\"")
	}
	if trimmed[0] != '{' {
		return nil, "", lineError("", "line is not a JSON object")
	}
	in, err := readInput(trimmed)
	if err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			id := idOf(trimmed)
			return nil, id, lineError(typeErr.Field, "must be a string, not a JSON %s", typeErr.Value)
		}
		return nil, "", lineError("", "line is not valid JSON: %v", err)
	}
	id := in.ID
	if id == "" {
		id = strconv.FormatInt(num, 10)
	}
	a := &claimsv1.Article{Id: id, Text: in.Text, Title: in.Title, Url: in.URL, LanguageCode: in.Language}
	switch ct := strings.ToLower(strings.TrimSpace(in.ContentType)); {
	case in.HTML != "" && in.Text != "":
		return nil, id, lineError("html", "give the page in \"html\" or the text in \"text\", not both")
	case in.HTML != "" && ct != "" && ct != "text/html" && ct != "html":
		return nil, id, lineError("content_type", "%q contradicts \"html\"; leave it out or use \"text/html\"", in.ContentType)
	case in.HTML != "":
		a.Text, a.ContentType = in.HTML, claimsv1.ContentType_CONTENT_TYPE_TEXT_HTML
	case ct == "" || ct == "text/plain" || ct == "plain":
	case ct == "text/html" || ct == "html":
		a.ContentType = claimsv1.ContentType_CONTENT_TYPE_TEXT_HTML
	default:
		return nil, id, lineError("content_type", "%q is not supported; use \"text/plain\" or \"text/html\"", in.ContentType)
	}
	if in.Published != "" {
		t, err := time.Parse(time.RFC3339, in.Published)
		if err != nil {
			return nil, id, lineError("published", "%q is not an RFC 3339 time such as \"2024-05-01T12:00:00Z\"", in.Published)
		}
		a.PublishTime = timestamppb.New(t)
	}
	return a, id, nil
}

// readInput decodes a line's object: decodeInput for the usual shape, else
// encoding/json.
func readInput(b []byte) (Input, error) {
	if in, ok := decodeInput(b); ok {
		return in, nil
	}
	var in Input
	err := json.Unmarshal(b, &in)
	return in, err
}

// idOf reads just the id of a line whose other fields did not decode.
func idOf(line []byte) string {
	var v struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(line, &v) != nil {
		return ""
	}
	var id string
	if json.Unmarshal(v.ID, &id) != nil {
		return ""
	}
	return id
}

// lineError is an INVALID_ARGUMENT status about the input line itself, with a
// field violation when one field is to blame, shaped like the server's.
func lineError(field, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if field != "" {
		msg = field + ": " + msg
	}
	st := status.New(codes.InvalidArgument, "invalid input line: "+msg)
	if field != "" {
		if d, err := st.WithDetails(&errdetails.BadRequest{FieldViolations: []*errdetails.BadRequest_FieldViolation{
			{Field: field, Description: fmt.Sprintf(format, args...)},
		}}); err == nil {
			st = d
		}
	}
	return st.Err()
}

// tooLongError reports a line over the size cap, which is skipped unread.
func tooLongError(size, max int) error {
	return status.Errorf(codes.ResourceExhausted, "input line too large: %d bytes; the limit is %d (-max-line-bytes)", size, max)
}

func firstInvalidUTF8(b []byte) int {
	if utf8.Valid(b) { // most lines: one fast pass
		return -1
	}
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}
