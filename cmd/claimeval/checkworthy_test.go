package main

import (
	"encoding/json"
	"testing"
)

func TestRunCheckworthy(t *testing.T) {
	rep, preds := runScoreTask(t, "checkworthy",
		`{"id":"1","text":"Unemployment fell to 3.5 percent in 2019, the lowest rate in 50 years.","checkworthy":true}`,
		`{"id":"2","text":"Thank you very much, it is great to be here.","checkworthy":false}`,
	)
	for _, k := range []string{"f1", "precision", "recall", "ap", "threshold"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("report lacks key %q: %v", k, rep)
		}
	}
	var ap float64
	if err := json.Unmarshal(rep["ap"], &ap); err != nil || ap != 1 {
		t.Errorf("ap = %s, want 1 when the claim outranks the thanks", rep["ap"])
	}
	checkScorePredictions(t, preds, "1", "2")
}
