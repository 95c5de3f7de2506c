package extractor

import (
	"context"
	"math"
	"testing"

	"github.com/claimsvc/claimsvc/internal/dataset"
)

// TestFeatureCountsMatchScan checks the block prefix counts spanFeatures reads
// (prepareFeatures) against the scan they replaced: commas, an opening
// parenthesis and a relative word among the first maxFeatureScan tokens of every
// candidate [x,y).
func TestFeatureCountsMatchScan(t *testing.T) {
	e := newTestExtractor(t)
	tests := []string{
		"Lavrov, who spoke (briefly) to reporters, said the talks, which began Monday, failed.",
		"WHOSE plan it was, Whose idea, WHICH one: nobody (not even aides) would say, officials said.",
		"The senator whom aides described as tired said, \"We will not, (ever) yield\", on Tuesday.",
		"A word, another, a third, a fourth, a fifth, a sixth, a seventh, an eighth, a ninth, who knows, said Smith.",
	}
	for _, text := range tests {
		m, _ := oneSentence(t, e, text)
		m.prepareFeatures()
		for x := 0; x <= len(m.toks); x++ {
			for y := x; y <= len(m.toks); y++ {
				commas, paren, rel := 0, false, false
				for k := x; k < min(y, x+maxFeatureScan); k++ {
					switch tk := m.toks[k]; {
					case tk.kind == tComma:
						commas++
					case tk.kind == tOpenParen:
						paren = true
					case tk.kind == tWord && (m.is(k, "who") || m.is(k, "which") || m.is(k, "whose")):
						rel = true
					}
				}
				gc, gp, gr := 0, false, false
				if e := min(y, x+maxFeatureScan); x < e {
					gc = int(m.commas[e] - m.commas[x])
					gp, gr = m.parens[e] > m.parens[x], m.rels[e] > m.rels[x]
				}
				if gc != commas || gp != paren || gr != rel {
					t.Fatalf("%q [%d,%d): counts (%d %v %v), scan (%d %v %v)", text, x, y, gc, gp, gr, commas, paren, rel)
				}
			}
		}
	}
}

// TestFeatureHashesCached checks the per-block hash cache (tokKey, tokShape,
// tokClass) against the hashes as they were computed before it, for every
// token inside and around a sentence range, on a cold and on a warm cache.
func TestFeatureHashesCached(t *testing.T) {
	e := newTestExtractor(t)
	tests := []string{
		"Lavrov, who spoke to reporters, said “the talks failed” on Monday.",
		"U.S. officials' 3.5% claim (ALL CAPS) was denied, the ministry’s aide said.",
	}
	for _, text := range tests {
		m, s := oneSentence(t, e, text)
		m.prepareFeatures()
		for _, r := range [][2]int{{s.t0, s.t1}, {s.t0 + 1, s.t1 - 2}} {
			lo, hi := r[0], r[1]
			for round := 0; round < 2; round++ {
				for i := lo - 2; i < hi+2; i++ {
					if a, b := m.tokKey(i, lo, hi), refTokKey(m, i, lo, hi); a != b {
						t.Fatalf("%q token %d round %d: key %x, want %x", text, i, round, a, b)
					}
					if a, b := m.tokShape(i, lo, hi), refTokShape(m, i, lo, hi); a != b {
						t.Fatalf("%q token %d round %d: shape %x, want %x", text, i, round, a, b)
					}
					if a, b := m.tokClass(i, lo, hi), refTokClass(m, i, lo, hi); a != b {
						t.Fatalf("%q token %d round %d: class %x, want %x", text, i, round, a, b)
					}
				}
			}
		}
	}
}

// refTokKey, refTokShape and refTokClass are the feature hashes as computed
// before the per-block cache.
func refTokKey(m *mentionCtx, i, lo, hi int) uint32 {
	switch {
	case i < lo:
		return hashStr(fnvOffset, "<s>")
	case i >= hi:
		return hashStr(fnvOffset, "</s>")
	}
	if t := m.toks[i]; t.kind != tWord {
		return hashInt(hashStr(fnvOffset, "#"), int(t.kind))
	}
	return hashBytes(fnvOffset, m.lowBytes(m.toks[i]))
}

func refTokShape(m *mentionCtx, i, lo, hi int) uint32 {
	if i < lo || i >= hi {
		return hashInt(fnvOffset, 1000+boolInt(i >= hi))
	}
	t := m.toks[i]
	v := int(t.kind)<<8 | int(t.flags&(fCap|fLower|fAllCaps|fDigit|fPossessive))
	if inQuote(t) {
		v |= 1 << 12
	}
	return hashInt(fnvOffset, v)
}

func refTokClass(m *mentionCtx, i, lo, hi int) uint32 {
	if i < lo || i >= hi || m.toks[i].kind != tWord {
		return hashInt(fnvOffset, 7)
	}
	c := m.toks[i].cls
	return hashInt(hashInt(hashInt(fnvOffset, int(c&0xff)), int(c>>8&0xff)), int(c>>16&0xffff))
}

// TestHashInt checks hashInt against the byte loop it was written out from.
func TestHashInt(t *testing.T) {
	loop := func(h uint32, v int) uint32 {
		u := uint32(v)
		for k := 0; k < 4; k++ {
			h = (h ^ (u & 0xff)) * fnvPrime
			u >>= 8
		}
		return h
	}
	for _, v := range []int{0, 1, 7, 255, 256, 1000, 1001, 0x12345678, -1, -1000, 1 << 31, 1<<32 + 5, 1<<62 - 3} {
		for _, h := range []uint32{fnvOffset, 0, 0xffffffff, 0x9e3779b9} {
			if got, want := hashInt(h, v), loop(h, v); got != want {
				t.Fatalf("hashInt(%x, %d) = %x, want %x", h, v, got, want)
			}
		}
	}
}

// TestScoringMatchesIds checks featBuf's scoring mode against summing the
// weights of the collected ids, bit for bit, for the cue classifier and for
// span candidates around every relation of the seed articles.
func TestScoringMatchesIds(t *testing.T) {
	e := newTestExtractor(t)
	if e.model == nil {
		t.Skip("no attribution model")
	}
	md, n := e.model, 0
	e.observe = func(m *mentionCtx, s sentence, cues []cue, rels []relation) {
		var collect, score featBuf
		for i := range rels {
			r := &rels[i]
			collect.reset()
			m.cueFeatures(s, r, &collect)
			score.scoreFrom(md.keep, md.keepBias)
			m.cueFeatures(s, r, &score)
			want := md.keepBias
			for _, f := range collect.ids {
				want += float64(md.keep[f])
			}
			if math.Float64bits(score.sum) != math.Float64bits(want) {
				t.Fatalf("cue features: scored %v, ids sum to %v", score.sum, want)
			}
			a, b := r.src.t0, r.src.t1
			if a >= b {
				a, b = s.t0, s.t1
			}
			for x := max(s.t0, a-3); x <= min(s.t1-1, a+3); x++ {
				for y := max(x+1, b-3); y <= min(s.t1, b+3); y++ {
					collect.reset()
					m.spanFeatures(s, r, x, y, a, b, cues, &collect)
					score.scoreFrom(md.src, 0)
					m.spanFeatures(s, r, x, y, a, b, cues, &score)
					var want float64
					for _, f := range collect.ids {
						want += float64(md.src[f])
					}
					if math.Float64bits(score.sum) != math.Float64bits(want) || len(score.ids) != 0 {
						t.Fatalf("span features [%d,%d): scored %v, ids sum to %v", x, y, score.sum, want)
					}
					n++
				}
			}
		}
	}
	for _, text := range seedTexts(t) {
		if _, err := e.Extract(context.Background(), text); err != nil {
			t.Fatal(err)
		}
	}
	if n == 0 {
		t.Fatal("no candidates scored")
	}
}

// TestFoldHash checks foldHash against hashing what lowBytes writes, for every
// token of a text with capitals, curly apostrophes (one cut short at the end)
// and non-ASCII letters, and for every suffix of it as one token; and the
// tokenizer's key of every word token (word folds its own) against it.
func TestFoldHash(t *testing.T) {
	e := newTestExtractor(t)
	text := "Lavrov’s AIDE, O’Brien’ and ’s don't ÉCOLE naïve’ U.S. 3.5% X’ \xe2\x80"
	m, _ := oneSentence(t, e, text)
	tests := append([]token(nil), m.toks...)
	for i := 0; i < len(text); i++ {
		tests = append(tests, token{start: int32(i), end: int32(len(text))})
	}
	for _, tk := range tests {
		if got, want := foldHash(text[tk.start:tk.end]), hashBytes(fnvOffset, m.lowBytes(tk)); got != want {
			t.Fatalf("%q: foldHash %x, want %x", text[tk.start:tk.end], got, want)
		}
	}
	texts := []string{text, "Mr. Smith, U.S. SAID: “it’s fine” — Trump's aide's e.g. 9. Ph.D. café’s"}
	seeds, err := dataset.ReadSeeds()
	if err != nil {
		t.Logf("seeds not available: %v", err)
	}
	for _, s := range seeds {
		texts = append(texts, s.Text)
	}
	for _, text := range texts {
		sg := segmenter{lx: e.lx}
		sg.tokenize(context.Background(), text, Span{0, len(text)})
		if len(sg.keys) != len(sg.toks) {
			t.Fatalf("%d keys for %d tokens", len(sg.keys), len(sg.toks))
		}
		for k, tk := range sg.toks {
			if w := text[tk.start:tk.end]; tk.kind == tWord && sg.keys[k] != foldHash(w) {
				t.Fatalf("%q: key %x, want foldHash %x", w, sg.keys[k], foldHash(w))
			}
		}
	}
}
