package scoretrain

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimsvc/claimsvc/internal/learn"
)

// writeJSONL writes records as a JSON Lines file in dir.
func writeJSONL(t *testing.T, dir, name string, records []any) string {
	t.Helper()
	var b strings.Builder
	for _, r := range records {
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

type hedgeRec struct {
	ID        string   `json:"id"`
	Domain    string   `json:"domain"`
	Text      string   `json:"text"`
	Uncertain bool     `json:"uncertain"`
	Cues      []cueRec `json:"cues"`
}

type cueRec struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`
}

// hedgeSentences makes n varied sentences of the test's own: half hedged with a
// modal, half plain, in two domains and several documents.
func hedgeSentences(n int) []any {
	subjects := []string{"The council", "The ferry operator", "The union", "The regulator", "The hospital"}
	verbs := []string{"reopen the depot", "raise fares", "end the strike", "approve the merger", "hire nurses"}
	var out []any
	for i := 0; i < n; i++ {
		s, v := subjects[i%len(subjects)], verbs[(i/len(subjects))%len(verbs)]
		r := hedgeRec{ID: fmt.Sprintf("doc%d/%d", i%7, i), Domain: []string{"factbank", "wiki"}[i%2]}
		if i%2 == 0 {
			r.Text = s + " may " + v + " next year."
			k := len(s) + 1
			r.Uncertain, r.Cues = true, []cueRec{{k, k + 3, "may", "speculation_modal_probable_"}}
		} else {
			r.Text = s + " will " + v + " on Monday."
		}
		out = append(out, r)
	}
	return out
}

// TestHedgingTrainerDeterministic trains twice on the same small data and
// expects byte-identical model files that read back with a header saying how
// they were made.
func TestHedgingTrainerDeterministic(t *testing.T) {
	dir := t.TempDir()
	cfg := DefaultHedgeConfig()
	cfg.Train = writeJSONL(t, dir, "train.jsonl", hedgeSentences(60))
	cfg.Dev = writeJSONL(t, dir, "dev.jsonl", hedgeSentences(20))
	cfg.Certainty = writeJSONL(t, dir, "cert.jsonl", []any{
		map[string]any{"id": "1", "text": "The trial shows the vaccine prevents infection.", "certainty": 6},
		map[string]any{"id": "2", "text": "The vaccine might perhaps reduce infections.", "certainty": 2},
	})
	m := trainTwice(t, dir, func(out string) error {
		cfg.Out = out
		return Hedging(context.Background(), cfg, io.Discard)
	})
	if m.Header.Command != "go run ./cmd/claimtrain hedging" || len(m.Header.Data) != 3 {
		t.Errorf("header %+v, want the command and three data files", m.Header)
	}
	if _, ok := m.Header.Param("certainty-weight"); !ok {
		t.Errorf("header lacks certainty-weight: %+v", m.Header.Params)
	}
}

// TestCheckworthyTrainerDeterministic trains the check-worthiness model twice on
// sentences of the test's own and expects identical files with a header.
func TestCheckworthyTrainerDeterministic(t *testing.T) {
	dir := t.TempDir()
	var recs []any
	facts := []string{"Unemployment fell to %d percent in 2019.", "The city spent $%d million on roads last year.", "Exports rose by %d percent since 2010."}
	filler := []string{"Thank you all for coming tonight %d.", "I want to say how happy I am %d.", "Let me be clear about that %d."}
	for i := 0; i < 90; i++ {
		recs = append(recs, map[string]any{"id": fmt.Sprint(i), "text": fmt.Sprintf(facts[i%3], i+3), "checkworthy": true})
		recs = append(recs, map[string]any{"id": fmt.Sprint(1000 + i), "text": fmt.Sprintf(filler[i%3], i), "checkworthy": false})
	}
	cfg := DefaultCheckConfig()
	cfg.Train = writeJSONL(t, dir, "train.jsonl", recs)
	cfg.Dev = writeJSONL(t, dir, "dev.jsonl", recs[:40])
	cfg.Devtest = writeJSONL(t, dir, "devtest.jsonl", recs[40:60])
	m := trainTwice(t, dir, func(out string) error {
		cfg.Out = out
		return Checkworthy(context.Background(), cfg, io.Discard)
	})
	if m.Header.Command != "go run ./cmd/claimtrain checkworthy" {
		t.Errorf("header %+v, want the command", m.Header)
	}
}

// trainTwice runs train to two files in dir, fails unless they are
// byte-identical, and returns the model read back.
func trainTwice(t *testing.T, dir string, train func(out string) error) learn.ModelFile {
	t.Helper()
	var files [2][]byte
	for k := range files {
		out := filepath.Join(dir, fmt.Sprintf("model%d.tsv", k))
		if err := train(out); err != nil {
			t.Fatalf("train: %v", err)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		files[k] = b
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Fatal("two runs on the same data wrote different model files")
	}
	m, err := learn.ReadModel(bytes.NewReader(files[0]))
	if err != nil {
		t.Fatalf("ReadModel: %v", err)
	}
	return m
}
