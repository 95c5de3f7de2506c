package scoring

import (
	"slices"
	"testing"
)

// TestCompactWeights checks compactWeights against writing the rows into a
// CheckDim-long array in order and compacting that, on rows with repeats
// (the later wins), zeros, both ends of the index range and unsorted order.
func TestCompactWeights(t *testing.T) {
	rows := []indexedWeight{
		{5, 1}, {70, 2}, {5, 3}, {0, 4}, {CheckDim - 1, 5}, {64, 0}, {63, 6}, {200, 7}, {200, 0},
		{1000, 8}, {130, 9}, {129, 10}, {128, 11}, {CheckBuckets, 12},
	}
	arr := make([]float32, CheckDim)
	for _, r := range rows {
		arr[r.f] = r.w
	}
	wantBlocks := make([]weightBlock, (CheckDim+63)/64)
	var wantDense []float32
	for f, w := range arr {
		if f&63 == 0 {
			wantBlocks[f>>6].rank = uint32(len(wantDense))
		}
		if w != 0 {
			wantBlocks[f>>6].nonzero |= 1 << (f & 63)
			wantDense = append(wantDense, w)
		}
	}
	blocks, dense := compactWeights(slices.Clone(rows))
	if !slices.Equal(blocks[:], wantBlocks) || !slices.Equal(dense, wantDense) {
		t.Errorf("dense %v, want %v (blocks equal: %v)", dense, wantDense, slices.Equal(blocks[:], wantBlocks))
	}
	m := checkModel{blocks: blocks, dense: dense}
	for f, w := range arr {
		if got := m.weight(uint32(f)); got != float64(w) {
			t.Fatalf("weight(%d) = %v, want %v", f, got, w)
		}
	}
}
