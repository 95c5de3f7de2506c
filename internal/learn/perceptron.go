package learn

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
)

// PerceptronConfig are the training knobs of the averaged perceptrons.
type PerceptronConfig struct {
	Epochs int    // passes over the examples
	Seed   uint64 // seed of the example order; same seed, same weights
}

// averaged accumulates perceptron weights and their running sum with the
// usual timestamp trick (w − u/c is the average of w over all c steps), so
// averaging costs O(1) per update instead of O(dim) per example.
type averaged struct {
	w, u []float64
	c    float64
}

func newAveraged(n int) *averaged {
	return &averaged{w: make([]float64, n), u: make([]float64, n), c: 1}
}

func (a *averaged) add(i int, d float64) {
	a.w[i] += d
	a.u[i] += a.c * d
}

func (a *averaged) final() []float64 {
	out := make([]float64, len(a.w))
	for i := range out {
		out[i] = a.w[i] - a.u[i]/a.c
	}
	return out
}

// visit calls step for every example index, cfg.Epochs times, in an order
// shuffled by cfg.Seed (and a per-learner stream) before each epoch, checking
// ctx between epochs: the one training loop all the perceptrons share.
func visit(ctx context.Context, n int, cfg PerceptronConfig, stream uint64, step func(i int) error) error {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, stream))
	for epoch := 0; epoch < cfg.Epochs; epoch++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		for _, i := range order {
			if err := step(i); err != nil {
				return err
			}
		}
	}
	return nil
}

// ClassExample is one multiclass example: binary sparse features (indices
// below the model's dimension) and the index of its gold class.
type ClassExample struct {
	Feats []int32
	Y     int
}

// Multiclass is a linear multiclass model: one weight per (feature, class),
// stored row-major in W (W[f*Classes+k]). The class of an input is the one
// with the highest score; ties go to the lower class index.
type Multiclass struct {
	Classes int
	Dim     int
	W       []float64
}

// Scores fills out (len Classes) with each class's score for feats.
func (m *Multiclass) Scores(feats []int32, out []float64) {
	clear(out)
	for _, f := range feats {
		row := m.W[int(f)*m.Classes : int(f+1)*m.Classes]
		for k, v := range row {
			out[k] += v
		}
	}
}

// Predict is the best-scoring class for feats.
func (m *Multiclass) Predict(feats []int32) int {
	s := make([]float64, m.Classes)
	m.Scores(feats, s)
	return argmax(s)
}

func argmax(s []float64) int {
	best := 0
	for k := range s {
		if s[k] > s[best] {
			best = k
		}
	}
	return best
}

// TrainMulticlass fits an averaged perceptron: for each example (in an order
// shuffled by cfg.Seed every epoch) the predicted class's weights lose the
// features and the gold class's gain them when the two differ. The averaged
// weights generalise far better than the last ones.
func TrainMulticlass(ctx context.Context, xs []ClassExample, dim, classes int, cfg PerceptronConfig) (*Multiclass, error) {
	if classes < 2 {
		return nil, fmt.Errorf("train multiclass: %d classes, need at least 2", classes)
	}
	a := newAveraged(dim * classes)
	m := &Multiclass{Classes: classes, Dim: dim, W: a.w}
	scores := make([]float64, classes)
	err := visit(ctx, len(xs), cfg, 0x9e37, func(i int) error {
		x := xs[i]
		if x.Y < 0 || x.Y >= classes {
			return fmt.Errorf("train multiclass: example %d has class %d of %d", i, x.Y, classes)
		}
		m.Scores(x.Feats, scores)
		if p := argmax(scores); p != x.Y {
			for _, f := range x.Feats {
				a.add(int(f)*classes+x.Y, 1)
				a.add(int(f)*classes+p, -1)
			}
		}
		a.c++
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &Multiclass{Classes: classes, Dim: dim, W: a.final()}, nil
}

// WriteRows writes the non-zero weights as rows "w <feature> <class> <weight>".
func (m *Multiclass) WriteRows(mw *ModelWriter) {
	mw.Row("dim", strconv.Itoa(m.Dim), strconv.Itoa(m.Classes))
	for i, v := range m.W {
		if v != 0 {
			mw.Row("w", strconv.Itoa(i/m.Classes), strconv.Itoa(i%m.Classes), FormatWeight(v))
		}
	}
}

// ReadMulticlass rebuilds a Multiclass from the rows WriteRows wrote (other
// rows are ignored, so a file can hold more than one model's metadata).
func ReadMulticlass(rows [][]string) (*Multiclass, error) {
	var m *Multiclass
	for _, r := range rows {
		switch {
		case r[0] == "dim" && len(r) == 3:
			dim, err1 := strconv.Atoi(r[1])
			k, err2 := strconv.Atoi(r[2])
			if err1 != nil || err2 != nil || dim < 0 || k < 2 || dim > 1<<26/k {
				return nil, fmt.Errorf("read multiclass: bad dim row %q", r)
			}
			m = &Multiclass{Classes: k, Dim: dim, W: make([]float64, dim*k)}
		case r[0] == "w" && len(r) == 4:
			if m == nil {
				return nil, fmt.Errorf("read multiclass: weight before dim row")
			}
			f, err1 := strconv.Atoi(r[1])
			k, err2 := strconv.Atoi(r[2])
			v, err3 := ParseWeight(r[3])
			if err1 != nil || err2 != nil || err3 != nil || f < 0 || f >= m.Dim || k < 0 || k >= m.Classes {
				return nil, fmt.Errorf("read multiclass: bad weight row %q", r)
			}
			m.W[f*m.Classes+k] = v
		}
	}
	if m == nil {
		return nil, fmt.Errorf("read multiclass: no dim row")
	}
	return m, nil
}

// Choice is one ranking example: candidates, each with its own binary sparse
// features, and the index of the right one. It serves choosers such as "which
// mention is the source of this cue", where the classes vary per example.
type Choice struct {
	Cands [][]int32
	Gold  int
}

// RankScore is a candidate's score under ranking weights w.
func RankScore(w []float64, feats []int32) float64 {
	var s float64
	for _, f := range feats {
		s += w[f]
	}
	return s
}

// TrainRanker fits an averaged ranking perceptron: when the best-scoring
// candidate is not the gold one, the gold candidate's features gain and the
// predicted one's lose. Examples with Gold out of range are skipped (they
// carry no decision to learn).
func TrainRanker(ctx context.Context, xs []Choice, dim int, cfg PerceptronConfig) ([]float64, error) {
	a := newAveraged(dim)
	err := visit(ctx, len(xs), cfg, 0x7a4b, func(i int) error {
		x := xs[i]
		if x.Gold < 0 || x.Gold >= len(x.Cands) {
			return nil
		}
		best, bestS := 0, 0.0
		for k, c := range x.Cands {
			if s := RankScore(a.w, c); k == 0 || s > bestS {
				best, bestS = k, s
			}
		}
		if best != x.Gold {
			for _, f := range x.Cands[x.Gold] {
				a.add(int(f), 1)
			}
			for _, f := range x.Cands[best] {
				a.add(int(f), -1)
			}
		}
		a.c++
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a.final(), nil
}
