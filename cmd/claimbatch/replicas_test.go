package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/pipeline"
	"github.com/claimsvc/claimsvc/internal/server"
	"github.com/claimsvc/claimsvc/internal/store"
	"github.com/claimsvc/claimsvc/internal/store/pgtest"
)

// countingService is the real service, counting the streams it is given.
type countingService struct {
	*server.Service
	streams atomic.Int32
}

func (c *countingService) StreamExtractClaims(s claimsv1.ClaimsService_StreamExtractClaimsServer) error {
	c.streams.Add(1)
	return c.Service.StreamExtractClaims(s)
}

// replica starts one claimsvc replica on a loopback port over its own
// connection to the shared store.
func replica(t *testing.T, p *pipeline.Pipeline, open func() (store.Store, error)) (*countingService, string) {
	t.Helper()
	st, err := open()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	svc := server.NewService(p, server.DefaultLimits(), server.StreamOptions{Workers: 2}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	svc.UseStore(st)
	c := &countingService{Service: svc}
	s := grpc.NewServer()
	claimsv1.RegisterClaimsServiceServer(s, c)
	healthpb.RegisterHealthServer(s, health.NewServer())
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve(lis)
	t.Cleanup(s.Stop)
	return c, lis.Addr().String()
}

// twoReplicas runs a job over two replicas sharing one store: the streams go
// one to each, every article is stored once, and a second job's article sent
// the next day links to a claim the first job stored through either replica.
func twoReplicas(t *testing.T, open func() (store.Store, error)) {
	p, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	a, addrA := replica(t, p, open)
	b, addrB := replica(t, p, open)
	in, ids := writeInput(t, 60)
	var monday bytes.Buffer
	monday.WriteString(`{"id":"mon","url":"https://news.example/mon","published":"2026-11-30T08:00:00Z","text":"Interior Minister Ana Ruiz said on Monday that the border crossing with Valdoria will not reopen this year."}` + "\n")
	data, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	monday.Write(data)
	if err := os.WriteFile(in, monday.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ids = append([]string{"mon"}, ids...)

	out := filepath.Join(t.TempDir(), "out.jsonl")
	var stderr bytes.Buffer
	args := []string{"-server", addrA + "," + addrB, "-store-claims", "-progress", "never", "-o", out, in}
	if code := dispatch(context.Background(), args, nil, io.Discard, &stderr); code != 0 {
		t.Fatalf("claimbatch exited %d: %s", code, stderr.String())
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	checkOutput(t, got, ids)
	if a.streams.Load() != 1 || b.streams.Load() != 1 {
		t.Errorf("streams per replica: %d and %d, want 1 and 1 (round robin)", a.streams.Load(), b.streams.Load())
	}
	st, err := open()
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, id := range []string{"mon", ids[1], ids[len(ids)-1]} {
		if cs, _, err := st.ListClaims(context.Background(), store.Filter{ArticleID: id}, 10, ""); err != nil || len(cs) == 0 {
			t.Errorf("article %s is not in the shared store (%v)", id, err)
		}
	}

	tue := filepath.Join(t.TempDir(), "tue.jsonl")
	os.WriteFile(tue, []byte(`{"id":"tue","published":"2026-12-01T08:00:00Z","text":"Interior Minister Ana Ruiz said on Tuesday that the border crossing with Valdoria will reopen this year."}`+"\n"), 0o644)
	var res bytes.Buffer
	args = []string{"-server", addrB + "," + addrA, "-store-claims", "-progress", "never", tue}
	if code := dispatch(context.Background(), args, nil, &res, &stderr); code != 0 {
		t.Fatalf("claimbatch exited %d: %s", code, stderr.String())
	}
	var rec struct {
		StoredLinks []struct {
			ClaimID     string `json:"claimId"`
			StoredClaim struct {
				ArticleID  string `json:"articleId"`
				ArticleURL string `json:"articleUrl"`
			} `json:"storedClaim"`
		} `json:"storedLinks"`
	}
	if err := json.Unmarshal(res.Bytes(), &rec); err != nil {
		t.Fatalf("%v: %s", err, res.String())
	}
	if len(rec.StoredLinks) == 0 || rec.StoredLinks[0].StoredClaim.ArticleID != "mon" || rec.StoredLinks[0].StoredClaim.ArticleURL != "https://news.example/mon" {
		t.Errorf("Tuesday's article did not link to Monday's through the shared store: %s", res.String())
	}
	if !strings.Contains(stderr.String(), "to stored claims") {
		t.Errorf("summary does not count the stored links: %s", stderr.String())
	}
}

func TestTwoReplicasShareEmbeddedStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "claims.db")
	twoReplicas(t, func() (store.Store, error) { return store.OpenSQLite(context.Background(), path) })
}

func TestTwoReplicasSharePostgres(t *testing.T) {
	url := pgtest.Start(t).NewDatabase(t)
	twoReplicas(t, func() (store.Store, error) { return store.OpenPostgres(context.Background(), url) })
}
