// Package pgtest starts a real, throw-away PostgreSQL server for tests: Debian's
// `postgresql` package (initdb and postgres under /usr/lib/postgresql/*/bin), a
// fresh data folder under the temp dir, listening on a free loopback port only.
//
// PostgreSQL refuses to run as root, and tests and CI run as root: then the
// server runs as the unprivileged `postgres` user (or `nobody`) through
// runuser, on a data folder chowned to it. When the binaries are absent the
// test is skipped with a message, unless CLAIMSVC_REQUIRE_POSTGRES is set (as
// .ci/run does), which makes the skip a failure.
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// RequireEnv, when set, turns a missing PostgreSQL into a test failure.
const RequireEnv = "CLAIMSVC_REQUIRE_POSTGRES"

// Server is a running PostgreSQL server owned by one test.
type Server struct {
	// URL reaches the server's default database as its superuser.
	URL  string
	port int
	pgid int
	dbs  atomic.Int32
}

// binDir finds the newest installed PostgreSQL's binaries.
func binDir() (string, bool) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "postgres")); err == nil {
			return d, true
		}
	}
	return "", false
}

func version(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

// Start runs a fresh server for the test tb and stops it (and removes its data)
// when the test ends. It skips tb when PostgreSQL is not installed.
func Start(tb testing.TB) *Server {
	tb.Helper()
	bin, ok := binDir()
	if !ok {
		msg := "PostgreSQL is not installed (apt-get install postgresql); skipping the PostgreSQL store test"
		if os.Getenv(RequireEnv) != "" {
			tb.Fatal(msg + ", but " + RequireEnv + " is set")
		}
		tb.Skip(msg)
	}
	dir, err := os.MkdirTemp("", "claimsvc-pg-")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { os.RemoveAll(dir) })
	data := filepath.Join(dir, "data")
	wrap, err := asUnprivileged(dir)
	if err != nil {
		tb.Fatal(err)
	}
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions")
	initdb = wrap.cmd(initdb)
	if out, err := initdb.CombinedOutput(); err != nil {
		tb.Fatalf("initdb: %v\n%s", err, out)
	}
	port, err := freePort()
	if err != nil {
		tb.Fatal(err)
	}
	logf, err := os.Create(filepath.Join(dir, "postgres.log"))
	if err != nil {
		tb.Fatal(err)
	}
	defer logf.Close()
	srv := exec.Command(filepath.Join(bin, "postgres"), "-D", data, "-p", strconv.Itoa(port), "-h", "127.0.0.1",
		"-c", "unix_socket_directories=", "-c", "fsync=off", "-c", "max_connections=200", "-c", "shared_buffers=32MB")
	srv = wrap.cmd(srv)
	srv.Stdout, srv.Stderr = logf, logf
	srv.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := srv.Start(); err != nil {
		tb.Fatalf("start postgres: %v", err)
	}
	exited := make(chan struct{})
	go func() { srv.Wait(); close(exited) }()
	tb.Cleanup(func() {
		// SIGINT: "fast" shutdown; the whole process group, runuser included.
		syscall.Kill(-srv.Process.Pid, syscall.SIGINT)
		select {
		case <-exited:
		case <-time.After(15 * time.Second):
			syscall.Kill(-srv.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	})
	s := &Server{URL: fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port), port: port, pgid: srv.Process.Pid}
	deadline := time.Now().Add(60 * time.Second)
	for {
		err := ping(s.URL)
		if err == nil {
			break
		}
		select {
		case <-exited:
			log, _ := os.ReadFile(filepath.Join(dir, "postgres.log"))
			tb.Fatalf("postgres exited: %s", log)
		default:
		}
		if time.Now().After(deadline) {
			tb.Fatalf("postgres did not accept connections within 60s: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return s
}

// NewDatabase creates an empty database on s and returns its URL, so the tests
// sharing one server do not see each other's tables.
func (s *Server) NewDatabase(tb testing.TB) string {
	tb.Helper()
	name := fmt.Sprintf("t%d", s.dbs.Add(1))
	db, err := sql.Open("pgx", s.URL)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		tb.Fatalf("create database: %v", err)
	}
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.port, name)
}

func ping(url string) error {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return db.PingContext(ctx)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// runAs runs PostgreSQL's programs as another user when we are root.
type runAs struct{ user string }

// asUnprivileged prepares dir for the user PostgreSQL will run as.
func asUnprivileged(dir string) (runAs, error) {
	if os.Geteuid() != 0 {
		return runAs{}, nil
	}
	name := "postgres"
	u, err := user.Lookup(name)
	if err != nil {
		name = "nobody"
		if u, err = user.Lookup(name); err != nil {
			return runAs{}, fmt.Errorf("running as root and neither user postgres nor nobody exists: %w", err)
		}
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chmod(dir, 0o755); err != nil {
		return runAs{}, err
	}
	if err := os.Chown(dir, uid, gid); err != nil {
		return runAs{}, err
	}
	return runAs{user: name}, nil
}

func (r runAs) cmd(c *exec.Cmd) *exec.Cmd {
	if r.user == "" {
		return c
	}
	out := exec.Command("runuser", append([]string{"-u", r.user, "--", c.Path}, c.Args[1:]...)...)
	out.Dir = "/"
	return out
}

// CPU is the CPU time (user + system) the server's processes have used so far,
// for benchmarks that charge the database's work to the operation measured. It
// counts live processes of the server's process group (the postmaster and its
// backends); 0 where /proc is not readable.
func (s *Server) CPU() time.Duration {
	var ticks int64
	procs, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, p := range procs {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// fields after the command's closing parenthesis: state ppid pgrp … utime(14) stime(15)
		i := strings.LastIndexByte(string(b), ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(b[i+1:]))
		if len(f) < 13 || f[2] != strconv.Itoa(s.pgid) {
			continue
		}
		u, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		ticks += u + st
	}
	return time.Duration(ticks) * (time.Second / 100) // USER_HZ
}
