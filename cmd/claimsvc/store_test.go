package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/store/pgtest"
)

// Monday's and Tuesday's articles, written for these tests: the same minister
// first says the crossing stays closed, a day later that it reopens.
var (
	monday = &claimsv1.Article{
		Id: "mon", Url: "https://news.example/mon", Title: "Border stays shut",
		PublishTime: timestamppb.New(time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)),
		Text:        `Interior Minister Ana Ruiz said on Monday that the border crossing with Valdoria will not reopen this year.`,
	}
	tuesday = &claimsv1.Article{
		Id: "tue", Url: "https://news.example/tue", Title: "Crossing to reopen",
		PublishTime: timestamppb.New(time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)),
		Text:        `Interior Minister Ana Ruiz said on Tuesday that the border crossing with Valdoria will reopen this year.`,
	}
)

// storeServer runs the service in-process with the given store flags and
// returns a client and a stop function (also run when the test ends).
func storeServer(t testing.TB, flags ...string) (claimsv1.ClaimsServiceClient, func()) {
	t.Helper()
	cfg, err := parseConfig(append([]string{"-grpc-addr=127.0.0.1:0", "-http-addr=127.0.0.1:0"}, flags...), func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addrs := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), func(g, _ string) { addrs <- g })
	}()
	var addr string
	select {
	case addr = <-addrs:
	case err := <-done:
		t.Fatalf("server did not start: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("server did not start within 30s")
	}
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		conn.Close()
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server stopped with error: %v", err)
		}
	}
	t.Cleanup(stop)
	return claimsv1.NewClaimsServiceClient(conn), stop
}

func storeArticle(t testing.TB, c claimsv1.ClaimsServiceClient, a *claimsv1.Article) *claimsv1.ArticleResult {
	t.Helper()
	resp, err := c.ExtractClaims(context.Background(), &claimsv1.ExtractClaimsRequest{Article: a, StoreClaims: true})
	if err != nil {
		t.Fatalf("store %s: %v", a.GetId(), err)
	}
	if !resp.GetResult().GetStored() || len(resp.GetResult().GetClaims()) == 0 {
		t.Fatalf("store %s: stored=%v with %d claims", a.GetId(), resp.GetResult().GetStored(), len(resp.GetResult().GetClaims()))
	}
	return resp.GetResult()
}

// checkCrossDay asserts that Tuesday's result links to Monday's stored claim
// and names Monday's article.
func checkCrossDay(t *testing.T, tue *claimsv1.ArticleResult) *claimsv1.ContradictionLink {
	t.Helper()
	for _, l := range tue.GetStoredLinks() {
		sc := l.GetStoredClaim()
		if sc.GetArticleId() != "mon" || !strings.HasPrefix(l.GetOtherClaimId(), "tue#") {
			continue
		}
		if sc.GetArticleUrl() != monday.GetUrl() || !sc.GetPublishTime().AsTime().Equal(monday.GetPublishTime().AsTime()) ||
			!strings.Contains(sc.GetText(), "will not reopen") || sc.GetSpeaker() != "Ana Ruiz" || sc.GetName() != "claims/"+l.GetClaimId() {
			t.Errorf("the stored side of the link is described as %v", sc)
		}
		// links' LinkedClaim ends name both claims, the stored one included.
		if f, s := l.GetFirst(), l.GetSecond(); f.GetArticleId() != "mon" || f.GetArticleUrl() != monday.GetUrl() ||
			!f.GetPublishTime().AsTime().Equal(monday.GetPublishTime().AsTime()) || f.GetText() != sc.GetText() ||
			s.GetArticleId() != "tue" || s.GetArticleUrl() != tuesday.GetUrl() || s.GetClaimId() != l.GetOtherClaimId() {
			t.Errorf("the link's ends are %v and %v", f, s)
		}
		if l.GetRelation() == claimsv1.Relation_RELATION_UNSPECIFIED || l.GetExplanation() == "" {
			t.Errorf("link without relation or explanation: %v", l)
		}
		return l
	}
	t.Fatalf("Tuesday's claims were not linked to Monday's stored claim; stored_links = %v", tue.GetStoredLinks())
	return nil
}

// Two replicas share one PostgreSQL: Monday's article goes to one, Tuesday's to
// the other, which links them and names both articles; the claim store API
// then serves them from either replica, and a retraction removes the link.
func TestStoreTwoReplicasSharePostgres(t *testing.T) {
	pg := pgtest.Start(t)
	url := pg.NewDatabase(t)
	a, _ := storeServer(t, "-store-url="+url)
	b, _ := storeServer(t, "-store-url="+url)
	storeArticle(t, a, monday)
	tue := storeArticle(t, b, tuesday)
	l := checkCrossDay(t, tue)

	ctx := context.Background()
	got, err := a.GetClaim(ctx, &claimsv1.GetClaimRequest{Name: "claims/" + l.GetOtherClaimId()})
	if err != nil {
		t.Fatal(err)
	}
	var both bool
	for _, sl := range got.GetClaim().GetLinks() {
		if sl.GetStoredClaim().GetArticleId() == "mon" && sl.GetOtherStoredClaim().GetArticleId() == "tue" &&
			sl.GetFirst().GetArticleId() == "mon" && sl.GetSecond().GetArticleUrl() == tuesday.GetUrl() {
			both = true
		}
	}
	if got.GetClaim().GetArticleUrl() != tuesday.GetUrl() || !both {
		t.Errorf("GetClaim on the other replica: %v", got.GetClaim())
	}

	list, err := a.ListClaims(ctx, &claimsv1.ListClaimsRequest{Speaker: "Ana Ruiz", Entity: "border", PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.GetClaims()) != 1 || list.GetClaims()[0].GetArticleId() != "tue" || list.GetNextPageToken() == "" {
		t.Fatalf("first page: %v", list)
	}
	list2, err := b.ListClaims(ctx, &claimsv1.ListClaimsRequest{Speaker: "Ana Ruiz", Entity: "border", PageSize: 1, PageToken: list.GetNextPageToken()})
	if err != nil {
		t.Fatal(err)
	}
	if len(list2.GetClaims()) != 1 || list2.GetClaims()[0].GetArticleId() != "mon" {
		t.Fatalf("second page (from the other replica): %v", list2)
	}

	if _, err := b.DeleteArticle(ctx, &claimsv1.DeleteArticleRequest{Name: "articles/mon"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.GetClaim(ctx, &claimsv1.GetClaimRequest{Name: "claims/" + l.GetClaimId()}); status.Code(err) != codes.NotFound {
		t.Errorf("GetClaim of a deleted article's claim: %v, want NOT_FOUND", err)
	}
	got, err = a.GetClaim(ctx, &claimsv1.GetClaimRequest{Name: "claims/" + l.GetOtherClaimId()})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(got.GetClaim().GetLinks()); n != 0 {
		t.Errorf("Tuesday's claim still has %d links after Monday was deleted", n)
	}
	if _, err := a.DeleteArticle(ctx, &claimsv1.DeleteArticleRequest{Name: "articles/mon"}); status.Code(err) != codes.NotFound {
		t.Errorf("second delete: %v, want NOT_FOUND", err)
	}
}

// The embedded store keeps Monday's article across a restart of the one
// process, and Tuesday's article links to it.
func TestStoreEmbeddedAcrossRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "claims.db")
	c, stop := storeServer(t, "-store-path="+path)
	storeArticle(t, c, monday)
	stop()
	c, _ = storeServer(t, "-store-path="+path)
	checkCrossDay(t, storeArticle(t, c, tuesday))
	// Storing Tuesday again replaces it: still one link, no duplicate claims.
	checkCrossDay(t, storeArticle(t, c, tuesday))
	list, err := c.ListClaims(context.Background(), &claimsv1.ListClaimsRequest{ArticleId: "tue"})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(list.GetClaims()); n != 1 {
		t.Errorf("after storing tue twice the store holds %d of its claims, want 1", n)
	}
}

// The store's errors: FAILED_PRECONDITION without a store, INVALID_ARGUMENT with
// field violations for bad names, filters and tokens, NOT_FOUND for absent IDs.
func TestStoreErrors(t *testing.T) {
	ctx := context.Background()
	none, _ := storeServer(t, "-store=none")
	for name, call := range map[string]func() error{
		"extract": func() error {
			_, err := none.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: monday, StoreClaims: true})
			return err
		},
		"get": func() error {
			_, err := none.GetClaim(ctx, &claimsv1.GetClaimRequest{Name: "claims/mon#1"})
			return err
		},
		"list": func() error { _, err := none.ListClaims(ctx, &claimsv1.ListClaimsRequest{}); return err },
		"delete": func() error {
			_, err := none.DeleteArticle(ctx, &claimsv1.DeleteArticleRequest{Name: "articles/mon"})
			return err
		},
		"batch": func() error {
			_, err := none.BatchExtractClaims(ctx, &claimsv1.BatchExtractClaimsRequest{Articles: []*claimsv1.Article{monday}, StoreClaims: true})
			return err
		},
	} {
		if status.Code(call()) != codes.FailedPrecondition {
			t.Errorf("%s without a store: %v, want FAILED_PRECONDITION", name, call())
		}
	}
	if _, err := none.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: monday}); err != nil {
		t.Errorf("extract without store_claims on a server without a store: %v", err)
	}

	c, _ := storeServer(t, "-store-path="+filepath.Join(t.TempDir(), "claims.db"))
	invalid := map[string]struct {
		call  func() error
		field string
	}{
		"no article id": {func() error {
			_, err := c.ExtractClaims(ctx, &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Text: monday.GetText()}, StoreClaims: true})
			return err
		}, "article.id"},
		"batch article without id": {func() error {
			_, err := c.BatchExtractClaims(ctx, &claimsv1.BatchExtractClaimsRequest{Articles: []*claimsv1.Article{monday, {Text: "x said y."}}, StoreClaims: true})
			return err
		}, "articles[1].id"},
		"empty name":       {func() error { _, err := c.GetClaim(ctx, &claimsv1.GetClaimRequest{}); return err }, "name"},
		"wrong collection": {func() error { _, err := c.GetClaim(ctx, &claimsv1.GetClaimRequest{Name: "articles/mon"}); return err }, "name"},
		"delete claim name": {func() error {
			_, err := c.DeleteArticle(ctx, &claimsv1.DeleteArticleRequest{Name: "claims/mon#1"})
			return err
		}, "name"},
		"negative page": {func() error { _, err := c.ListClaims(ctx, &claimsv1.ListClaimsRequest{PageSize: -1}); return err }, "page_size"},
		"bad token":     {func() error { _, err := c.ListClaims(ctx, &claimsv1.ListClaimsRequest{PageToken: "xyz"}); return err }, "page_token"},
		"time range": {func() error {
			_, err := c.ListClaims(ctx, &claimsv1.ListClaimsRequest{StartTime: tuesday.GetPublishTime(), EndTime: monday.GetPublishTime()})
			return err
		}, "end_time"},
		"stopword entity": {func() error { _, err := c.ListClaims(ctx, &claimsv1.ListClaimsRequest{Entity: "the"}); return err }, "entity"},
	}
	for name, tc := range invalid {
		err := tc.call()
		if status.Code(err) != codes.InvalidArgument {
			t.Errorf("%s: %v, want INVALID_ARGUMENT", name, err)
			continue
		}
		if f := strings.Join(fieldViolations(status.Convert(err)), " "); !strings.Contains(f, tc.field) {
			t.Errorf("%s: field violations %q, want %q", name, f, tc.field)
		}
	}
	if _, err := c.GetClaim(ctx, &claimsv1.GetClaimRequest{Name: "claims/absent#1"}); status.Code(err) != codes.NotFound {
		t.Errorf("absent claim: %v, want NOT_FOUND", err)
	}
	if _, err := c.DeleteArticle(ctx, &claimsv1.DeleteArticleRequest{Name: "articles/absent"}); status.Code(err) != codes.NotFound {
		t.Errorf("absent article: %v, want NOT_FOUND", err)
	}
}
