package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/server"
)

// TestRunLine checks what each kind of input line becomes: every line gets
// exactly one record naming it, bad lines get an error with the right code and
// the run goes on.
func TestRunLine(t *testing.T) {
	p := newPipeline(t)
	const text = "The mayor told reporters that the water supply is safe."
	good := `{"id":"ok","text":"` + text + `"}`
	tests := []struct {
		name     string
		line     string
		wantID   string
		wantCode string // "" for a result
		field    string // a field violation that must be named
		claims   bool   // at least one claim expected
	}{
		{"valid article", good, "ok", "", "", true},
		{"no id: named by its line number", `{"text":"The mayor told reporters that the water supply is safe."}`, "2", "", "", true},
		{"all fields", `{"id":"full","text":"The mayor said the water supply is safe.","title":"Water","url":"https://example.com/w","published":"2024-05-01T12:00:00+02:00","language":"en-GB"}`, "full", "", "", true},
		{"unknown fields ignored", `{"id":"extra","text":"The mayor said the water supply is safe.","source":{"feed":7}}`, "extra", "", "", true},
		{"CRLF line ending", `{"id":"crlf","text":"` + text + `"}` + "\r", "crlf", "", "", true},
		{"whitespace-only text is a valid empty result", `{"id":"ws","text":"   \n\t "}`, "ws", "", "", false},
		{"malformed JSON", `{"id":"m","text":"unterminated`, "", "INVALID_ARGUMENT", "", false},
		{"trailing garbage", good + ` x`, "", "INVALID_ARGUMENT", "", false},
		{"blank line", ``, "", "INVALID_ARGUMENT", "", false},
		{"not an object", `["text"]`, "", "INVALID_ARGUMENT", "", false},
		{"null", `null`, "", "INVALID_ARGUMENT", "", false},
		{"empty text", `{"id":"e","text":""}`, "e", "INVALID_ARGUMENT", "article.text", false},
		{"missing text", `{"id":"mt"}`, "mt", "INVALID_ARGUMENT", "article.text", false},
		{"invalid UTF-8 in text", "{\"id\":\"u\",\"text\":\"caf\xe9 said it\"}", "u", "INVALID_ARGUMENT", "", false},
		{"id is a number", `{"id":7,"text":"x"}`, "", "INVALID_ARGUMENT", "id", false},
		{"text is an object", `{"id":"to","text":{"a":1}}`, "to", "INVALID_ARGUMENT", "text", false},
		{"bad published time", `{"id":"t","text":"x said y.","published":"May 1"}`, "t", "INVALID_ARGUMENT", "published", false},
		{"non-English language", `{"id":"fr","text":"Le maire a dit que l'eau est potable.","language":"fr"}`, "fr", "INVALID_ARGUMENT", "article.language_code", false},
		{"control character in id", `{"id":"a\u0007b","text":"x said y."}`, "a\u0007b", "INVALID_ARGUMENT", "article.id", false},
		{"repeated id", `{"id":"first","text":"The mayor said so."}`, "first", "INVALID_ARGUMENT", "id", false},
		{"text over the article limit", `{"id":"big","text":"` + strings.Repeat("a", 2000) + `"}`, "big", "RESOURCE_EXHAUSTED", "article.text", false},
		{"line over the line limit", `{"id":"huge","text":"` + strings.Repeat("b", 5000) + `"}`, "", "RESOURCE_EXHAUSTED", "", false},
		{"web page in html", `{"id":"page","html":` + quoteJSON(testPage) + `}`, "page", "", "", true},
		{"web page in text with content_type", `{"id":"page2","text":` + quoteJSON(testPage) + `,"content_type":"text/html"}`, "page2", "", "", true},
		{"both html and text", `{"id":"both","text":"x said y.","html":"<p>x</p>"}`, "both", "INVALID_ARGUMENT", "html", false},
		{"unknown content type", `{"id":"ct","text":"x said y.","content_type":"application/pdf"}`, "ct", "INVALID_ARGUMENT", "content_type", false},
	}
	limits := server.DefaultLimits()
	limits.MaxArticleBytes = 1000
	be := Local{Pipe: p, Limits: limits, Workers: 2}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The good line first, so "repeated id" has something to repeat and
			// every case also shows the run going on around it.
			input := `{"id":"first","text":"` + text + `"}` + "\n" + tt.line + "\n" + `{"id":"after","text":"` + text + `"}` + "\n"
			out, sum := runAll(t, be, Config{MaxLineBytes: 4096}, input)
			recs := records(t, out)
			if len(recs) != 3 {
				t.Fatalf("got %d records for 3 lines: %s", len(recs), out)
			}
			for i, r := range recs {
				if r.Line != int64(i+1) {
					t.Fatalf("record %d answers line %d", i+1, r.Line)
				}
			}
			if recs[0].Error != nil || recs[2].Error != nil || recs[2].ID != "after" {
				t.Errorf("lines around the case did not go on: %s", out)
			}
			r := recs[1]
			if r.ID != tt.wantID {
				t.Errorf("id = %q, want %q", r.ID, tt.wantID)
			}
			gotCode := ""
			if r.Error != nil {
				gotCode = r.Error.Code
				if r.Error.Message == "" {
					t.Error("error record without a message")
				}
			}
			if gotCode != tt.wantCode {
				t.Fatalf("code = %q, want %q (record %+v)", gotCode, tt.wantCode, r.Error)
			}
			if tt.field != "" && !namesField(r.Error, tt.field) {
				t.Errorf("field violations %+v do not name %q", r.Error.FieldViolations, tt.field)
			}
			if tt.claims != (len(r.Claims) > 0) {
				t.Errorf("claims = %d, want some: %v", len(r.Claims), tt.claims)
			}
			if wantErrs := int64(0); tt.wantCode != "" {
				wantErrs = 1
				if sum.Errors != wantErrs || sum.ErrorsByCode[tt.wantCode] != 1 || sum.Articles != 2 {
					t.Errorf("summary %+v, want 2 articles and 1 %s", sum, tt.wantCode)
				}
			}
		})
	}
}

// testPage is a small news page written for these tests.
const testPage = `<html><head><title>Water safe, mayor says</title><meta property="og:site_name" content="Test Gazette"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Water safe, mayor says</h1>
<p>The mayor told reporters on Monday that the water supply is safe after the storm damaged two pumping stations in the north of the city.</p>
<p>Engineers said the pumps would be repaired within a week, and the city will test the water every day until then.</p>
</article><footer>Contact us</footer></body></html>`

func quoteJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func namesField(e *ErrorRecord, field string) bool {
	if e == nil {
		return false
	}
	for _, v := range e.FieldViolations {
		if v.Field == field {
			return true
		}
	}
	return false
}

// TestRunSpansSliceInput checks, through the whole path, that each claim's
// span slices the article text exactly as given, in every offset encoding.
func TestRunSpansSliceInput(t *testing.T) {
	p := newPipeline(t)
	text := "« Déjà vu », the minister said — the café 🍵 will reopen next week. Officials said the café remains closed."
	for _, enc := range []string{"utf8", "utf16", "utf32"} {
		t.Run(enc, func(t *testing.T) {
			be := local(p, 1)
			be.Encoding = map[string]claimsv1.EncodingType{
				"utf8":  claimsv1.EncodingType_ENCODING_TYPE_UTF8,
				"utf16": claimsv1.EncodingType_ENCODING_TYPE_UTF16,
				"utf32": claimsv1.EncodingType_ENCODING_TYPE_UTF32,
			}[enc]
			out, _ := runAll(t, be, Config{}, jsonl(t, Input{ID: "x", Text: text}))
			recs := records(t, out)
			if len(recs) != 1 || len(recs[0].Claims) == 0 {
				t.Fatalf("want one record with claims: %s", out)
			}
			for _, c := range recs[0].Claims {
				if got := slice(text, enc, c.Span.Start, c.Span.End); got != c.Text {
					t.Errorf("%s span [%d,%d) slices %q, claim text %q", enc, c.Span.Start, c.Span.End, got, c.Text)
				}
			}
		})
	}
}

// slice cuts text at offsets in the given unit.
func slice(text, enc string, start, end int) string {
	switch enc {
	case "utf16":
		u := utf16.Encode([]rune(text))
		if start < 0 || end > len(u) || start > end {
			return "<out of range>"
		}
		return string(utf16.Decode(u[start:end]))
	case "utf32":
		r := []rune(text)
		if start < 0 || end > len(r) || start > end {
			return "<out of range>"
		}
		return string(r[start:end])
	}
	if start < 0 || end > len(text) || start > end {
		return "<out of range>"
	}
	return text[start:end]
}

// TestRunOrderAndSummary runs many articles with several workers and a small
// window: the output is in input order whatever finishes first, and the
// summary's counts are those of the records written.
func TestRunOrderAndSummary(t *testing.T) {
	p := newPipeline(t)
	const n = 120
	var ins []Input
	for i := range n {
		ins = append(ins, Input{ID: fmt.Sprintf("art-%03d", i), Text: article(i)})
	}
	input := jsonl(t, ins...)
	// A few bad lines mixed in.
	input = strings.Replace(input, `{"id":"art-010"`, `{"id":"art-010","published":"soon"`, 1)
	input = strings.Replace(input, `"id":"art-050","text":"`, `"id":"art-050","text":"","x":"`, 1)
	input += "{oops\n"
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			out, sum := runAll(t, local(p, workers), Config{Window: 2 * workers}, input)
			recs := records(t, out)
			if len(recs) != n+1 {
				t.Fatalf("%d records for %d lines", len(recs), n+1)
			}
			var claims, links, cross, errs int64
			for i, r := range recs {
				if r.Line != int64(i+1) {
					t.Fatalf("record %d answers line %d: out of order", i+1, r.Line)
				}
				if i < n && r.ID != ins[i].ID {
					t.Fatalf("line %d has id %q, want %q", i+1, r.ID, ins[i].ID)
				}
				if r.Error != nil {
					errs++
				}
				claims += int64(len(r.Claims))
				links += int64(len(r.Links))
				cross += int64(len(r.CrossArticleLinks))
			}
			if errs != 3 || recs[10].Error == nil || recs[50].Error == nil || recs[n].Error == nil {
				t.Errorf("want errors on lines 11, 51 and %d only; got %d errors", n+1, errs)
			}
			want := Summary{Lines: n + 1, Articles: n - 2, Errors: 3, Claims: claims, Links: links, CrossLinks: cross, LastLine: n + 1, InputBytes: int64(len(input))}
			got := sum
			got.ErrorsByCode, got.Elapsed = nil, 0
			if !reflect.DeepEqual(got, want) || sum.ErrorsByCode["INVALID_ARGUMENT"] != 3 {
				t.Errorf("summary\n got %+v\nwant %+v", got, want)
			}
			if claims == 0 || cross == 0 {
				t.Errorf("claims %d, cross-article links %d: want some of both from these articles", claims, cross)
			}
		})
	}
}

// TestRunSameAtAnyConcurrency checks that the output, cross-article links
// included, is the same byte for byte whatever the number of workers: articles
// of very different lengths finish out of order, yet enter the cross-article
// index in input order, also across the window's index generations.
func TestRunSameAtAnyConcurrency(t *testing.T) {
	p := newPipeline(t)
	var ins []Input
	for i := range 60 {
		text := article(i)
		if i%5 == 0 { // long ones take longer, so later short ones overtake them
			text = strings.Repeat(text+" ", 40)
		}
		ins = append(ins, Input{ID: fmt.Sprintf("art-%02d", i), Text: text})
	}
	input := jsonl(t, ins...)
	for _, window := range []int{0, 60} {
		t.Run(fmt.Sprintf("window=%d", window), func(t *testing.T) {
			run := func(workers int) []byte {
				be := local(p, workers)
				be.LinkWindow = window
				out, sum := runAll(t, be, Config{Window: 4 * workers}, input)
				if sum.CrossLinks == 0 {
					t.Fatalf("workers=%d: no cross-article links; the test needs some", workers)
				}
				return out
			}
			want := run(1)
			for round := range 3 {
				if got := run(4); !bytes.Equal(got, want) {
					t.Fatalf("round %d: output with 4 workers differs from 1 worker's", round)
				}
			}
		})
	}
}

// TestRunLinkWindow checks that cross-article links reach earlier articles
// within the window and no further.
func TestRunLinkWindow(t *testing.T) {
	p := newPipeline(t)
	input := jsonl(t,
		Input{ID: "open", Text: "The spokesman said the border crossing at Rafah is open to aid trucks."},
		Input{ID: "f1", Text: "Analysts said wheat prices rose sharply in May."},
		Input{ID: "f2", Text: "The mayor told reporters that the water supply is safe."},
		Input{ID: "closed", Text: "Egyptian officials said the border crossing at Rafah is closed to aid trucks."},
	)
	tests := []struct {
		window int
		link   bool
	}{{0, true}, {100, true}, {2, false}}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("window=%d", tt.window), func(t *testing.T) {
			be := local(p, 1)
			be.LinkWindow = tt.window
			out, _ := runAll(t, be, Config{}, input)
			recs := records(t, out)
			linked := false
			for _, l := range recs[3].CrossArticleLinks {
				if strings.HasPrefix(l.ClaimID, "open#") && strings.HasPrefix(l.OtherClaimID, "closed#") {
					linked = true
				}
			}
			if linked != tt.link {
				t.Errorf("open→closed cross link = %v, want %v (%s)", linked, tt.link, out)
			}
		})
	}
}

// TestRunCancelled cancels a run midway: Run reports it, and the output holds
// only complete records for a prefix of the input, which resume relies on.
func TestRunCancelled(t *testing.T) {
	p := newPipeline(t)
	var ins []Input
	for i := range 400 {
		ins = append(ins, Input{ID: fmt.Sprintf("c%d", i), Text: article(i)})
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := &cancelAfter{n: 5, cancel: cancel}
	sum, err := Run(ctx, strings.NewReader(jsonl(t, ins...)), w, local(p, 2), Config{Window: 8, MaxLineBytes: 1 << 20})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	recs := records(t, w.buf.Bytes())
	if len(recs) == 0 || len(recs) >= len(ins) || int64(len(recs)) != sum.LastLine {
		t.Fatalf("%d records, summary says up to line %d: want a strict, complete prefix", len(recs), sum.LastLine)
	}
	for i, r := range recs {
		if r.Line != int64(i+1) || r.ID != ins[i].ID || r.Error != nil {
			t.Fatalf("record %d = line %d id %q error %v", i+1, r.Line, r.ID, r.Error)
		}
	}
}

// cancelAfter is an output that cancels the run once n writes have happened.
type cancelAfter struct {
	buf    bytes.Buffer
	n      int
	cancel func()
}

func (c *cancelAfter) Write(b []byte) (int, error) {
	if c.n--; c.n == 0 {
		c.cancel()
	}
	return c.buf.Write(b)
}

// TestRunOutputFails checks that a failing output (disk full) ends the run with
// an error rather than hanging or dropping lines silently.
func TestRunOutputFails(t *testing.T) {
	p := newPipeline(t)
	var ins []Input
	for i := range 100 {
		ins = append(ins, Input{ID: fmt.Sprintf("w%d", i), Text: article(i)})
	}
	done := make(chan error, 1)
	go func() {
		_, err := Run(context.Background(), strings.NewReader(jsonl(t, ins...)), failingWriter{}, local(p, 2), Config{Window: 4, MaxLineBytes: 1 << 20})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, errDiskFull) {
			t.Fatalf("err = %v, want the write error", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run hung after the output failed")
	}
}

var errDiskFull = errors.New("no space left on device")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

// TestLineReader checks line splitting at the edges: no final newline, CRLF,
// empty lines, and lines over the cap, which are skipped without being held.
func TestLineReader(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		max   int
		lines []string // "<long>" for a line over the cap
	}{
		{"empty input", "", 10, nil},
		{"final newline", "a\nb\n", 10, []string{"a", "b"}},
		{"no final newline", "a\nb", 10, []string{"a", "b"}},
		{"CRLF", "a\r\nb\r\n", 10, []string{"a", "b"}},
		{"blank lines count", "\n\na\n", 10, []string{"", "", "a"}},
		{"exactly the cap", "12345\n", 5, []string{"12345"}},
		{"over the cap", "123456\nok\n", 5, []string{"<long>", "ok"}},
		{"far over the cap, past the read buffer", strings.Repeat("x", 200000) + "\nok", 5, []string{"<long>", "ok"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lr := newLineReader(strings.NewReader(tt.in), tt.max)
			var got []string
			total := 0
			for {
				line, size, long, err := lr.next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				total += size
				if long {
					got = append(got, "<long>")
				} else {
					got = append(got, string(line))
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.lines) || len(got) != len(tt.lines) {
				t.Errorf("lines %q, want %q", got, tt.lines)
			}
			if total != len(tt.in) {
				t.Errorf("sizes add up to %d, input is %d bytes", total, len(tt.in))
			}
		})
	}
}
