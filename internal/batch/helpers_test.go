package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/claimsvc/claimsvc/internal/pipeline"
	"github.com/claimsvc/claimsvc/internal/server"
)

// sentences are synthetic article sentences written for these tests (not seed
// text): attributed, hedged and plain statements, two of which oppose each other.
var sentences = []string{
	"The spokesman said the border crossing at Rafah is open to aid trucks.",
	"Analysts said wheat prices could rise sharply in May.",
	"The coach said the team will play on Sunday.",
	"Officials said the new bridge would reopen next week.",
	"According to the ministry, 42 people were injured in the storm.",
	"The mayor told reporters that the water supply is safe.",
	"Egyptian officials said the border crossing at Rafah is closed to aid trucks.",
}

// article is a small synthetic article: a few of the sentences, varied by n.
func article(n int) string {
	var b strings.Builder
	for k := range 3 {
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(sentences[(n+2*k)%len(sentences)])
	}
	return b.String()
}

// jsonl renders articles as input lines.
func jsonl(t *testing.T, ins ...Input) string {
	t.Helper()
	var b strings.Builder
	for _, in := range ins {
		line, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

func newPipeline(t *testing.T) *pipeline.Pipeline {
	t.Helper()
	p, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func local(p *pipeline.Pipeline, workers int) Local {
	return Local{Pipe: p, Limits: server.DefaultLimits(), Workers: workers, LinkWindow: 50000}
}

// record is an output line as a test reads it back.
type record struct {
	Line   int64  `json:"line"`
	ID     string `json:"id"`
	Claims []struct {
		ID   string `json:"id"`
		Text string `json:"text"`
		Span struct {
			Start, End int
		} `json:"span"`
	} `json:"claims"`
	Links             []json.RawMessage `json:"links"`
	CrossArticleLinks []struct {
		ClaimID      string `json:"claimId"`
		OtherClaimID string `json:"otherClaimId"`
	} `json:"crossArticleLinks"`
	Error *ErrorRecord `json:"error"`
}

// records parses output, failing the test on any line that is not a record.
func records(t *testing.T, out []byte) []record {
	t.Helper()
	var recs []record
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("output line %d is not JSON: %v: %.200s", len(recs)+1, err, sc.Bytes())
		}
		recs = append(recs, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return recs
}

// runAll runs input through be and returns the output.
func runAll(t *testing.T, be Backend, cfg Config, input string) ([]byte, Summary) {
	t.Helper()
	if cfg.Window == 0 {
		cfg.Window = 8
	}
	if cfg.MaxLineBytes == 0 {
		cfg.MaxLineBytes = 1 << 20
	}
	var out bytes.Buffer
	sum, err := Run(context.Background(), strings.NewReader(input), &out, be, cfg)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return out.Bytes(), sum
}

func ids(recs []record) string {
	s := make([]string, len(recs))
	for i, r := range recs {
		s[i] = fmt.Sprintf("%d:%s", r.Line, r.ID)
	}
	return strings.Join(s, " ")
}
