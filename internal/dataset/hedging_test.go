package dataset

import (
	"os"
	"path/filepath"
	"testing"
)

func writeScoringTemp(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "x.jsonl")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadHedging(t *testing.T) {
	p := writeScoringTemp(t, `{"id":"d/S1","domain":"factbank","text":"It may rain.","uncertain":true,"cues":[{"start":3,"end":6,"text":"may","type":"speculation_modal_probable_"}]}`+"\n"+
		`{"id":"d/S2","domain":"wiki","text":"It rained.","uncertain":false,"cues":[]}`+"\n")
	got, err := ReadHedging(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Domain != "factbank" || !got[0].Uncertain || got[1].Uncertain {
		t.Fatalf("records = %+v", got)
	}
	c := got[0].Cues[0]
	if got[0].Text[c.Start:c.End] != c.Text || c.Type != "speculation_modal_probable_" {
		t.Errorf("cue %+v does not slice its sentence", c)
	}
}

func TestReadCertainty(t *testing.T) {
	p := writeScoringTemp(t, `{"id":"0","text":"Screening appeared to reduce deaths.","certainty":4.5}`+"\n")
	got, err := ReadCertainty(p)
	if err != nil || len(got) != 1 || got[0].Certainty != 4.5 || got[0].ID != "0" {
		t.Fatalf("got %+v, %v", got, err)
	}
}

func TestReadCheckworthy(t *testing.T) {
	p := writeScoringTemp(t, `{"id":"1","text":"Taxes rose 5 percent.","checkworthy":true}`+"\n"+`{"id":"2","text":"Thank you.","checkworthy":false}`+"\n")
	got, err := ReadCheckworthy(p)
	if err != nil || len(got) != 2 || !got[0].Checkworthy || got[1].Checkworthy {
		t.Fatalf("got %+v, %v", got, err)
	}
	if _, err := ReadCheckworthy(writeScoringTemp(t, `{"id":"1","checkworthy":"yes"}`+"\n")); err == nil {
		t.Error("a non-boolean label decoded without error")
	}
}
