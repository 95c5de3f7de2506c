package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunContradiction runs the task on a small hand-made file: the JSON report
// carries the keys the issue names and -predictions writes one line per pair.
func TestRunContradiction(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "pairs.jsonl")
	pred := filepath.Join(dir, "pred.jsonl")
	in := `{"id":"1","premise":"The border crossing is open.","hypothesis":"The border crossing is not open.","label":"contradiction"}
{"id":"2","premise":"The border crossing is open.","hypothesis":"The border crossing is open to trucks.","label":"entailment"}
{"id":"3","premise":"Three soldiers were killed in the attack.","hypothesis":"Five soldiers were killed in the attack.","label":"contradiction"}
{"id":"4","premise":"A man plays a guitar.","hypothesis":"A woman sings a song.","label":"neutral"}
`
	if err := os.WriteFile(data, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	if err := run(context.Background(), []string{"contradiction", "-data", data, "-json", "-predictions", pred}, &out, &errs); err != nil {
		t.Fatalf("run: %v (%s)", err, errs.String())
	}
	var rep map[string]any
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, out.String())
	}
	for _, k := range []string{"precision", "recall", "f1", "fpr"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("report lacks %q: %s", k, out.String())
		}
	}
	if rep["precision"] != 1.0 || rep["recall"] != 1.0 || rep["fpr"] != 0.0 {
		t.Errorf("on clear-cut pairs want P 1, R 1, FPR 0; got %s", out.String())
	}
	b, err := os.ReadFile(pred)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d prediction lines, want 4", len(lines))
	}
	var p struct {
		ID        string   `json:"id"`
		Score     *float64 `json:"score"`
		Predicted *bool    `json:"predicted"`
		Reason    *string  `json:"reason"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &p); err != nil || p.ID != "1" || p.Score == nil || p.Predicted == nil || !*p.Predicted || p.Reason == nil || *p.Reason != "NEGATION" {
		t.Errorf("first prediction %s: want id 1, score, predicted true, reason NEGATION (err %v)", lines[0], err)
	}
}
