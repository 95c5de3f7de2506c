package batch

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRecover checks what Recover keeps of an earlier run's output.
func TestRecover(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		lines     int64
		lastID    string
		truncated int64
		keep      string // file content after Recover
		wantErr   string
	}{
		{"empty", "", 0, "", 0, "", ""},
		{"complete lines", `{"line":1,"id":"a","claims":[]}` + "\n" + `{"line":2,"error":{"code":"INVALID_ARGUMENT"}}` + "\n",
			2, "", 0, `{"line":1,"id":"a","claims":[]}` + "\n" + `{"line":2,"error":{"code":"INVALID_ARGUMENT"}}` + "\n", ""},
		{"partial last line is cut", `{"line":1,"id":"a","claims":[]}` + "\n" + `{"line":2,"id":"b","cla`,
			1, "a", 23, `{"line":1,"id":"a","claims":[]}` + "\n", ""},
		{"only a partial line", `{"line":1,"id":"a"`, 0, "", 18, "", ""},
		{"escaped id", `{"line":1,"id":"q\"\u00e9","claims":[]}` + "\n", 1, "q\"é", 0, `{"line":1,"id":"q\"\u00e9","claims":[]}` + "\n", ""},
		{"a line out of sequence", `{"line":1,"id":"a"}` + "\n" + `{"line":3,"id":"c"}` + "\n", 0, "", 0, "", "line 2 is not the record for input line 2"},
		{"a corrupt complete line", `{"line":1,"id":"a"}` + "\n" + "\x00\x00\x00\n", 0, "", 0, "", "line 2 is not the record"},
		{"not our output", "id,text\nx,y\n", 0, "", 0, "", "line 1 is not the record"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "out.jsonl")
			if err := os.WriteFile(path, []byte(tt.file), 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			d, err := Recover(f)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Lines != tt.lines || d.LastID != tt.lastID || d.Truncated != tt.truncated {
				t.Errorf("got lines %d last %q truncated %d, want %d %q %d", d.Lines, d.LastID, d.Truncated, tt.lines, tt.lastID, tt.truncated)
			}
			if _, err := f.WriteString("NEXT"); err != nil {
				t.Fatal(err)
			}
			b, _ := os.ReadFile(path)
			if string(b) != tt.keep+"NEXT" {
				t.Errorf("file after Recover and an append = %q, want %q", b, tt.keep+"NEXT")
			}
		})
	}
}

// TestResume interrupts a run at several points (including mid-line, as a
// kill during a write leaves it), resumes it, and checks that every input line
// is answered exactly once, in order, with the same records a single run gives.
func TestResume(t *testing.T) {
	p := newPipeline(t)
	var ins []Input
	for i := range 60 {
		ins = append(ins, Input{ID: fmt.Sprintf("r%02d", i), Text: article(i)})
	}
	input := jsonl(t, ins...) + "{bad line\n" + jsonl(t, Input{ID: "r00", Text: "A repeat said so."}, Input{Text: "No id, the clerk said."})
	full, _ := runAll(t, local(p, 1), Config{}, input)
	fullRecs := records(t, full)
	for _, cut := range []int{0, 1, len(full) / 3, len(full)/2 + 7, len(full) - 1, len(full)} {
		t.Run(fmt.Sprintf("cut at byte %d", cut), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "out.jsonl")
			if err := os.WriteFile(path, full[:cut], 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			done, err := Recover(f)
			if err != nil {
				t.Fatal(err)
			}
			sum, err := Run(context.Background(), strings.NewReader(input), f, local(p, 3), Config{Window: 6, MaxLineBytes: 1 << 20, Resume: done})
			if err != nil {
				t.Fatal(err)
			}
			f.Close()
			out, _ := os.ReadFile(path)
			recs := records(t, out)
			if len(recs) != len(fullRecs) || sum.Resumed+sum.Lines != int64(len(fullRecs)) {
				t.Fatalf("%d records after resume (summary: %d resumed + %d), want %d", len(recs), sum.Resumed, sum.Lines, len(fullRecs))
			}
			seen := map[int64]bool{}
			for i, r := range recs {
				if r.Line != int64(i+1) || seen[r.Line] {
					t.Fatalf("record %d answers line %d", i+1, r.Line)
				}
				seen[r.Line] = true
				if r.ID != fullRecs[i].ID || (r.Error == nil) != (fullRecs[i].Error == nil) || len(r.Claims) != len(fullRecs[i].Claims) {
					t.Errorf("line %d: id %q error %v claims %d; a single run gives %q %v %d",
						r.Line, r.ID, r.Error, len(r.Claims), fullRecs[i].ID, fullRecs[i].Error, len(fullRecs[i].Claims))
				}
			}
			// The repeated ID is still refused when its first use was written by the earlier run.
			if e := recs[61].Error; e == nil || !namesField(e, "id") {
				t.Errorf("line 62 (repeats r00): error %+v, want a repeated-id violation", e)
			}
		})
	}
}

// TestResumeOtherInput refuses to resume an output against a different input.
func TestResumeOtherInput(t *testing.T) {
	p := newPipeline(t)
	first := jsonl(t, Input{ID: "a", Text: article(1)}, Input{ID: "b", Text: article(2)})
	out, _ := runAll(t, local(p, 1), Config{}, first)
	path := filepath.Join(t.TempDir(), "out.jsonl")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	done, err := Recover(f)
	if err != nil {
		t.Fatal(err)
	}
	for name, other := range map[string]string{
		"different ids": jsonl(t, Input{ID: "a", Text: article(1)}, Input{ID: "x", Text: article(2)}, Input{ID: "c", Text: article(3)}),
		"shorter input": jsonl(t, Input{ID: "a", Text: article(1)}),
	} {
		_, err := Run(context.Background(), strings.NewReader(other), f, local(p, 1), Config{Window: 2, MaxLineBytes: 1 << 20, Resume: done})
		if err == nil || !strings.Contains(err.Error(), "same input") {
			t.Errorf("%s: err = %v, want a refusal naming the input", name, err)
		}
	}
}

// TestResumeKeepsCrossArticleLinks: a resumed run's cross-article links reach
// back into the lines the earlier run wrote, so the output after an
// interruption is byte for byte the uninterrupted run's, at any concurrency
// (articles enter the linker in input order). Before, the
// resumed run started with an empty linking index and lost every link from a
// resumed line to a kept one.
func TestResumeKeepsCrossArticleLinks(t *testing.T) {
	p := newPipeline(t)
	var ins []Input
	for i := range 24 {
		ins = append(ins, Input{ID: fmt.Sprintf("k%02d", i), Text: article(i)})
	}
	input := jsonl(t, ins...)
	for _, c := range []struct{ window, workers int }{{0, 1}, {50000, 1}, {40, 1}, {0, 3}, {50000, 3}} { // unbounded, wider than the input, a few articles
		window := c.window
		t.Run(fmt.Sprintf("window %d workers %d", window, c.workers), func(t *testing.T) {
			be := local(p, c.workers)
			be.LinkWindow = window
			full, _ := runAll(t, be, Config{}, input)
			recs := records(t, full)
			cut := 0
			for i := 0; i < 12; i++ { // keep the first 12 lines
				cut += bytes.IndexByte(full[cut:], '\n') + 1
			}
			path := filepath.Join(t.TempDir(), "out.jsonl")
			if err := os.WriteFile(path, full[:cut], 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			done, err := Recover(f)
			if err != nil {
				t.Fatal(err)
			}
			if done.Lines != 12 || len(done.Claims) != 12 || done.Claims[0] != int32(len(recs[0].Claims)) {
				t.Fatalf("Recover: %d lines, claims %v; want 12 lines, first with %d claims", done.Lines, done.Claims, len(recs[0].Claims))
			}
			if _, err := Run(context.Background(), strings.NewReader(input), f, be, Config{Window: 4, MaxLineBytes: 1 << 20, Resume: done, Replay: done.ReplayFrom(window)}); err != nil {
				t.Fatal(err)
			}
			out, _ := os.ReadFile(path)
			if window == 40 {
				// A small window rotates its generations at other points
				// after a replay, so only the reach is compared: links into
				// the kept lines exist.
				if !crossesInto(t, out[cut:], 12) {
					t.Errorf("no resumed line links back to a kept one")
				}
				return
			}
			if !bytes.Equal(out, full) {
				t.Errorf("output after resume differs from the uninterrupted run's")
				for i, r := range records(t, out) {
					if len(r.CrossArticleLinks) != len(recs[i].CrossArticleLinks) {
						t.Errorf("line %d: %d cross-article links, uninterrupted %d", r.Line, len(r.CrossArticleLinks), len(recs[i].CrossArticleLinks))
					}
				}
			}
		})
	}
}

// crossesInto reports whether any record in out links to a claim of one of
// the first kept articles (k00 … k<kept-1>).
func crossesInto(t *testing.T, out []byte, kept int) bool {
	isKept := func(claimID string) bool {
		art, _, _ := strings.Cut(claimID, "#")
		var n int
		_, err := fmt.Sscanf(art, "k%02d", &n)
		return err == nil && n < kept
	}
	for _, r := range records(t, out) {
		for _, l := range r.CrossArticleLinks {
			if isKept(l.OtherClaimID) || isKept(l.ClaimID) {
				return true
			}
		}
	}
	return false
}
