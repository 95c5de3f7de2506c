package main

import (
	"context"
	"testing"
)

func TestTrainLogRegLearnsAndIsDeterministic(t *testing.T) {
	// feature 0 marks positives, feature 1 negatives, feature 2 is noise on both
	var xs []example
	for i := 0; i < 200; i++ {
		if i%2 == 0 {
			xs = append(xs, example{feats: []int32{0, 2}, y: 1, w: 1})
		} else {
			xs = append(xs, example{feats: []int32{1, 2}, y: 0, w: 1})
		}
	}
	cfg := logRegConfig{epochs: 10, rate: 0.1, seed: 7}
	w1, b1, err := trainLogReg(context.Background(), xs, 3, cfg)
	if err != nil {
		t.Fatal(err)
	}
	w2, b2, _ := trainLogReg(context.Background(), xs, 3, cfg)
	if b1 != b2 || w1[0] != w2[0] || w1[1] != w2[1] || w1[2] != w2[2] {
		t.Fatalf("two runs differ: %v %v vs %v %v", w1, b1, w2, b2)
	}
	if p := sigmoid(b1 + w1[0] + w1[2]); p < 0.9 {
		t.Errorf("positive pattern scores %.3f, want > 0.9", p)
	}
	if p := sigmoid(b1 + w1[1] + w1[2]); p > 0.1 {
		t.Errorf("negative pattern scores %.3f, want < 0.1", p)
	}
}

func TestBestThreshold(t *testing.T) {
	// positives spread over 0.55-0.95, negatives over 0.05-0.45: any threshold in
	// the gap is perfect, and the smoothed choice must land inside it
	var scores []float64
	var labels []bool
	for i := 0; i < 9; i++ {
		scores = append(scores, 0.55+0.05*float64(i), 0.05+0.05*float64(i))
		labels = append(labels, true, false)
	}
	th, f1 := bestThreshold(scores, labels)
	if f1 != 1 || th <= 0.45 || th > 0.55 {
		t.Errorf("threshold %.3f F1 %.3f, want F1 1 with threshold in (0.45, 0.55]", th, f1)
	}
	// a lone positive spike at 0.99 must not pull the threshold up to it
	scores = append(scores, 0.99)
	labels = append(labels, true)
	if th, _ := bestThreshold(scores, labels); th > 0.6 {
		t.Errorf("threshold %.3f chased the spike", th)
	}
}

func TestPruneTop(t *testing.T) {
	got := pruneTop([]float64{0.1, -3, 0, 2, -0.5}, 2)
	want := []float64{0, -3, 0, 2, 0}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("pruneTop = %v, want %v", got, want)
		}
	}
}
