package dataset

import (
	"strings"
	"testing"
)

func TestDecodeJSONL(t *testing.T) {
	type rec struct {
		ID string `json:"id"`
	}
	tests := []struct {
		name    string
		in      string
		want    int
		wantErr string
	}{
		{"two records", `{"id":"a"}` + "\n" + `{"id":"b"}` + "\n", 2, ""},
		{"blank lines skipped", "\n" + `{"id":"a"}` + "\n\n", 1, ""},
		{"bad line named", `{"id":"a"}` + "\n{oops\n", 0, "x.jsonl:2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeJSONL[rec](strings.NewReader(tt.in), "x.jsonl")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || len(got) != tt.want {
				t.Fatalf("got %d records, err %v; want %d", len(got), err, tt.want)
			}
		})
	}
}

func TestDirFromEnv(t *testing.T) {
	t.Setenv(EnvDir, t.TempDir())
	if _, err := Dir(); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvDir, "/no/such/folder")
	if _, err := Dir(); err == nil {
		t.Fatal("a missing folder must be an error")
	}
}
