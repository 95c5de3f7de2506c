package learn

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// SeqExample is one tagged sequence: per token its binary sparse features
// (indices below the model's dimension) and its gold label index.
type SeqExample struct {
	Tokens [][]int32
	Labels []int
}

// Sequence is a first-order linear-chain tagger: an emission weight per
// (feature, label), stored row-major in W, and a transition weight per (label
// before, label) in Trans, where row 0 is the start of the sequence and row
// p+1 follows label p. Allowed, of the same shape as Trans, forbids the
// transitions a label scheme rules out (BIO: no I-X after O), so decoded tags
// always form valid spans.
type Sequence struct {
	Labels  []string
	Dim     int
	W       []float64
	Trans   []float64
	Allowed []bool
}

// BIOAllowed is the transition table of a BIO label set: "I-X" may only follow
// "B-X" or "I-X" (never start a sequence); every other transition is allowed.
// It has the shape of Sequence.Trans.
func BIOAllowed(labels []string) []bool {
	L := len(labels)
	ok := make([]bool, (L+1)*L)
	for p := -1; p < L; p++ {
		for l, name := range labels {
			allowed := true
			if typ, in := strings.CutPrefix(name, "I-"); in {
				allowed = p >= 0 && (labels[p] == "B-"+typ || labels[p] == "I-"+typ)
			}
			ok[(p+1)*L+l] = allowed
		}
	}
	return ok
}

// Decode returns the highest-scoring allowed label sequence for tokens by
// Viterbi search (O(n·L²)). An empty input gives an empty result.
func (s *Sequence) Decode(tokens [][]int32) []int {
	return s.decode(s.W, s.Trans, tokens)
}

func (s *Sequence) decode(w, trans []float64, tokens [][]int32) []int {
	n, L := len(tokens), len(s.Labels)
	if n == 0 {
		return nil
	}
	score := make([]float64, n*L)
	back := make([]int32, n*L)
	emit := make([]float64, L)
	for t, feats := range tokens {
		clear(emit)
		for _, f := range feats {
			row := w[int(f)*L : int(f+1)*L]
			for l, v := range row {
				emit[l] += v
			}
		}
		for l := 0; l < L; l++ {
			best, arg := math.Inf(-1), int32(-1)
			if t == 0 {
				if s.Allowed == nil || s.Allowed[l] {
					best = trans[l]
				}
			} else {
				for p := 0; p < L; p++ {
					if s.Allowed != nil && !s.Allowed[(p+1)*L+l] {
						continue
					}
					if v := score[(t-1)*L+p] + trans[(p+1)*L+l]; v > best {
						best, arg = v, int32(p)
					}
				}
			}
			score[t*L+l] = best + emit[l]
			back[t*L+l] = arg
		}
	}
	out := make([]int, n)
	last := 0
	for l := 1; l < L; l++ {
		if score[(n-1)*L+l] > score[(n-1)*L+last] {
			last = l
		}
	}
	for t := n - 1; t >= 0; t-- {
		out[t] = last
		last = int(back[t*L+last])
	}
	return out
}

// TrainSequence fits an averaged structured perceptron (Collins 2002): each
// sequence, in an order shuffled by cfg.Seed every epoch, is decoded with the
// current weights and, where the decoded labels differ from the gold ones, the
// gold features and transitions gain and the decoded ones lose. allowed (nil:
// all) constrains both training and decoding.
func TrainSequence(ctx context.Context, xs []SeqExample, dim int, labels []string, allowed []bool, cfg PerceptronConfig) (*Sequence, error) {
	L := len(labels)
	if L < 2 {
		return nil, fmt.Errorf("train sequence: %d labels, need at least 2", L)
	}
	if allowed != nil && len(allowed) != (L+1)*L {
		return nil, fmt.Errorf("train sequence: allowed table has %d entries, want %d", len(allowed), (L+1)*L)
	}
	s := &Sequence{Labels: labels, Dim: dim, Allowed: allowed}
	aw := newAveraged(dim * L)
	at := newAveraged((L + 1) * L)
	err := visit(ctx, len(xs), cfg, 0x51e9, func(i int) error {
		x := xs[i]
		if len(x.Labels) != len(x.Tokens) {
			return fmt.Errorf("train sequence: example %d has %d labels for %d tokens", i, len(x.Labels), len(x.Tokens))
		}
		pred := s.decode(aw.w, at.w, x.Tokens)
		prevG, prevP := -1, -1
		for t, feats := range x.Tokens {
			g, p := x.Labels[t], pred[t]
			if g < 0 || g >= L {
				return fmt.Errorf("train sequence: example %d token %d has label %d of %d", i, t, g, L)
			}
			if g != p {
				for _, f := range feats {
					aw.add(int(f)*L+g, 1)
					aw.add(int(f)*L+p, -1)
				}
			}
			if g != p || prevG != prevP {
				at.add((prevG+1)*L+g, 1)
				at.add((prevP+1)*L+p, -1)
			}
			prevG, prevP = g, p
		}
		aw.c++
		at.c++
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.W, s.Trans = aw.final(), at.final()
	return s, nil
}

// WriteRows writes the tagger as rows: "label <i> <name>", "dim <n>", the
// non-zero transitions "t <before> <label> <weight>" (before −1 is the start),
// forbidden transitions "x <before> <label>", and the non-zero emissions
// "e <feature> <label> <weight>".
func (s *Sequence) WriteRows(mw *ModelWriter) {
	L := len(s.Labels)
	for i, n := range s.Labels {
		mw.Row("label", strconv.Itoa(i), n)
	}
	mw.Row("dim", strconv.Itoa(s.Dim))
	for i, v := range s.Trans {
		if v != 0 {
			mw.Row("t", strconv.Itoa(i/L-1), strconv.Itoa(i%L), FormatWeight(v))
		}
	}
	for i, ok := range s.Allowed {
		if !ok {
			mw.Row("x", strconv.Itoa(i/L-1), strconv.Itoa(i%L))
		}
	}
	for i, v := range s.W {
		if v != 0 {
			mw.Row("e", strconv.Itoa(i/L), strconv.Itoa(i%L), FormatWeight(v))
		}
	}
}

// ReadSequence rebuilds a tagger from the rows WriteRows wrote.
func ReadSequence(rows [][]string) (*Sequence, error) {
	s := &Sequence{Dim: -1}
	bad := func(r []string) error { return fmt.Errorf("read sequence: bad row %q", r) }
	ints := func(r []string, n int) ([]int, bool) {
		out := make([]int, n)
		for k := 0; k < n; k++ {
			v, err := strconv.Atoi(r[1+k])
			if err != nil {
				return nil, false
			}
			out[k] = v
		}
		return out, true
	}
	for _, r := range rows {
		L := len(s.Labels)
		switch r[0] {
		case "label":
			if len(r) != 3 || r[1] != strconv.Itoa(L) || s.Dim >= 0 {
				return nil, bad(r)
			}
			s.Labels = append(s.Labels, r[2])
		case "dim":
			n, err := strconv.Atoi(r[min(1, len(r)-1)])
			if len(r) != 2 || err != nil || n < 0 || L < 2 || n > 1<<26/L {
				return nil, bad(r)
			}
			s.Dim = n
			s.W = make([]float64, n*L)
			s.Trans = make([]float64, (L+1)*L)
			s.Allowed = make([]bool, (L+1)*L)
			for i := range s.Allowed {
				s.Allowed[i] = true
			}
		case "t", "e", "x":
			want := 4
			if r[0] == "x" {
				want = 3
			}
			if s.Dim < 0 || len(r) != want {
				return nil, bad(r)
			}
			ab, ok := ints(r, 2)
			if !ok || ab[1] < 0 || ab[1] >= L {
				return nil, bad(r)
			}
			var i int
			var dst []float64
			switch r[0] {
			case "e":
				if ab[0] < 0 || ab[0] >= s.Dim {
					return nil, bad(r)
				}
				i, dst = ab[0]*L+ab[1], s.W
			default:
				if ab[0] < -1 || ab[0] >= L {
					return nil, bad(r)
				}
				i, dst = (ab[0]+1)*L+ab[1], s.Trans
			}
			if r[0] == "x" {
				s.Allowed[i] = false
				continue
			}
			v, err := ParseWeight(r[3])
			if err != nil {
				return nil, bad(r)
			}
			dst[i] = v
		}
	}
	if s.Dim < 0 {
		return nil, fmt.Errorf("read sequence: no dim row")
	}
	return s, nil
}

// Spans turns a BIO label sequence into [start, end) token ranges per span
// type ("B-SRC I-SRC O" gives {"SRC", 0, 2}). A stray I- (which a constrained
// decode never produces) starts a span of its own.
func Spans(labels []string, tags []int) []Span {
	var out []Span
	for t := 0; t < len(tags); t++ {
		name := labels[tags[t]]
		typ, ok := strings.CutPrefix(name, "B-")
		if !ok {
			if typ, ok = strings.CutPrefix(name, "I-"); !ok {
				continue
			}
		}
		end := t + 1
		for end < len(tags) && labels[tags[end]] == "I-"+typ {
			end++
		}
		out = append(out, Span{Type: typ, Start: t, End: end})
		t = end - 1
	}
	return out
}

// Span is a typed range of tokens [Start, End) decoded from BIO tags.
type Span struct {
	Type       string
	Start, End int
}
