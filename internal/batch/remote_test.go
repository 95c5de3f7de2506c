package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/server"
)

// serve starts a gRPC server with svc on a local port and returns a client.
func serve(t *testing.T, register func(*grpc.Server)) claimsv1.ClaimsServiceClient {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := grpc.NewServer()
	register(s)
	go s.Serve(lis)
	t.Cleanup(s.Stop)
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return claimsv1.NewClaimsServiceClient(conn)
}

// TestRemoteMatchesLocal runs the same input in-process and against the real
// server: the output must be byte for byte the same, error records included,
// so a job can move between the two without its consumers noticing.
func TestRemoteMatchesLocal(t *testing.T) {
	p := newPipeline(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	g, err := server.NewGRPC(server.NewService(p, server.DefaultLimits(), server.StreamOptions{Workers: 1}, log), server.Options{
		MaxConcurrent: 4, QueueWait: time.Second, RequestTimeout: 10 * time.Second, MaxRecvBytes: 16 << 20, Log: log,
	})
	if err != nil {
		t.Fatal(err)
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go g.Server.Serve(lis)
	t.Cleanup(g.Server.Stop)
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	var ins []Input
	for i := range 40 {
		ins = append(ins, Input{ID: fmt.Sprintf("m%02d", i), Text: article(i), Published: "2024-03-01T00:00:00Z"})
	}
	ins = append(ins,
		Input{ID: "empty"},
		Input{ID: "fr", Text: "Le maire a dit que l'eau est potable.", Language: "fr"},
		Input{ID: "m03", Text: "A repeat said so."},
		Input{Text: "No id, the clerk said the road is closed."},
		Input{ID: "ctl\u0001", Text: "A control character said so."},
	)
	input := jsonl(t, ins...) + "{not json\n\n"
	for _, enc := range []claimsv1.EncodingType{claimsv1.EncodingType_ENCODING_TYPE_UNSPECIFIED, claimsv1.EncodingType_ENCODING_TYPE_UTF16} {
		t.Run(enc.String(), func(t *testing.T) {
			be := local(p, 1)
			be.LinkWindow = 0 // the server's stream links without a window
			be.Encoding = enc
			want, _ := runAll(t, be, Config{Window: 4}, input)
			got, sum := runAll(t, Remote{Client: claimsv1.NewClaimsServiceClient(conn), Encoding: enc}, Config{Window: 4}, input)
			if !bytes.Equal(got, want) {
				gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
				for i := range min(len(gl), len(wl)) {
					if gl[i] != wl[i] {
						t.Fatalf("line %d differs\nserver:     %.300s\nin-process: %.300s", i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("server output has %d lines, in-process %d", len(gl), len(wl))
			}
			if sum.Lines != int64(len(ins)+2) || sum.Errors != 6 || sum.CrossLinks == 0 {
				t.Errorf("summary %+v: want %d lines, 6 errors, some cross-article links", sum, len(ins)+2)
			}
		})
	}
}

// fakeStream is a server that answers a stream as told, to test how the client
// side takes failures a real server only shows under load or shutdown.
type fakeStream struct {
	claimsv1.UnimplementedClaimsServiceServer
	// answer says what to send for the i-th article: a response, an error
	// (the stream fails), or neither (the stream ends, OK, unanswered).
	answer func(i int32) (*claimsv1.StreamExtractClaimsResponse, error)
}

func (f fakeStream) StreamExtractClaims(s claimsv1.ClaimsService_StreamExtractClaimsServer) error {
	for i := int32(0); ; i++ {
		req, err := s.Recv()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		resp, err := f.answer(i)
		if err != nil {
			return err
		}
		if resp == nil {
			return nil
		}
		resp.InputIndex = i
		if resp.Result == nil && resp.Error == nil {
			resp.Result = &claimsv1.ArticleResult{ArticleId: req.GetArticle().GetId()}
		}
		if err := s.Send(resp); err != nil {
			return err
		}
	}
}

// TestRemoteFailures checks that a stream that breaks, or an article the server
// did not really try, stops the run with a clear error after writing exactly
// the lines before it, so that -resume redoes the rest.
func TestRemoteFailures(t *testing.T) {
	tests := []struct {
		name    string
		answer  func(i int32) (*claimsv1.StreamExtractClaimsResponse, error)
		written int64
		wantErr string
	}{
		{"stream fails", func(i int32) (*claimsv1.StreamExtractClaimsResponse, error) {
			if i == 3 {
				return nil, status.Error(codes.Unavailable, "server going away")
			}
			return &claimsv1.StreamExtractClaimsResponse{}, nil
		}, 3, "server going away"},
		{"article cancelled", func(i int32) (*claimsv1.StreamExtractClaimsResponse, error) {
			if i == 2 {
				return &claimsv1.StreamExtractClaimsResponse{Error: status.New(codes.Canceled, "draining").Proto()}, nil
			}
			return &claimsv1.StreamExtractClaimsResponse{}, nil
		}, 2, "did not process line 3"},
		{"stream ends early", func(i int32) (*claimsv1.StreamExtractClaimsResponse, error) {
			if i >= 4 {
				return nil, nil // the stream ends with articles unanswered
			}
			return &claimsv1.StreamExtractClaimsResponse{}, nil
		}, 4, "unanswered"},
		{"article fails for good", func(i int32) (*claimsv1.StreamExtractClaimsResponse, error) {
			if i == 1 {
				return &claimsv1.StreamExtractClaimsResponse{Error: status.New(codes.Internal, "boom").Proto()}, nil
			}
			return &claimsv1.StreamExtractClaimsResponse{}, nil
		}, 6, ""},
	}
	var ins []Input
	for i := range 6 {
		ins = append(ins, Input{ID: fmt.Sprintf("f%d", i), Text: "x said y."})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := serve(t, func(s *grpc.Server) { claimsv1.RegisterClaimsServiceServer(s, fakeStream{answer: tt.answer}) })
			var out bytes.Buffer
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			sum, err := Run(ctx, strings.NewReader(jsonl(t, ins...)), &out, Remote{Client: client}, Config{Window: 1, MaxLineBytes: 1 << 20})
			if tt.wantErr == "" && err != nil {
				t.Fatalf("err = %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
			}
			recs := records(t, out.Bytes())
			if int64(len(recs)) != tt.written || sum.LastLine != tt.written {
				t.Fatalf("%d records written, summary up to %d; want %d", len(recs), sum.LastLine, tt.written)
			}
			for i, r := range recs {
				if r.Line != int64(i+1) || r.ID != ins[i].ID {
					t.Errorf("record %d = line %d id %q", i+1, r.Line, r.ID)
				}
			}
		})
	}
}
