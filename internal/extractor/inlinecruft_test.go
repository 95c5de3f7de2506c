package extractor

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// TestInlineCruftMatchesByteLoop checks inlineCruft, which jumps between the
// places a cut can start, against the byte-by-byte loop it replaced, on random
// lines built from markers, the word ADVERTISEMENT inside and outside words,
// brackets, newlines and letters, at random ranges.
func TestInlineCruftMatchesByteLoop(t *testing.T) {
	e := newTestExtractor(t)
	parts := []string{"[", "]", "[NOTE: x]", "[AB:", "[CITATION: y", "ADVERTISEMENT", "xADVERTISEMENT",
		"ADVERTISEMENTS", "ADVERT", "A", "AD", " ", "\n", "word", "Said", ":", "[[", "ZZ", "é"}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := rng.Intn(12); k >= 0; k-- {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		text := b.String()
		ls := rng.Intn(len(text) + 1)
		le := ls + rng.Intn(len(text)-ls+1)
		got := e.inlineCruft(text, ls, le, blockBody, 3, nil)
		want := inlineCruftByteLoop(text, ls, le, blockBody, 3, nil)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q [%d,%d): got %v, want %v", text, ls, le, got, want)
		}
	}
}

// inlineCruftByteLoop is inlineCruft as it was: every byte of the line looked at.
func inlineCruftByteLoop(text string, ls, le int, kind blockKind, para int, dst []block) []block {
	start := ls
	emit := func(s, t int) {
		s, t = trimSpace(text, s, t)
		if s < t {
			dst = append(dst, block{span: Span{s, t}, kind: kind, para: para})
		}
	}
	for i := ls; i < le; i++ {
		switch text[i] {
		case '[':
			if end := markerEnd(text, i, le); end > i {
				emit(start, i)
				start, i = end, end-1
			}
		case 'A':
			const ad = "ADVERTISEMENT"
			if strings.HasPrefix(text[i:le], ad) && (i == ls || !isASCIIWordByte(text[i-1])) &&
				(i+len(ad) == le || !isASCIIWordByte(text[i+len(ad)])) {
				emit(start, i)
				start, i = i+len(ad), i+len(ad)-1
			}
		}
	}
	emit(start, le)
	return dst
}
