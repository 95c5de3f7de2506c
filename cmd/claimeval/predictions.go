package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
)

// predictionWriter writes the -predictions file: one JSON line per prediction, or
// nothing when no file was asked for, so anyone can recheck the figures with their
// own scorer. Every task writes through it, so each reports write errors the same way.
type predictionWriter struct {
	f   *os.File
	buf *bufio.Writer
	enc *json.Encoder
}

func newPredictionWriter(path string) (*predictionWriter, error) {
	if path == "" {
		return &predictionWriter{}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("predictions: %w", err)
	}
	buf := bufio.NewWriter(f)
	return &predictionWriter{f: f, buf: buf, enc: json.NewEncoder(buf)}, nil
}

func (p *predictionWriter) write(v any) error {
	if p.enc == nil {
		return nil
	}
	if err := p.enc.Encode(v); err != nil {
		return fmt.Errorf("predictions: %w", err)
	}
	return nil
}

func (p *predictionWriter) close() error {
	if p.f == nil {
		return nil
	}
	if err := p.buf.Flush(); err != nil {
		p.f.Close()
		return fmt.Errorf("predictions: %w", err)
	}
	if err := p.f.Close(); err != nil {
		return fmt.Errorf("predictions: %w", err)
	}
	return nil
}
