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

// runScoreTask runs one claimeval task on a temporary data file holding lines and
// returns the JSON report and the predictions file's lines.
func runScoreTask(t *testing.T, task string, lines ...string) (map[string]json.RawMessage, []map[string]any) {
	t.Helper()
	dir := t.TempDir()
	data := filepath.Join(dir, "data.jsonl")
	if err := os.WriteFile(data, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	preds := filepath.Join(dir, "preds.jsonl")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{task, "-data", data, "-json", "-predictions", preds}, &stdout, &stderr); err != nil {
		t.Fatalf("run %s: %v\n%s", task, err, stderr.String())
	}
	var rep map[string]json.RawMessage
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, stdout.String())
	}
	f, err := os.Open(preds)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var p map[string]any
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("prediction line %q: %v", sc.Text(), err)
		}
		out = append(out, p)
	}
	return rep, out
}

// checkScorePredictions asserts one {"id","score","predicted"} line per item, in order.
func checkScorePredictions(t *testing.T, preds []map[string]any, ids ...string) {
	t.Helper()
	if len(preds) != len(ids) {
		t.Fatalf("%d prediction lines, want %d", len(preds), len(ids))
	}
	for i, p := range preds {
		score, ok := p["score"].(float64)
		if p["id"] != ids[i] || !ok || score < 0 || score > 1 {
			t.Errorf("prediction %d = %v, want id %q with a score in [0,1]", i, p, ids[i])
		}
		if _, ok := p["predicted"].(bool); !ok {
			t.Errorf("prediction %d lacks a boolean predicted: %v", i, p)
		}
	}
}

func TestRunHedging(t *testing.T) {
	rep, preds := runScoreTask(t, "hedging",
		`{"id":"a","domain":"factbank","text":"The talks may resume.","uncertain":true,"cues":[{"start":10,"end":13,"text":"may","type":"speculation_modal_probable_"}]}`,
		`{"id":"b","domain":"factbank","text":"The talks resumed on May 20.","uncertain":false,"cues":[]}`,
		`{"id":"c","domain":"wiki","text":"It is possible that he left.","uncertain":true,"cues":[{"start":6,"end":14,"text":"possible","type":"speculation_modal_possible_"}]}`,
	)
	for _, k := range []string{"f1", "threshold", "auroc", "cue_f1", "by_domain", "newswire"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("report lacks key %q: %v", k, rep)
		}
	}
	var byDomain map[string]struct {
		F1 *float64 `json:"f1"`
	}
	if err := json.Unmarshal(rep["by_domain"], &byDomain); err != nil || byDomain["factbank"].F1 == nil || byDomain["wiki"].F1 == nil {
		t.Errorf("by_domain = %s, want factbank and wiki with f1", rep["by_domain"])
	}
	var news struct {
		N  int      `json:"n"`
		F1 *float64 `json:"f1"`
	}
	if err := json.Unmarshal(rep["newswire"], &news); err != nil || news.N != 2 || news.F1 == nil {
		t.Errorf("newswire = %s, want the 2 factbank sentences with f1", rep["newswire"])
	}
	var f1, cueF1 float64
	json.Unmarshal(rep["f1"], &f1)
	json.Unmarshal(rep["cue_f1"], &cueF1)
	if f1 != 1 || cueF1 != 1 {
		t.Errorf("f1 %v, cue_f1 %v on three easy sentences, want 1 and 1", f1, cueF1)
	}
	checkScorePredictions(t, preds, "a", "b", "c")
}

func TestRunCertainty(t *testing.T) {
	rep, preds := runScoreTask(t, "certainty",
		`{"id":"1","text":"The drug cured every patient in the trial.","certainty":6}`,
		`{"id":"2","text":"The drug might possibly help some patients.","certainty":2}`,
		`{"id":"3","text":"The results suggest the drug may help.","certainty":3}`,
	)
	var pearson float64
	if err := json.Unmarshal(rep["pearson"], &pearson); err != nil || pearson <= 0 {
		t.Errorf("pearson = %s, want a positive correlation", rep["pearson"])
	}
	if _, ok := rep["spearman"]; !ok {
		t.Errorf("report lacks spearman: %v", rep)
	}
	checkScorePredictions(t, preds, "1", "2", "3")
}
