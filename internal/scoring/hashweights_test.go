package scoring

import (
	"strconv"
	"strings"
	"testing"
)

// TestHashWeightsAsMap checks that the table parseHedgeModel fills row by row
// answers as the map of the rows did (the later row wins), for every weight
// row of the embedded model, and on repeats and the zero hash.
func TestHashWeightsAsMap(t *testing.T) {
	m, err := parseHedgeModel(hedgeModelTSV)
	if err != nil {
		t.Fatal(err)
	}
	want := map[uint64]float64{}
	for line := range strings.SplitSeq(hedgeModelTSV, "\n") {
		f := strings.Split(line, "\t")
		if len(f) == 3 && f[0] == "weight" {
			v, err := strconv.ParseFloat(f[2], 64)
			if err != nil {
				t.Fatal(err)
			}
			want[featHash(f[1])] = v
		}
	}
	if len(want) < 1000 {
		t.Fatalf("only %d weight rows read", len(want))
	}
	for h, v := range want {
		if got := m.table.get(h); got != v {
			t.Fatalf("get(%x) = %v, want %v", h, got, v)
		}
	}
	tb := newHashWeights(4)
	for _, kv := range [][2]float64{{1, 1}, {17, 2}, {1, 3}, {0, 4}, {33, 5}, {0, 6}} {
		tb.set(uint64(kv[0]), kv[1])
	}
	for h, v := range map[uint64]float64{1: 3, 17: 2, 0: 6, 33: 5, 2: 0, 49: 0} {
		if got := tb.get(h); got != v {
			t.Errorf("get(%d) = %v, want %v", h, got, v)
		}
	}
}
