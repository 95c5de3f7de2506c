package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunAttribution runs the attribution task end to end on a one-article file in
// the shared data layout and checks the JSON keys, the figures and the predictions
// file, which must be in the gold's shape.
func TestRunAttribution(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"attribution", "lexicons"} {
		if err := os.Mkdir(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	text := "Lavrov said that the talks failed. The weather was fine."
	rec := map[string]any{
		"id": "art1", "publisher": "test", "text": text,
		"attributions": []map[string]any{{
			"source": [][2]int{{0, 6}}, "source_text": "Lavrov", "cue": [][2]int{{7, 11}}, "cue_text": "said",
			"content": [][2]int{{12, 33}}, "content_text": text[12:33], "quote_type": "indirect",
		}},
	}
	line, _ := json.Marshal(rec)
	data := filepath.Join(root, "attribution", "tiny.jsonl")
	if err := os.WriteFile(data, append(line, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "lexicons", "quote-verbs-ggt.txt"), []byte("said\nsays\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	preds := filepath.Join(root, "preds.jsonl")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"attribution", "-data", data, "-json", "-predictions", preds}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	var rep map[string]json.RawMessage
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, stdout.String())
	}
	for _, k := range []string{"all", "speech", "mb_per_s"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("missing key %q", k)
		}
	}
	var speech map[string]float64
	if err := json.Unmarshal(rep["speech"], &speech); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"quote_f1_03", "quote_f1_08", "speaker_f1_03", "cue_exact_f1", "source_exact_f1", "content_exact_f1"} {
		if speech[k] != 1 {
			t.Errorf("speech %s = %v, want 1", k, speech[k])
		}
	}
	f, err := os.Open(preds)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		var p attributionPrediction
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		if p.ID != "art1" || len(p.Source) != 1 || p.Source[0] != [2]int{0, 6} || p.Cue[0] != [2]int{7, 11} ||
			p.Content[0] != [2]int{12, 33} || p.QuoteType != "indirect" {
			t.Errorf("prediction = %+v", p)
		}
		if !strings.Contains(sc.Text(), `"quote_type"`) {
			t.Errorf("prediction line lacks quote_type: %s", sc.Text())
		}
	}
	if n != 1 {
		t.Errorf("got %d predictions, want 1 (the article's own sentence is not an attribution)", n)
	}
}
