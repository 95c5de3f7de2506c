package extractor

// Stage 4b: features. The learned decisions of decide.go look at a relation
// the rules proposed (its cue, speaker phrase and content) and at alternative
// spans for its speaker phrase and content. This stage turns each of them into
// hashed sparse features: word and shape of the boundary tokens and their
// neighbours, the cue's words, the construction, quotation balance, lengths
// and shifts from the rules' own span. The features are strings hashed with
// FNV-1a into featDim buckets, computed from the token arrays without
// allocating.
//
// Takes: the block's tokens (mentionCtx), a sentence, a relation, a candidate
// token range. Returns: feature ids ([]int32) appended to a caller's buffer.

// featBits is the log2 of the hashed feature space shared by the three models.
const featBits = 18

// featDim is the number of hashed feature buckets.
const featDim = 1 << featBits

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// hashStr folds s into an FNV-1a hash.
func hashStr(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * fnvPrime
	}
	return h
}

// hashBytes folds b into an FNV-1a hash.
func hashBytes(h uint32, b []byte) uint32 {
	for _, c := range b {
		h = (h ^ uint32(c)) * fnvPrime
	}
	return h
}

// hashInt folds an integer into a hash, byte by byte (its low four bytes, low
// byte first). Written out rather than looped: the features of every decision
// candidate fold a dozen integers, and the compiler kept the loop.
func hashInt(h uint32, v int) uint32 {
	u := uint32(v)
	h = (h ^ (u & 0xff)) * fnvPrime
	h = (h ^ (u >> 8 & 0xff)) * fnvPrime
	h = (h ^ (u >> 16 & 0xff)) * fnvPrime
	return (h ^ (u >> 24)) * fnvPrime
}

// featBuf collects the feature ids of one example (training keeps them), or,
// while scoring (w set), sums their weights as they come: the same additions in
// the same order as summing the weights of the collected ids afterwards, without
// writing the ids or reading them back.
type featBuf struct {
	ids []int32
	w   *[featDim]float32 // weights to sum, or nil to collect ids
	sum float64
}

func (f *featBuf) reset() { f.ids = f.ids[:0] }

// add records feature h.
func (f *featBuf) add(h uint32) {
	if f.w != nil {
		f.sum += float64(f.w[h&(featDim-1)])
		return
	}
	f.ids = append(f.ids, int32(h&(featDim-1)))
}

// scoreFrom makes add sum weights w (featDim of them) onto start instead of
// collecting ids; w nil makes it collect again.
func (f *featBuf) scoreFrom(w []float32, start float64) {
	f.w, f.sum = nil, start
	if w != nil {
		f.w = (*[featDim]float32)(w)
	}
}

// prepareFeatures readies, once per block, what the features read besides the
// tokens: prefix counts of commas, opening parentheses and relative words (so a
// candidate's scan costs O(1)) and an empty hash cache. Built at the first
// feature of a block, not in setBlock, so blocks without decisions skip it.
func (m *mentionCtx) prepareFeatures() {
	if m.featReady {
		return
	}
	m.featReady = true
	toks := m.toks
	n := len(toks) + 1
	m.fcounts = growCap(m.fcounts[:0], 3*n)
	c := m.fcounts[:3*n]
	// Filled through locals: stores through m's fields would reload them.
	commas, parens, rels := c[:n:n], c[n:2*n:2*n], c[2*n:3*n:3*n]
	m.commas, m.parens, m.rels = commas, parens, rels
	m.hashes = growCap(m.hashes[:0], n)[:n]
	clear(m.hashes)
	text := m.text
	var cm, pa, rl int32
	_, _, _ = commas[len(toks)], parens[len(toks)], rels[len(toks)] // so the loop's stores need no bounds checks
	for k := range toks {
		t := &toks[k]
		commas[k], parens[k], rels[k] = cm, pa, rl
		switch t.kind {
		case tWord:
			if t.end-t.start <= 5 && (text[t.start] == 'w' || text[t.start] == 'W') &&
				m.isAny(k, "who", "which", "whose") {
				rl++
			}
		case tComma:
			cm++
		case tOpenParen:
			pa++
		}
	}
	commas[n-1], parens[n-1], rels[n-1] = cm, pa, rl
}

// tokKey is a hash naming token i: its lower-cased word (the segmenter's key,
// foldHash of its text), or its kind for marks (markKeys, which setBlock writes
// into the marks' keys); outside [lo,hi) it names the sentence edge. The words'
// keys come from the tokenizer, which folded each word's hash while reading it,
// so the features hash no word again.
func (m *mentionCtx) tokKey(i, lo, hi int) uint32 {
	switch {
	case i < lo:
		return keyBOS
	case i >= hi:
		return keyEOS
	}
	return m.keys[i]
}

// foldHash is hashBytes(fnvOffset, the bytes lowBytes writes for s) without
// writing them: the same foldByte, folded into the hash as it goes.
func foldHash(s string) uint32 {
	h := uint32(fnvOffset)
	for i := 0; i < len(s); {
		var c byte
		c, i = foldByte(s, i)
		h = (h ^ uint32(c)) * fnvPrime
	}
	return h
}

// markKeys is the key of a mark by its kind. Read-only after package
// initialisation.
var markKeys = func() (t [tOther + 1]uint32) {
	for k := range t {
		t[k] = hashInt(keyMark, k)
	}
	return t
}()

// tokHashes holds the hash of a token's lexical classes (tokClass), computed
// when first asked for (have). The candidates of one decision share most
// boundary tokens, so it is computed once per block.
type tokHashes struct {
	class uint32
	have  bool
}

// Hashes of tokens outside the sentence, and the prefix of a mark's key.
var (
	keyBOS    = hashStr(fnvOffset, "<s>")
	keyEOS    = hashStr(fnvOffset, "</s>")
	keyMark   = hashStr(fnvOffset, "#")
	shapeBOS  = hashInt(fnvOffset, 1000)
	shapeEOS  = hashInt(fnvOffset, 1001)
	classNone = hashInt(fnvOffset, 7) // outside the sentence, or a mark
)

// tokShape is a hash of token i's shape: kind, case, digits, inside a quotation.
func (m *mentionCtx) tokShape(i, lo, hi int) uint32 {
	switch {
	case i < lo:
		return shapeBOS
	case i >= hi:
		return shapeEOS
	}
	t := &m.toks[i]
	return shapeKeys[t.kind][t.flags]
}

// shapeKeys is tokShape's hash by a token's kind and flags, computed for every
// pair once. Read-only after package initialisation.
var shapeKeys = func() (t [tOther + 1][256]uint32) {
	for k := range t {
		for f := range t[k] {
			v := k<<8 | f&int(fCap|fLower|fAllCaps|fDigit|fPossessive)
			if f&int(fInQ|fInOpenQ) != 0 {
				v |= 1 << 12
			}
			t[k][f] = hashInt(fnvOffset, v)
		}
	}
	return t
}()

// tokClass is a hash of token i's lexical classes (0 outside the sentence).
func (m *mentionCtx) tokClass(i, lo, hi int) uint32 {
	if i < lo || i >= hi || m.toks[i].kind != tWord {
		return classNone
	}
	th := &m.hashes[i]
	if !th.have {
		c := m.toks[i].cls
		th.class = hashInt(hashInt(hashInt(fnvOffset, int(c&0xff)), int(c>>8&0xff)), int(c>>16&0xffff))
		th.have = true
	}
	return th.class
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// bucket maps a count or shift onto a few coarse values, so lengths generalise.
func bucket(n int) int {
	switch {
	case n <= -10:
		return -10
	case n <= -4:
		return -4
	case n < 4:
		return n
	case n < 10:
		return 4
	case n < 20:
		return 10
	}
	return 20
}

// feature names: one prefix hash each, computed once.
var (
	kBias    = hashStr(fnvOffset, "bias")
	kHead    = hashStr(fnvOffset, "head=")
	kSuffix  = hashStr(fnvOffset, "suf=")
	kCue     = hashStr(fnvOffset, "cue=")
	kCueKind = hashStr(fnvOffset, "ckind=")
	kCueLen  = hashStr(fnvOffset, "clen=")
	kPrev    = hashStr(fnvOffset, "prev=")
	kPrev2   = hashStr(fnvOffset, "prev2=")
	kNext    = hashStr(fnvOffset, "next=")
	kNext2   = hashStr(fnvOffset, "next2=")
	kHeadNx  = hashStr(fnvOffset, "head|next=")
	kHeadPv  = hashStr(fnvOffset, "head|prev=")
	kSrcKind = hashStr(fnvOffset, "skind=")
	kSrcLen  = hashStr(fnvOffset, "slen=")
	kSrcSide = hashStr(fnvOffset, "sside=")
	kSrcLast = hashStr(fnvOffset, "slast=")
	kSrcFst  = hashStr(fnvOffset, "sfirst=")
	kHdSKind = hashStr(fnvOffset, "head|skind=")
	kHdSide  = hashStr(fnvOffset, "head|side=")
	kCntKind = hashStr(fnvOffset, "qkind=")
	kHdCKind = hashStr(fnvOffset, "head|qkind=")
	kCntLen  = hashStr(fnvOffset, "qlen=")
	kCntSide = hashStr(fnvOffset, "qside=")
	kCntFst  = hashStr(fnvOffset, "qfirst=")
	kCuePos  = hashStr(fnvOffset, "cpos=")
	kQuoted  = hashStr(fnvOffset, "squoted")
	kReuse   = hashStr(fnvOffset, "reuse")
	kTail    = hashStr(fnvOffset, "tail")
	kHdCls   = hashStr(fnvOffset, "hcls=")

	kShiftS  = hashStr(fnvOffset, "ds=")
	kShiftE  = hashStr(fnvOffset, "de=")
	kStart   = hashStr(fnvOffset, "st=")
	kStartSh = hashStr(fnvOffset, "stsh=")
	kStartCl = hashStr(fnvOffset, "stcl=")
	kBefore  = hashStr(fnvOffset, "bef=")
	kBefSt   = hashStr(fnvOffset, "bef|st=")
	kLast    = hashStr(fnvOffset, "last=")
	kLastSh  = hashStr(fnvOffset, "lastsh=")
	kLastCl  = hashStr(fnvOffset, "lastcl=")
	kAfter   = hashStr(fnvOffset, "aft=")
	kAfter2  = hashStr(fnvOffset, "aft2=")
	kLastAft = hashStr(fnvOffset, "last|aft=")
	kAftAft2 = hashStr(fnvOffset, "aft|aft2=")
	kEOS     = hashStr(fnvOffset, "eos")
	kBOS     = hashStr(fnvOffset, "bos")
	kUnbal   = hashStr(fnvOffset, "unbalanced")
	kLen     = hashStr(fnvOffset, "len=")
	kCommas  = hashStr(fnvOffset, "commas=")
	kOther   = hashStr(fnvOffset, "crosscue")
	kKindDS  = hashStr(fnvOffset, "ckind|side|ds=")
	kKindDE  = hashStr(fnvOffset, "ckind|side|de=")
	kQKindDE = hashStr(fnvOffset, "qkind|de=")
	kBase    = hashStr(fnvOffset, "base")
	kParen   = hashStr(fnvOffset, "paren")
	kRelWord = hashStr(fnvOffset, "relative")
	kExtR    = hashStr(fnvOffset, "extR=")
	kExtRCl  = hashStr(fnvOffset, "extRcl=")
	kExtL    = hashStr(fnvOffset, "extL=")
	kExtLCl  = hashStr(fnvOffset, "extLcl=")
)

// cueFeatures appends the features of relation r as a whole, for the cue
// classifier (is this a real attribution?).
func (m *mentionCtx) cueFeatures(s sentence, r *relation, f *featBuf) {
	m.prepareFeatures()
	lo, hi := s.t0, s.t1
	c := r.cue
	head := m.tokKey(c.head, lo, hi)
	f.add(kBias)
	f.add(kHead ^ head)
	if t := m.toks[c.head]; t.kind == tWord {
		w := m.lowBytes(t)
		if len(w) > 3 {
			w = w[len(w)-3:]
		}
		f.add(hashBytes(kSuffix, w))
	}
	h := kCue
	for k := c.c0; k < c.c1; k++ {
		h = hashInt(h, int(m.tokKey(k, lo, hi)))
	}
	f.add(h)
	f.add(hashInt(kCueKind, int(c.kind)))
	f.add(hashInt(kCueLen, bucket(c.c1-c.c0)))
	prev, next := m.tokKey(c.c0-1, lo, hi), m.tokKey(c.c1, lo, hi)
	f.add(kPrev ^ prev)
	f.add(kPrev2 ^ m.tokKey(c.c0-2, lo, hi))
	f.add(kNext ^ next)
	f.add(kNext2 ^ m.tokKey(c.c1+1, lo, hi))
	f.add(hashInt(kHeadNx^head, int(next)))
	f.add(hashInt(kHeadPv^head, int(prev)))
	f.add(hashInt(kHdCls, int(m.tokClass(c.head, lo, hi))))
	f.add(hashInt(kCuePos, bucket(c.c0-lo)))
	side := 0
	if r.src.t0 < r.src.t1 {
		if r.src.t0 >= c.c1 {
			side = 1
		}
		f.add(hashInt(kSrcKind, int(r.src.kind)<<4|int(r.src.pron)))
		f.add(hashInt(kHdSKind^head, int(r.src.kind)<<4|int(r.src.pron)))
		f.add(hashInt(kSrcLen, bucket(r.src.t1-r.src.t0)))
		f.add(kSrcLast ^ m.tokKey(r.src.t1-1, lo, hi))
		f.add(kSrcFst ^ m.tokKey(r.src.t0, lo, hi))
	} else {
		side = 2
	}
	f.add(hashInt(kSrcSide, side))
	f.add(hashInt(kHdSide^head, side))
	f.add(hashInt(kCntKind, int(r.kind)))
	f.add(hashInt(kHdCKind^head, int(r.kind)))
	ca, cb := m.tokRange(r.content, lo, hi)
	f.add(hashInt(kCntLen, bucket(m.wordsIn(ca, cb))))
	f.add(hashInt(kCntSide, boolInt(ca >= c.c1)))
	f.add(kCntFst ^ m.tokKey(ca, lo, hi))
	if m.qmarks[hi]-m.qmarks[lo] > 0 {
		f.add(kQuoted)
	}
	if r.srcFrom >= 0 {
		f.add(kReuse)
	}
	if !r.tail.Empty() {
		f.add(kTail)
	}
}

// spanFeatures appends the features of candidate tokens [x,y) for a speaker
// phrase (src) or a content span, against the rules' own range [a,b).
func (m *mentionCtx) spanFeatures(s sentence, r *relation, x, y, a, b int, cues []cue, f *featBuf) {
	m.prepareFeatures()
	lo, hi := s.t0, s.t1
	c := r.cue
	side := boolInt(x >= c.c1)
	// the shifts' buckets by position (bucketkeys.go)
	ds, de := bucketIndex(x-a), bucketIndex(y-b)
	f.add(shiftSKeys[ds])
	f.add(shiftEKeys[de])
	if x == a && y == b {
		f.add(kBase)
	}
	kind := int(c.kind)<<2 | side
	f.add(kindDSKeys[kind][ds])
	f.add(kindDEKeys[kind][de])
	f.add(qkindDEKeys[r.kind][de])
	st, bef := m.tokKey(x, lo, hi), m.tokKey(x-1, lo, hi)
	f.add(kStart ^ st)
	f.add(kStartSh ^ m.tokShape(x, lo, hi))
	f.add(kStartCl ^ m.tokClass(x, lo, hi))
	f.add(kBefore ^ bef)
	f.add(hashInt(kBefSt^bef, int(st)))
	last, aft, aft2 := m.tokKey(y-1, lo, hi), m.tokKey(y, lo, hi), m.tokKey(y+1, lo, hi)
	f.add(kLast ^ last)
	f.add(kLastSh ^ m.tokShape(y-1, lo, hi))
	f.add(kLastCl ^ m.tokClass(y-1, lo, hi))
	f.add(kAfter ^ aft)
	f.add(kAfter2 ^ aft2)
	f.add(hashInt(kLastAft^last, int(aft)))
	f.add(hashInt(kAftAft2^aft, int(aft2)))
	if y >= hi || y == hi-1 && m.toks[y].kind == tStop {
		f.add(kEOS)
	}
	if x == lo {
		f.add(kBOS)
	}
	if (m.qmarks[y]-m.qmarks[x])%2 != 0 {
		f.add(kUnbal)
	}
	f.add(lenKeys.key(m.wordsIn(x, y)))
	// commas, an opening parenthesis and a relative word among the first
	// maxFeatureScan tokens, from the block's prefix counts
	commas, paren, rel := 0, false, false
	if e := min(y, x+maxFeatureScan); x < e {
		commas = int(m.commas[e] - m.commas[x])
		paren, rel = m.parens[e] > m.parens[x], m.rels[e] > m.rels[x]
	}
	f.add(commasKeys.key(commas))
	if paren {
		f.add(kParen)
	}
	if rel {
		f.add(kRelWord)
	}
	if otherCueIn(cues, x, y, c.c0) {
		f.add(kOther)
	}
	// the first word the candidate adds on either side ("Trump, speaking …",
	// "…, the attorney general")
	if y > b {
		k := b
		for k < y && m.toks[k].kind != tWord {
			k++
		}
		f.add(kExtR ^ m.tokKey(k, lo, y))
		f.add(kExtRCl ^ m.tokClass(k, lo, y))
	}
	if x < a {
		f.add(kExtL ^ m.tokKey(x, lo, hi))
		f.add(kExtLCl ^ m.tokClass(x, lo, hi))
	}
}

// maxFeatureScan bounds the tokens a span feature reads inside a candidate.
const maxFeatureScan = 16

// otherCueIn says whether a cue other than the one starting at self starts in
// [x,y). cues are a sentence's, in text order, and few (one to three), so a
// scan from the first that stops at y costs less than a binary search's calls
// of its closure.
func otherCueIn(cues []cue, x, y, self int) bool {
	for k := range cues {
		c0 := cues[k].c0
		if c0 >= y {
			break
		}
		if c0 >= x && c0 != self {
			return true
		}
	}
	return false
}

// tokRange maps a byte span inside sentence [lo,hi) to the tokens it covers,
// by binary search.
//
// The searches are sort.Search's, written out (the same halving, so the same
// tokens are probed): through its closure they cost twice as much, and the
// rules and the decisions ask a few times per relation.
func (m *mentionCtx) tokRange(sp Span, lo, hi int) (int, int) {
	toks := m.toks
	a, j := lo, hi // the first token from lo that starts at or after sp.Start
	for a < j {
		if h := int(uint(a+j) >> 1); int(toks[h].start) < sp.Start {
			a = h + 1
		} else {
			j = h
		}
	}
	b, j := a, hi // the first token from a that ends after sp.End
	for b < j {
		if h := int(uint(b+j) >> 1); int(toks[h].end) <= sp.End {
			b = h + 1
		} else {
			j = h
		}
	}
	return a, b
}
