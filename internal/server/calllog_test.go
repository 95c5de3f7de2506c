package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/logging"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"
)

// logLines decodes a JSON handler's output into one map per line.
func logLines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

// callCtx is a call's context as the server sees it: a peer and, when given, a
// client deadline.
func callCtx(t *testing.T, deadline time.Time) context.Context {
	ctx := peer.NewContext(context.Background(), &peer.Peer{Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 5555}})
	if !deadline.IsZero() {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline)
		t.Cleanup(cancel)
	}
	return ctx
}

func TestCallLogUnary(t *testing.T) {
	info := &grpc.UnaryServerInfo{FullMethod: "/claims.v1.ClaimsService/ExtractClaims"}
	cases := []struct {
		name      string
		level     slog.Level
		err       error
		wantLine  bool
		wantLevel string
		wantCode  string
	}{
		{"ok is off at info", slog.LevelInfo, nil, false, "", ""},
		{"ok is written at debug", slog.LevelDebug, nil, true, "DEBUG", "OK"},
		{"client error at info", slog.LevelInfo, status.Error(codes.InvalidArgument, "article.text: empty"), true, "INFO", "InvalidArgument"},
		{"server error at info", slog.LevelInfo, status.Error(codes.Internal, "internal error"), true, "ERROR", "Internal"},
		{"server error hidden at error+4", slog.LevelError + 4, status.Error(codes.Internal, "boom"), false, "", ""},
		{"plain error is Unknown", slog.LevelInfo, errors.New("disk full"), true, "ERROR", "Unknown"},
		{"io.EOF ends a stream as OK", slog.LevelDebug, io.EOF, true, "DEBUG", "OK"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			c := callLog{log: slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: tc.level}))}
			resp, err := c.unary(callCtx(t, time.Time{}), "req", info, func(context.Context, any) (any, error) {
				return "resp", tc.err
			})
			if resp != "resp" || !errors.Is(err, tc.err) {
				t.Fatalf("interceptor changed the call's result: %v, %v", resp, err)
			}
			lines := logLines(t, &buf)
			if !tc.wantLine {
				if len(lines) != 0 {
					t.Fatalf("want no line, got %v", lines)
				}
				return
			}
			if len(lines) != 1 {
				t.Fatalf("want one line, got %v", lines)
			}
			l := lines[0]
			for k, want := range map[string]any{
				"msg": "finished call", "level": tc.wantLevel, "grpc.code": tc.wantCode,
				"grpc.service": "claims.v1.ClaimsService", "grpc.method": "ExtractClaims",
				"grpc.method_type": "unary", "peer.address": "127.0.0.1:5555", "protocol": "grpc",
			} {
				if l[k] != want {
					t.Errorf("%s = %v, want %v", k, l[k], want)
				}
			}
			if _, ok := l["grpc.request.deadline"]; ok {
				t.Errorf("no client deadline, yet grpc.request.deadline = %v", l["grpc.request.deadline"])
			}
			if tc.err != nil && tc.err != io.EOF && l["grpc.error"] != tc.err.Error() {
				t.Errorf("grpc.error = %v, want %q", l["grpc.error"], tc.err.Error())
			}
		})
	}
}

// TestCallLogMatchesMiddleware runs go-grpc-middleware's logging interceptor
// (what the server used before callLog) and callLog on the same calls and
// requires the same records: same keys in the same order, same values but for
// the clock readings.
func TestCallLogMatchesMiddleware(t *testing.T) {
	deadline := time.Now().Add(time.Hour)
	errs := []error{nil, status.Error(codes.NotFound, "claim c1 not found"), status.Error(codes.Unavailable, "draining"), errors.New("plain error")}
	for _, callErr := range errs {
		var ours, theirs bytes.Buffer
		opts := &slog.HandlerOptions{Level: slog.LevelDebug}
		c := callLog{log: slog.New(slog.NewJSONHandler(&ours, opts))}
		theirLog := slog.New(slog.NewJSONHandler(&theirs, opts))
		mw := logging.UnaryServerInterceptor(logging.LoggerFunc(func(ctx context.Context, lvl logging.Level, msg string, fields ...any) {
			theirLog.Log(ctx, slog.Level(lvl), msg, fields...)
		}), logging.WithLogOnEvents(logging.FinishCall), logging.WithLevels(callLevel))
		info := &grpc.UnaryServerInfo{FullMethod: "/claims.v1.ClaimsService/GetClaim"}
		handler := func(context.Context, any) (any, error) { return nil, callErr }
		ctx := callCtx(t, deadline)
		_, _ = c.unary(ctx, nil, info, handler)
		_, _ = mw(ctx, nil, info, handler)
		o, m := ours.String(), theirs.String()
		if keysOf(t, o) != keysOf(t, m) {
			t.Errorf("err %v: keys differ:\nours   %s\ntheirs %s", callErr, keysOf(t, o), keysOf(t, m))
		}
		ol, ml := logLines(t, &ours)[0], logLines(t, &theirs)[0]
		for k, v := range ml {
			switch k {
			case "time", "grpc.start_time", "grpc.time_ms":
				continue
			}
			if ol[k] != v {
				t.Errorf("err %v: %s = %v, middleware wrote %v", callErr, k, ol[k], v)
			}
		}
	}
}

// keysOf lists a JSON line's keys in their order.
func keysOf(t *testing.T, line string) string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(line))
	var keys []string
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return strings.Join(keys, ",")
}

// fakeStream is the least of a grpc.ServerStream the interceptor reads.
type fakeStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (f fakeStream) Context() context.Context     { return f.ctx }
func (f fakeStream) SetHeader(metadata.MD) error  { return nil }
func (f fakeStream) SendHeader(metadata.MD) error { return nil }

func TestCallLogStream(t *testing.T) {
	cases := []struct {
		info *grpc.StreamServerInfo
		want string
	}{
		{&grpc.StreamServerInfo{FullMethod: "/claims.v1.ClaimsService/StreamExtractClaims", IsClientStream: true, IsServerStream: true}, "bidi_stream"},
		{&grpc.StreamServerInfo{FullMethod: "/grpc.health.v1.Health/Watch", IsServerStream: true}, "server_stream"},
		{&grpc.StreamServerInfo{FullMethod: "/x.Y/Upload", IsClientStream: true}, "client_stream"},
	}
	for _, tc := range cases {
		var buf bytes.Buffer
		c := callLog{log: slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))}
		err := c.stream(nil, fakeStream{ctx: callCtx(t, time.Time{})}, tc.info, func(any, grpc.ServerStream) error {
			return status.Error(codes.Canceled, "client went away")
		})
		if status.Code(err) != codes.Canceled {
			t.Fatalf("%s: stream error changed: %v", tc.want, err)
		}
		l := logLines(t, &buf)
		if len(l) != 1 || l[0]["grpc.method_type"] != tc.want || l[0]["grpc.code"] != "Canceled" {
			t.Errorf("%s: got %v", tc.want, l)
		}
	}
}

func TestMillis(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0"},
		{1500 * time.Microsecond, "1.5"},
		{12345678 * time.Nanosecond, "12.345"},
		{999 * time.Nanosecond, "0"},
		{3 * time.Second, "3000"},
	} {
		if got := millis(tc.d); got != tc.want {
			t.Errorf("millis(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}
