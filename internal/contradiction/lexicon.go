package contradiction

import (
	"embed"
	"fmt"
	"strings"
	"sync"

	"github.com/claimsvc/claimsvc/internal/lexrows"
)

// data holds the word lists the classifier reads at construction. Every file starts
// with a comment header naming its source and licence.
//
//go:embed data/*.tsv data/*.txt
var data embed.FS

// lexicon is every word list, parsed and stemmed once by New. It is read-only after
// construction, which is what makes a Classifier safe for concurrent use.
type lexicon struct {
	irregular  map[string]string   // inflected form → lemma
	stop       map[string]bool     // lower-case function words
	negators   map[string]bool     // lower-case negators ("not", "never")
	quantities map[string]bool     // lower-case negative quantifiers ("little", "rare")
	universal  map[string]bool     // negators that deny a whole proposition ("never", "nobody")
	npi        map[string]bool     // negative-polarity words ("any", "ever") that make a negation flat
	exceptions phrases             // "not only", "a few": the negative word does not negate
	antonyms   map[string][]string // stem → antonym stems (both directions)
	antID      map[string]int32    // stem of the antonym list → its number (antonymids.go)
	antOf      []int32             // antonym numbers of every stem, stem after stem (antonymsOf)
	antFrom    []int32             // stem number → where its antonyms start in antOf (one entry more)
	antStems   []string            // antonyms' keys in first-seen order, until buildAntonymIDs numbers them
	stance     map[string]int      // stem → +1 affirms, -1 rejects
	change     phrases             // change-of-state cues, stemmed
	temporal   phrases             // temporal cues, lower case
	hedges     map[string]bool     // lower-case hedge words
	aliases    phrases             // entity alias → canonical key, lower case
	related    map[string]string   // stem → near-synonym group key
	numbers    map[string]string   // number word → value
	months     map[string]string   // month name → number
	weekdays   map[string]string   // weekday name → number

	// facts gathers the word-keyed lists above per word, stemFacts the
	// stem-keyed ones per stem (facts.go), in flat tables (facttable.go).
	facts     factTable[facts]
	stemFacts factTable[stemFacts]

	// scratch pools analyze's buffers (*analyzeScratch); the word lists above are
	// read-only after loadLexicon.
	scratch sync.Pool
}

// phrases matches one- or multi-word cues against a token sequence. Each phrase is
// indexed by its first word; value is what a match stands for (a canonical key, or
// the phrase itself).
type phrases struct {
	byFirst map[string][]phrase
}

type phrase struct {
	words []string
	value string
	// ant is the antonym number of value (lexicon.antID) for an alias,
	// found at load so an entity term needs no map probe for it; prefix
	// is keyPrefix(value) for an alias, the entity term's term.prefix.
	ant    int32
	prefix uint64
}

func (p *phrases) add(words []string, value string) {
	if len(words) == 0 {
		return
	}
	if p.byFirst == nil {
		p.byFirst = make(map[string][]phrase)
	}
	p.byFirst[words[0]] = append(p.byFirst[words[0]], phrase{words: words, value: value})
}

// matchStems returns the longest of the phrases cands (those starting with
// the stem of toks[i]) that the stems of toks (word facts wfs, entries of
// lx.facts) hold from i on, and its length in words; 0 when none. Each stem
// is read where compared: only a change phrase looks at the stems after a word.
func (lx *lexicon) matchStems(cands []phrase, toks []token, wfs []int32, i int) (string, int) {
	best, bestLen := "", 0
	for _, ph := range cands {
		if len(ph.words) <= bestLen || i+len(ph.words) > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < len(ph.words); k++ {
			if !stemIs(&toks[i+k], lx.factsAt(wfs[i+k]), ph.words[k]) {
				ok = false
				break
			}
		}
		if ok {
			best, bestLen = ph.value, len(ph.words)
		}
	}
	return best, bestLen
}

// matchTokens is matchStems over the lower-case forms of toks, so analyze
// needs no slice of those forms.
func matchTokens(cands []phrase, toks []token, i int) (string, int) {
	if ph, n := matchPhrase(cands, toks, i); n > 0 {
		return ph.value, n
	}
	return "", 0
}

// matchPhrase is matchTokens returning the phrase matched (nil for none).
func matchPhrase(cands []phrase, toks []token, i int) (*phrase, int) {
	var best *phrase
	bestLen := 0
	for c := range cands {
		ph := &cands[c]
		if len(ph.words) <= bestLen || i+len(ph.words) > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < len(ph.words); k++ {
			if toks[i+k].low != ph.words[k] {
				ok = false
				break
			}
		}
		if ok {
			best, bestLen = ph, len(ph.words)
		}
	}
	return best, bestLen
}

// antonymStemsHint sizes the antonym map and stem list for the stems the
// embedded antonym lists name (5,925), so loading them grows neither:
// growing the map from empty was a sixth of the classifier's start-up. A list
// that outgrows it still loads, with the growth.
const antonymStemsHint = 6144

// loadLexicon parses the embedded word lists.
func loadLexicon() (*lexicon, error) {
	lx := &lexicon{
		irregular:  map[string]string{},
		stop:       map[string]bool{},
		negators:   map[string]bool{},
		quantities: map[string]bool{},
		universal:  map[string]bool{},
		npi:        map[string]bool{},
		antonyms:   make(map[string][]string, antonymStemsHint),
		stance:     map[string]int{},
		hedges:     map[string]bool{},
		related:    map[string]string{},
		numbers:    map[string]string{},
		months:     map[string]string{},
		weekdays:   map[string]string{},
	}
	lx.antStems = make([]string, 0, antonymStemsHint)
	// irregular first: stem uses it for every other list.
	if err := eachRow("data/irregular.tsv", 2, func(f []string) { lx.irregular[f[0]] = f[1] }); err != nil {
		return nil, err
	}
	st := func(w string) string { return stem(w, lx.irregular) }
	stemAll := func(s string) []string {
		ws := strings.Fields(s)
		for i, w := range ws {
			ws[i] = st(w)
		}
		return ws
	}
	steps := []struct {
		file string
		cols int
		fn   func([]string)
	}{
		{"data/stopwords.txt", 1, func(f []string) { lx.stop[f[0]] = true }},
		{"data/negation.tsv", 2, func(f []string) {
			switch f[0] {
			case "negator":
				lx.negators[f[1]] = true
			case "universal":
				lx.negators[f[1]] = true
				lx.universal[f[1]] = true
			case "npi":
				lx.npi[f[1]] = true
			case "quantity":
				lx.quantities[f[1]] = true
			case "except":
				lx.exceptions.add(strings.Fields(f[1]), f[1])
			}
		}},
		{"data/antonyms-wordnet.tsv", 3, lx.addAntonym(st)},
		{"data/antonyms-extra.tsv", 3, lx.addAntonym(st)},
		{"data/antonyms-exclude.tsv", 2, func(f []string) { lx.removeAntonym(st(f[0]), st(f[1])) }},
		{"data/stance.tsv", 2, func(f []string) {
			d := 1
			if f[0] == "-" {
				d = -1
			}
			lx.stance[st(f[1])] = d
		}},
		{"data/change.txt", 1, func(f []string) { lx.change.add(stemAll(f[0]), f[0]) }},
		{"data/temporal.txt", 1, func(f []string) { lx.temporal.add(strings.Fields(f[0]), f[0]) }},
		{"data/hedges.txt", 1, func(f []string) { lx.hedges[f[0]] = true }},
		{"data/aliases.tsv", 2, func(f []string) { lx.aliases.add(strings.Fields(f[0]), f[1]) }},
		{"data/related.tsv", 2, func(f []string) { lx.related[st(f[1])] = "~" + f[0] }},
		{"data/numbers.tsv", 3, func(f []string) {
			switch f[0] {
			case "number":
				lx.numbers[f[1]] = f[2]
			case "ordinal":
				lx.numbers[f[1]] = "#" + f[2]
			case "month":
				lx.months[f[1]] = f[2]
			case "weekday":
				lx.weekdays[f[1]] = f[2]
			}
		}},
	}
	for _, s := range steps {
		if err := eachRow(s.file, s.cols, s.fn); err != nil {
			return nil, err
		}
	}
	lx.buildAntonymIDs()
	lx.buildFacts()
	return lx, nil
}

// addAntonym records an antonym row (pos, a, b) in both directions, skipping
// multi-word lemmas and pairs whose stems collide.
func (lx *lexicon) addAntonym(st func(string) string) func([]string) {
	return func(f []string) {
		if strings.ContainsAny(f[1], "_ ") || strings.ContainsAny(f[2], "_ ") {
			return
		}
		a, b := st(strings.ToLower(f[1])), st(strings.ToLower(f[2]))
		if a == b || lx.stop[a] || lx.stop[b] {
			return
		}
		lx.addAntonymOf(a, b)
		lx.addAntonymOf(b, a)
	}
}

// addAntonymOf records b as an antonym of a, and a among the stems to number
// when it is new (one lookup and one store per stem).
func (lx *lexicon) addAntonymOf(a, b string) {
	ants, ok := lx.antonyms[a]
	if !ok {
		lx.antStems = append(lx.antStems, a)
	}
	lx.antonyms[a] = appendUnique(ants, b)
}

// removeAntonym drops a pair in both directions.
func (lx *lexicon) removeAntonym(a, b string) {
	drop := func(from, v string) {
		s := lx.antonyms[from]
		for i, x := range s {
			if x == v {
				lx.antonyms[from] = append(s[:i:i], s[i+1:]...)
				return
			}
		}
	}
	drop(a, b)
	drop(b, a)
}

func appendUnique(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// eachRow calls fn with the tab-separated fields of every non-comment line of an
// embedded file, checking that each has cols fields (one-column files may contain
// spaces: the whole line is the field).
//
// The file is read whole and cut in place: a line and its fields are
// substrings of it, not a copy per line and a fresh slice per row (the antonym
// list alone has thousands of rows, read at every start-up). The slice passed
// to fn is reused from row to row, so fn must not keep it (its strings it may
// keep). Lines end at '\n'; each is trimmed of spaces, as before.
func eachRow(name string, cols int, fn func([]string)) error {
	b, err := data.ReadFile(name)
	if err != nil {
		return fmt.Errorf("contradiction: %w", err)
	}
	fields := make([]string, 0, cols)
	return lexrows.Lines(string(b), strings.TrimSpace, func(n int, line string) error {
		fields = append(fields[:0], line)
		if cols > 1 {
			fields = lexrows.SplitTabs(fields[:0], line)
		}
		if len(fields) != cols {
			return fmt.Errorf("contradiction: %s:%d: want %d tab-separated fields, got %d", name, n, cols, len(fields))
		}
		fn(fields)
		return nil
	})
}
