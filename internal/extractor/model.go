package extractor

import (
	_ "embed"
	"fmt"
	"io"
	"math"
	"strconv"
	"sync"

	"github.com/claimsvc/claimsvc/internal/learn"
)

// Stage 4c's weights: the attribution model. Three linear models over the
// hashed features of features.go, learned from PolNeAR train by
// `go run ./cmd/claimtrain attribution` (train.go) and embedded here:
//
//	keep     logistic regression: is a rule relation a real attribution?
//	src      ranking perceptron: which candidate is the speaker phrase?
//	content  ranking perceptron: which candidate is the content?
//
// The file is a learn model file: a header saying how it was made, then rows
// "keep|src|content <feature> <weight>".

// attributionModelFile is embedded as a string so that loading it reads the
// binary's read-only data in place (ParseModel cuts substrings of it).
//
//go:embed models/attribution.tsv
var attributionModelFile string

// attrModel is the loaded attribution model; read-only, shared by all calls.
type attrModel struct {
	keep          []float32
	keepBias      float64
	keepThreshold float64
	src           []float32
	content       []float32
	// cueWords, when set, are the candidate cue words the model was trained to
	// judge: the lexicon adds them and skips the cue-precision drops.
	cueWords []string
}

// keepScore is the cue classifier's probability for features ids.
func (md *attrModel) keepScore(ids []int32) float64 {
	z := md.keepBias
	for _, f := range ids {
		z += float64(md.keep[f])
	}
	return learn.Sigmoid(z)
}

// loadAttrModel parses a model file's text, row by row into the weight tables
// (learn.ParseModel): start-up allocates the tables, not the rows.
func loadAttrModel(text string) (*attrModel, error) {
	md := &attrModel{keep: make([]float32, featDim), src: make([]float32, featDim), content: make([]float32, featDim)}
	h, err := learn.ParseModel(text, md.addRow)
	if err != nil {
		return nil, fmt.Errorf("attribution model: %w", err)
	}
	param := func(name string) (float64, error) {
		v, ok := h.Param(name)
		if !ok {
			return 0, fmt.Errorf("attribution model: no %s parameter", name)
		}
		return strconv.ParseFloat(v, 64)
	}
	bits, err := param("feature-bits")
	if err != nil || bits != featBits {
		return nil, fmt.Errorf("attribution model: feature-bits %v, want %d (%v)", bits, featBits, err)
	}
	if md.keepBias, err = param("keep-bias"); err != nil {
		return nil, err
	}
	if md.keepThreshold, err = param("keep-threshold"); err != nil {
		return nil, err
	}
	return md, nil
}

// addRow reads one row of the model file into md: a cue word, or a weight of
// one part ("keep|src|content <feature> <weight>").
func (md *attrModel) addRow(row []string) error {
	if len(row) == 2 && row[0] == "cueword" {
		md.cueWords = append(md.cueWords, row[1])
		return nil
	}
	if len(row) != 3 {
		return fmt.Errorf("bad row %q", row)
	}
	var dst []float32
	switch row[0] {
	case "keep":
		dst = md.keep
	case "src":
		dst = md.src
	case "content":
		dst = md.content
	default:
		return fmt.Errorf("unknown row %q", row[0])
	}
	f, err := strconv.Atoi(row[1])
	if err != nil || f < 0 || f >= featDim {
		return fmt.Errorf("bad feature in %q", row)
	}
	v, err := learn.ParseWeight(row[2])
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("bad weight in %q", row)
	}
	dst[f] = float32(v)
	return nil
}

// writeAttrModel writes md in the format loadAttrModel reads, keeping at most
// keep weights of each part (those of largest magnitude).
func writeAttrModel(w io.Writer, h learn.Header, md *attrModel, keep int) error {
	h.Params = append(h.Params, learn.P("feature-bits", featBits),
		learn.Param{Name: "keep-bias", Value: learn.FormatWeight(md.keepBias)},
		learn.Param{Name: "keep-threshold", Value: learn.FormatWeight(md.keepThreshold)})
	mw := learn.NewModelWriter(w, h)
	for _, cw := range md.cueWords {
		mw.Row("cueword", cw)
	}
	for _, part := range []struct {
		name string
		w    []float32
	}{{"keep", md.keep}, {"src", md.src}, {"content", md.content}} {
		w64 := make([]float64, len(part.w))
		for i, v := range part.w {
			w64[i] = float64(v)
		}
		for i, v := range learn.PruneTop(w64, keep) {
			if v != 0 {
				mw.Row(part.name, strconv.Itoa(i), learn.FormatWeight(v))
			}
		}
	}
	return mw.Close()
}

// embeddedAttrModel parses the embedded model file once; the model is
// read-only, so every Extractor shares it.
var embeddedAttrModel = sync.OnceValues(func() (*attrModel, error) {
	return loadAttrModel(attributionModelFile)
})
