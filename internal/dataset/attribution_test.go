package dataset

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDecodeAttribution checks that a PolNeAR record's spans, texts and quote type
// decode, including discontinuous content and an implicit (empty) source.
func TestDecodeAttribution(t *testing.T) {
	line := `{"id":"a1","publisher":"nyt","text":"Lavrov said it failed.","attributions":[` +
		`{"source":[[0,6]],"source_text":"Lavrov","cue":[[7,11]],"cue_text":"said","content":[[12,14],[15,21]],"content_text":"it failed","quote_type":"indirect"},` +
		`{"source":[],"source_text":"","cue":[[7,11]],"cue_text":"said","content":[],"content_text":"","quote_type":"no_content"}]}`
	got, err := DecodeJSONL[AttributionArticle](strings.NewReader(line+"\n"), "x.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0].Attributions) != 2 {
		t.Fatalf("got %+v", got)
	}
	a := got[0].Attributions[0]
	if a.Source[0] != [2]int{0, 6} || len(a.Content) != 2 || a.Content[1] != [2]int{15, 21} || a.QuoteType != "indirect" {
		t.Errorf("first attribution = %+v", a)
	}
	if b := got[0].Attributions[1]; len(b.Source) != 0 || b.QuoteType != "no_content" {
		t.Errorf("second attribution = %+v", b)
	}
}

// TestSeedsDir checks that the seeds folder is found beside the data folder.
func TestSeedsDir(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "data")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvDir, data)
	if _, err := SeedsDir(); err == nil {
		t.Fatal("no seeds folder yet, want an error")
	}
	if err := os.Mkdir(filepath.Join(root, "seeds"), 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := SeedsDir()
	if err != nil || got != filepath.Join(root, "seeds") {
		t.Fatalf("SeedsDir = %q, %v", got, err)
	}
	if _, err := ReadSeeds(); err == nil {
		t.Fatal("an empty seeds folder must be an error")
	}
	for _, f := range []string{"b.txt", "a.txt", "notes.md"} {
		if err := os.WriteFile(filepath.Join(root, "seeds", f), []byte("text of "+f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	seeds, err := ReadSeeds()
	if err != nil || len(seeds) != 2 || seeds[0].Name != "a" || seeds[1].Text != "text of b.txt" {
		t.Fatalf("ReadSeeds = %+v, %v; want a then b, .txt only", seeds, err)
	}
}
