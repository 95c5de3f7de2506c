package store_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/claimsvc/claimsvc/internal/store"
	"github.com/claimsvc/claimsvc/internal/store/pgtest"
)

// crashWriterEnv makes the test binary a writer process for TestCrash…: it
// opens the store named by the variable ("sqlite:PATH" or a postgres URL),
// writes articles of crashClaims claims as fast as it can and prints
// "committed ID" after each commit, until it is killed.
const crashWriterEnv = "CLAIMSVC_STORE_CRASH_WRITER"

const crashClaims = 40

func TestMain(m *testing.M) {
	if target := os.Getenv(crashWriterEnv); target != "" {
		crashWriter(target)
		return
	}
	os.Exit(m.Run())
}

func openTarget(ctx context.Context, target string) (store.Store, error) {
	if path, ok := strings.CutPrefix(target, "sqlite:"); ok {
		return store.OpenSQLite(ctx, path)
	}
	return store.OpenPostgres(ctx, target)
}

func crashWriter(target string) {
	ctx := context.Background()
	s, err := openTarget(ctx, target)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		id := fmt.Sprintf("art%05d", i)
		a := store.Article{ID: id}
		for n := 1; n <= crashClaims; n++ {
			a.Claims = append(a.Claims, mkClaim(id, n, "Speaker", strings.Repeat("a claim about the crossing ", 20), "crossing", "claim", fmt.Sprintf("k%d", n)))
		}
		if i > 0 { // and replace the previous one, so replacements are cut short too
			prev := fmt.Sprintf("art%05d", i-1)
			b := store.Article{ID: prev, Title: "replaced"}
			for n := 1; n <= crashClaims; n++ {
				b.Claims = append(b.Claims, mkClaim(prev, n, "Other", "replaced text", "crossing"))
			}
			if err := s.PutArticle(ctx, b); err != nil {
				fmt.Println("error", err)
				os.Exit(1)
			}
			fmt.Fprintln(out, "replaced", prev)
		}
		if err := s.PutArticle(ctx, a); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Fprintln(out, "committed", id)
		out.Flush()
	}
}

// crashAndCheck starts a writer on target, kills it with SIGKILL in the middle
// of its writes, then checks the store: every article it reported committed is
// there whole, and no article is there in part (each holds all crashClaims
// claims of a single version, or is absent).
func crashAndCheck(t *testing.T, target string) {
	ctx := context.Background()
	if s, err := openTarget(ctx, target); err != nil { // migrations done before timing starts
		t.Fatal(err)
	} else {
		s.Close()
	}
	for round := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashWriterEnv+"="+target)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		committed := map[string]string{} // id → "committed" or "replaced"
		lines := bufio.NewScanner(stdout)
		kill := time.After(time.Duration(300+round*250) * time.Millisecond)
		n := 0
	read:
		for lines.Scan() {
			f := strings.Fields(lines.Text())
			if f[0] == "error" {
				t.Fatalf("writer: %s", lines.Text())
			}
			committed[f[1]] = f[0]
			n++
			if n < 3 { // a slow (loaded) machine still kills mid-job, never before it started
				continue
			}
			select {
			case <-kill:
				break read
			default:
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		for lines.Scan() { // what it printed before it died also committed
			if f := strings.Fields(lines.Text()); len(f) == 2 {
				committed[f[1]] = f[0]
			}
		}
		cmd.Wait()
		if n < 3 {
			t.Fatalf("round %d: the writer committed only %d articles before the kill", round, n)
		}

		s, err := openTarget(ctx, target)
		if err != nil {
			t.Fatalf("reopen after kill -9: %v", err)
		}
		var more []store.Stored
		for token := ""; ; {
			page, next, err := s.ListClaims(ctx, store.Filter{}, store.MaxPageSize, token)
			if err != nil {
				t.Fatal(err)
			}
			more = append(more, page...)
			if next == "" {
				break
			}
			token = next
		}
		byArticle := map[string][]store.Stored{}
		for _, c := range more {
			byArticle[c.ArticleID] = append(byArticle[c.ArticleID], c)
		}
		for id, state := range committed {
			if len(byArticle[id]) == 0 {
				t.Errorf("round %d: article %s was %s before the kill and is lost", round, id, state)
			}
		}
		for id, cs := range byArticle {
			if len(cs) != crashClaims {
				t.Errorf("round %d: article %s is half-written: %d of %d claims", round, id, len(cs), crashClaims)
			}
			for _, c := range cs {
				if c.Speaker.Name != cs[0].Speaker.Name {
					t.Errorf("round %d: article %s mixes two versions", round, id)
					break
				}
			}
		}
		t.Logf("round %d: killed after %d commits; %d articles in the store, all whole", round, len(committed), len(byArticle))
		s.Close()
	}
}

func TestCrashDuringWriteSQLite(t *testing.T) {
	crashAndCheck(t, "sqlite:"+filepath.Join(t.TempDir(), "claims.db"))
}

func TestCrashDuringWritePostgres(t *testing.T) {
	pg := pgtest.Start(t)
	crashAndCheck(t, pg.NewDatabase(t))
}
