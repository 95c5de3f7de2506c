package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// The tests in this file replay what hostile clients did to a default server
// (issue 18); each failed before the fix it guards.

// TestIDCollisions: an article without an ID is named by its position, so a
// client ID equal to another article's position collides with it. That is the
// client's mistake, answered INVALID_ARGUMENT naming the field, not a 500.
func TestIDCollisions(t *testing.T) {
	conn, base := testServer(t, nil)
	client := claimsv1.NewClaimsServiceClient(conn)
	const text = "Officials said the talks may resume next month."
	cases := []struct {
		name  string
		arts  []*claimsv1.Article
		field string
	}{
		{"client id is an earlier position", []*claimsv1.Article{{Text: text}, {Id: "0", Text: text}}, "articles[1].id"},
		{"position is an earlier client id", []*claimsv1.Article{{Id: "1", Text: text}, {Text: text}}, "articles[1].id"},
	}
	for _, tt := range cases {
		t.Run(tt.name+" REST", func(t *testing.T) {
			var parts []string
			for _, a := range tt.arts {
				if a.Id != "" {
					parts = append(parts, `{"id":"`+a.Id+`","text":"`+a.Text+`"}`)
				} else {
					parts = append(parts, `{"text":"`+a.Text+`"}`)
				}
			}
			resp, err := http.Post(base+"/v1/claims:batchExtract", "application/json", strings.NewReader(`{"articles":[`+strings.Join(parts, ",")+`]}`))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 400 || !bytes.Contains(b, []byte(`"field":"`+tt.field+`"`)) {
				t.Fatalf("HTTP %d %s, want 400 naming %s", resp.StatusCode, b, tt.field)
			}
		})
		t.Run(tt.name+" gRPC", func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			_, err := client.BatchExtractClaims(ctx, &claimsv1.BatchExtractClaimsRequest{Articles: tt.arts})
			st := status.Convert(err)
			if st.Code() != codes.InvalidArgument || !contains(fieldViolations(st), tt.field) {
				t.Fatalf("got %v %v, want INVALID_ARGUMENT naming %s", st.Code(), fieldViolations(st), tt.field)
			}
		})
		t.Run(tt.name+" stream", func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			stream, err := client.StreamExtractClaims(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range tt.arts {
				if err := stream.Send(&claimsv1.StreamExtractClaimsRequest{Article: a}); err != nil {
					t.Fatal(err)
				}
			}
			_ = stream.CloseSend()
			got := map[int32]*claimsv1.StreamExtractClaimsResponse{}
			for range tt.arts {
				r, err := stream.Recv()
				if err != nil {
					t.Fatal(err)
				}
				got[r.GetInputIndex()] = r
			}
			if got[0].GetError() != nil {
				t.Errorf("first article: %v", got[0].GetError())
			}
			st := status.FromProto(got[1].GetError())
			if st.Code() != codes.InvalidArgument || !contains(fieldViolations(st), "article.id") {
				t.Errorf("second article: %v %v, want INVALID_ARGUMENT naming article.id", st.Code(), fieldViolations(st))
			}
		})
	}
}

// TestHugeBadBatchSparesOthers sends a batch of a million empty articles (a
// 3 MB body) over REST while another client makes ordinary REST calls. The
// batch is refused by its count alone (413 with a small body), and every
// unrelated call succeeds: before, the million field violations made a 22 MB
// error that broke the gateway's shared gRPC connection (503 for everyone).
func TestHugeBadBatchSparesOthers(t *testing.T) {
	_, base := testServer(t, nil)
	var b strings.Builder
	b.WriteString(`{"articles":[{}`)
	for range 999_999 {
		b.WriteString(",{}")
	}
	b.WriteString("]}")
	httpc := &http.Client{Timeout: 60 * time.Second}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	others := map[int]int{}
	other := `{"article":{"text":"` + strings.Repeat("Officials said the talks may resume. ", 200) + `"}}` // calls long enough to be in flight
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			callUntil(httpc, base+"/v1/claims:extract", other, stop, &mu, others)
		}()
	}
	resp, err := httpc.Post(base+"/v1/claims:batchExtract", "application/json", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	time.Sleep(100 * time.Millisecond)
	close(stop)
	wg.Wait()
	if resp.StatusCode != 413 || len(body) > 64<<10 || !bytes.Contains(body, []byte(`"field":"articles"`)) {
		t.Errorf("huge batch: HTTP %d with a %d-byte body %.300s; want 413 naming articles, under 64 KB", resp.StatusCode, len(body), body)
	}
	t.Logf("concurrent calls by status: %v", others)
	for code, n := range others {
		if code != 200 {
			t.Errorf("%d unrelated REST calls got %d during the huge batch", n, code)
		}
	}
}

// callUntil posts body to url until stop is closed, counting replies by status
// (0: the call failed).
func callUntil(c *http.Client, url, body string, stop <-chan struct{}, mu *sync.Mutex, counts map[int]int) {
	for {
		resp, err := c.Post(url, "application/json", strings.NewReader(body))
		code := 0
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			code = resp.StatusCode
		}
		mu.Lock()
		counts[code]++
		mu.Unlock()
		select {
		case <-stop:
			return
		case <-time.After(5 * time.Millisecond):
		}
	}
}
