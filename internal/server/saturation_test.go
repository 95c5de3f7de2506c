package server

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// TestHealthReflectsSaturation: health turns NOT_SERVING when every slot has
// been held, none released, for the configured time, stays SERVING while slots
// turn over, and recovers when one is released.
func TestHealthReflectsSaturation(t *testing.T) {
	l := newLimiter(2, time.Millisecond)
	hs := health.NewServer()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go watchSaturation(ctx, l, hs, 100*time.Millisecond, slog.New(slog.NewTextHandler(io.Discard, nil)))
	status := func() healthpb.HealthCheckResponse_ServingStatus {
		r, err := hs.Check(ctx, &healthpb.HealthCheckRequest{})
		if err != nil {
			t.Fatal(err)
		}
		return r.GetStatus()
	}
	waitFor := func(want healthpb.HealthCheckResponse_ServingStatus, within time.Duration) {
		t.Helper()
		deadline := time.Now().Add(within)
		for status() != want {
			if time.Now().After(deadline) {
				t.Fatalf("health %v after %v, want %v", status(), within, want)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	hs.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)

	// Busy but turning over: both slots taken, one released and retaken often.
	_ = l.acquire(ctx)
	_ = l.acquire(ctx)
	for range 30 {
		l.release()
		_ = l.acquire(ctx)
		time.Sleep(10 * time.Millisecond)
	}
	if s := status(); s != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("busy server whose slots turn over: %v, want SERVING", s)
	}
	// Stuck: nothing released.
	waitFor(healthpb.HealthCheckResponse_NOT_SERVING, time.Second)
	l.release()
	waitFor(healthpb.HealthCheckResponse_SERVING, time.Second)
	l.release()
	// A drain's NOT_SERVING is never undone.
	hs.Shutdown()
	time.Sleep(50 * time.Millisecond)
	if s := status(); s != healthpb.HealthCheckResponse_NOT_SERVING {
		t.Errorf("after Shutdown: %v", s)
	}
}
