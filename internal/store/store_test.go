package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/store"
	"github.com/claimsvc/claimsvc/internal/store/pgtest"
)

// eachBackend runs f against each backend. PostgreSQL starts once per call,
// owned by t, and every subtest gets its own database.
func eachBackend(t *testing.T, f func(t *testing.T, open func(t *testing.T) store.Store)) {
	var pg *pgtest.Server
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			open := func(t *testing.T) store.Store {
				if name == "sqlite" {
					s, err := store.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "claims.db"))
					if err != nil {
						t.Fatal(err)
					}
					t.Cleanup(func() { s.Close() })
					return s
				}
				if pg == nil {
					pg = pgtest.Start(t)
				}
				s, err := store.OpenPostgres(context.Background(), pg.NewDatabase(t))
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				return s
			}
			f(t, open)
		})
	}
}

func mkClaim(article string, n int, speaker, text string, keys ...string) store.Claim {
	return store.Claim{Claim: claim.Claim{
		ID: fmt.Sprintf("%s#%d", article, n), Text: text, Span: claim.Span{Start: 0, End: len(text)},
		Speaker: claim.Speaker{Name: speaker, Kind: claim.SpeakerPerson},
	}, Keys: keys}
}

var day = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

func TestPutReplaceGetDelete(t *testing.T) {
	eachBackend(t, func(t *testing.T, open func(*testing.T) store.Store) {
		ctx := context.Background()
		s := open(t)
		mon := store.Article{ID: "mon", URL: "https://example.test/mon", Title: "Monday", Published: day,
			Claims: []store.Claim{mkClaim("mon", 1, "Ana Ruiz", "the border stays closed", "border", "close")}}
		if err := s.PutArticle(ctx, mon); err != nil {
			t.Fatal(err)
		}
		tue := store.Article{ID: "tue", Published: day.Add(24 * time.Hour),
			Claims: []store.Claim{mkClaim("tue", 1, "Ana Ruiz", "the border reopens", "border", "open"), mkClaim("tue", 2, "Luis Gil", "talks resume", "talk")},
			Links: []claim.Link{{A: "mon#1", B: "tue#1", Score: 0.8, Relation: claim.RelationUpdate, Reason: claim.ReasonAntonym, Explanation: "open vs close",
				ClaimA: claim.LinkedClaim{ID: "mon#1", ArticleID: "mon", Text: "the border stays closed", Stance: claim.StanceDenies, Evidence: []claim.Span{{Start: 18, End: 24}}},
				ClaimB: claim.LinkedClaim{ID: "tue#1", ArticleID: "tue", Text: "the border reopens", Stance: claim.StanceReportsChange}}}}
		if err := s.PutArticle(ctx, tue); err != nil {
			t.Fatal(err)
		}
		got, err := s.Claims(ctx, []string{"mon#1", "tue#1", "nope#1"}, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 {
			t.Fatalf("got %d claims, want 2", len(got))
		}
		byID := map[string]store.Stored{}
		for _, c := range got {
			byID[c.ID] = c
		}
		m := byID["mon#1"]
		if m.ArticleID != "mon" || m.URL != "https://example.test/mon" || !m.Published.Equal(day) || m.Text != "the border stays closed" || m.Speaker.Name != "Ana Ruiz" {
			t.Errorf("mon#1 read back as %+v", m)
		}
		if len(m.Links) != 1 || m.Links[0].B != "tue#1" || m.Links[0].Relation != claim.RelationUpdate || m.Links[0].Explanation != "open vs close" {
			t.Errorf("mon#1 links = %+v", m.Links)
		} else if a, b := m.Links[0].ClaimA, m.Links[0].ClaimB; a.Text != "the border stays closed" || a.Stance != claim.StanceDenies || len(a.Evidence) != 1 || b.ArticleID != "tue" {
			t.Errorf("the link's ends read back as %+v and %+v", a, b)
		}
		if len(byID["tue#1"].Links) != 1 {
			t.Errorf("tue#1 links = %+v", byID["tue#1"].Links)
		}

		// Storing tue again replaces it: one claim now, the old tue#2 and the
		// old link are gone, nothing duplicated.
		tue.Claims = []store.Claim{mkClaim("tue", 1, "Ana Ruiz", "the border reopens on Friday", "border", "open")}
		tue.Links = nil
		if err := s.PutArticle(ctx, tue); err != nil {
			t.Fatal(err)
		}
		list, _, err := s.ListClaims(ctx, store.Filter{ArticleID: "tue"}, 0, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Text != "the border reopens on Friday" || len(list[0].Links) != 0 {
			t.Errorf("after replace, tue holds %+v", list)
		}
		if got, _ := s.Claims(ctx, []string{"mon#1"}, true); len(got) != 1 || len(got[0].Links) != 0 {
			t.Errorf("the replaced article's link survived: %+v", got)
		}

		// Delete: the claims, their keys and links go; a second delete is NotFound.
		if err := s.DeleteArticle(ctx, "mon"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteArticle(ctx, "mon"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("second delete: %v, want ErrNotFound", err)
		}
		if got, _ := s.Claims(ctx, []string{"mon#1"}, true); len(got) != 0 {
			t.Errorf("deleted claim still there: %+v", got)
		}
		post, err := s.Candidates(ctx, []string{"close", "border"}, 64, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range post {
			if p.ArticleID == "mon" {
				t.Errorf("deleted article's key still indexed: %+v", p)
			}
		}
	})
}

func TestCandidatesMostRecentPerKey(t *testing.T) {
	eachBackend(t, func(t *testing.T, open func(*testing.T) store.Store) {
		ctx := context.Background()
		s := open(t)
		for i := range 10 {
			id := fmt.Sprintf("a%02d", i)
			keys := []string{"shared"}
			if i%2 == 0 {
				keys = append(keys, "even")
			}
			if err := s.PutArticle(ctx, store.Article{ID: id, Claims: []store.Claim{mkClaim(id, 1, "X", "text", keys...)}}); err != nil {
				t.Fatal(err)
			}
		}
		post, err := s.Candidates(ctx, []string{"shared", "even", "absent"}, 3, "a09")
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]string{}
		for _, p := range post {
			got[p.Key] = append(got[p.Key], p.ArticleID)
		}
		for k := range got {
			sort.Strings(got[k])
		}
		want := map[string][]string{"shared": {"a07", "a08"}, "even": {"a04", "a06", "a08"}}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("candidates = %v, want %v (3 most recent per key, then a09 dropped)", got, want)
		}
	})
}

func TestListFiltersAndPages(t *testing.T) {
	eachBackend(t, func(t *testing.T, open func(*testing.T) store.Store) {
		ctx := context.Background()
		s := open(t)
		for i := range 7 {
			id := fmt.Sprintf("d%d", i)
			sp := "Ana Ruiz"
			if i%3 == 0 {
				sp = "Luis Gil"
			}
			a := store.Article{ID: id, Published: day.Add(time.Duration(i) * 24 * time.Hour), Claims: []store.Claim{
				mkClaim(id, 1, sp, "about the border", "border"), mkClaim(id, 2, sp, "about the talks", "talk")}}
			if err := s.PutArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		// Pages of 3 through Ana Ruiz's border claims, newest first.
		f := store.Filter{Speaker: "Ana Ruiz", EntityKey: []string{"border"}}
		var ids []string
		token := ""
		for pages := 0; ; pages++ {
			if pages > 5 {
				t.Fatal("pagination does not end")
			}
			page, next, err := s.ListClaims(ctx, f, 3, token)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range page {
				ids = append(ids, c.ID)
			}
			if next == "" {
				break
			}
			token = next
		}
		if want := "[d5#1 d4#1 d2#1 d1#1]"; fmt.Sprint(ids) != want {
			t.Errorf("listed %v, want %s", ids, want)
		}
		// Time range [day+2d, day+5d): d2, d3, d4.
		page, _, err := s.ListClaims(ctx, store.Filter{Since: day.Add(48 * time.Hour), Until: day.Add(120 * time.Hour), EntityKey: []string{"talk"}}, 10, "")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range page {
			got = append(got, c.ID)
		}
		if want := "[d4#2 d3#2 d2#2]"; fmt.Sprint(got) != want {
			t.Errorf("time range listed %v, want %s", got, want)
		}
		// A token is bound to its filter, and garbage is refused.
		_, next, err := s.ListClaims(ctx, f, 1, "")
		if err != nil || next == "" {
			t.Fatalf("first page: next=%q err=%v", next, err)
		}
		if _, _, err := s.ListClaims(ctx, store.Filter{Speaker: "Luis Gil"}, 1, next); !errors.Is(err, store.ErrBadPageToken) {
			t.Errorf("token with another filter: %v, want ErrBadPageToken", err)
		}
		if _, _, err := s.ListClaims(ctx, f, 1, "not-a-token"); !errors.Is(err, store.ErrBadPageToken) {
			t.Errorf("garbage token: %v, want ErrBadPageToken", err)
		}
	})
}

// Writers racing on one article ID: every write succeeds, and the store ends
// with exactly one whole version (never a mix, never duplicates).
func TestConcurrentWritersOfOneID(t *testing.T) {
	eachBackend(t, func(t *testing.T, open func(*testing.T) store.Store) {
		ctx := context.Background()
		s := open(t)
		const writers = 8
		var wg sync.WaitGroup
		errs := make(chan error, writers)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var cs []store.Claim
				for n := 1; n <= 3+w; n++ {
					cs = append(cs, mkClaim("same", n, fmt.Sprintf("writer %d", w), "text", "k", fmt.Sprintf("w%d", w)))
				}
				for range 5 {
					if err := s.PutArticle(ctx, store.Article{ID: "same", Title: fmt.Sprint(w), Claims: cs}); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		list, _, err := s.ListClaims(ctx, store.Filter{ArticleID: "same"}, 100, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(list) == 0 {
			t.Fatal("nothing stored")
		}
		w := list[0].Speaker.Name
		var wn int
		fmt.Sscanf(w, "writer %d", &wn)
		if len(list) != 3+wn {
			t.Errorf("%d claims stored, want %d (the whole version of %s)", len(list), 3+wn, w)
		}
		for _, c := range list {
			if c.Speaker.Name != w || c.Title != fmt.Sprint(wn) {
				t.Errorf("mixed versions: %s by %q in article titled %q", c.ID, c.Speaker.Name, c.Title)
			}
		}
		post, err := s.Candidates(ctx, []string{"k"}, 1000, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(post) != len(list) {
			t.Errorf("%d key rows for %d claims: keys duplicated or lost", len(post), len(list))
		}
	})
}

// Opening a store again (a restart, or a second replica) finds the schema in
// place and the data kept.
func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "claims.db")
	var opened sync.WaitGroup
	stores := make([]store.Store, 3)
	errs := make([]error, 3)
	for i := range stores { // three opens at once race on the migrations
		opened.Add(1)
		go func() { defer opened.Done(); stores[i], errs[i] = store.OpenSQLite(ctx, path) }()
	}
	opened.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
	}
	if err := stores[0].PutArticle(ctx, store.Article{ID: "a", Claims: []store.Claim{mkClaim("a", 1, "X", "kept", "k")}}); err != nil {
		t.Fatal(err)
	}
	for _, s := range stores {
		s.Close()
	}
	s, err := store.OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Claims(ctx, []string{"a#1"}, true)
	if err != nil || len(got) != 1 || got[0].Text != "kept" {
		t.Fatalf("after reopen: %+v, %v", got, err)
	}
}

func TestPostgresConcurrentMigrations(t *testing.T) {
	pg := pgtest.Start(t)
	url := pg.NewDatabase(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := store.OpenPostgres(ctx, url)
			if err == nil {
				s.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("replica %d: %v", i, err)
		}
	}
}
