package extractor

import (
	"embed"
	"fmt"
	"strconv"
	"strings"

	"github.com/claimsvc/claimsvc/internal/lexrows"
)

// lexiconFS holds the word lists the extractor reads once in New. They are data, not
// code: each file starts with a comment header naming its source and licence.
//
//go:embed lexicons/*.txt lexicons/*.tsv
var lexiconFS embed.FS

// Thresholds for the learned cue-precision table (lexicons/cue-precision.tsv): a word
// the extractor used as a cue on PolNeAR train is dropped when it was wrong too often,
// and a word outside the hand lists is added when it was right often enough.
const (
	cueMinEvidence = 8    // predictions needed before a word's precision is trusted
	cueDropBelow   = 0.40 // drop a cue word whose precision on train is below this
	cueAddAbove    = 0.45 // add a new cue word whose precision on train reaches this
	cueAddMinRight = 3    // and that was right at least this often
)

// wordClass is a bit set of the lexical classes a lower-cased word belongs to. Every
// word token is looked up once, so later stages test bits instead of maps.
type wordClass uint32

const (
	clsVerb     wordClass = 1 << iota // reporting, stance or belief verb
	clsAux                            // auxiliary or adverb merged into a cue
	clsTitle                          // title or role head ("minister")
	clsTitleMod                       // title modifier ("deputy", "foreign")
	clsGroup                          // plural group head ("officials")
	clsAnon                           // singular anonymous-source head ("official")
	clsOrg                            // organization word ("Pentagon", "ministry")
	clsPronoun                        // personal pronoun that can be a speaker
	clsDemonym                        // nationality adjective ("Russian")
	clsAbbrev                         // abbreviation whose period is not a full stop
	clsPhrase                         // first word of a multi-word cue
	clsDet                            // determiner or possessive
	clsPrep                           // preposition
	clsClause                         // clause opener ("that", "because")
	clsConj                           // coordinator
	clsTime                           // time expression
	clsTell                           // verb whose object is the listener
	clsIntro                          // sentence opener ("But", "However")
	clsSpeech                         // reporting verb of the Gender Gap Tracker list
	clsPostmod                        // adjective after a source noun ("familiar with")
	clsNumber                         // number word that can head a poll group ("one in five")
	clsDoc                            // document or data noun ("poll", "records")
	clsDocVerb                        // cue verb that needs a document source ("shows")
	clsKicker                         // headline kicker before a colon ("Breaking:")
	clsAbstract                       // abstract noun that never speaks ("a position", "the move")
	clsPlace                          // last word of a street or place name ("Quay Street")
)

// pronounClass says what kind of antecedent a pronoun speaker resolves to.
type pronounClass uint8

const (
	pronounNone     pronounClass = iota
	pronounPerson                // he, she
	pronounPlural                // they, we
	pronounSelf                  // I, you: the quoted person themselves
	pronounThing                 // it
	pronounRelative              // who
)

// lexicon is every word list the pipeline consults, parsed once. It is read-only
// after New, so one lexicon serves concurrent Extract calls.
type lexicon struct {
	class     map[string]wordClass  // lower-cased word -> classes
	classes   classTable            // class as the tokenizer reads it, built last
	phrases   map[string][][]string // first word -> multi-word cues, as word lists
	pronouns  map[string]pronounClass
	demonyms  map[string]string // adjective -> organization / country
	cruft     map[string]bool   // whole-line furniture, lower case
	cruftNext map[string]bool   // furniture that also drops the next line
}

// classOf returns the classes of an already lower-cased word.
// It reads the flat table built from class once the lexicon is complete.
func (lx *lexicon) classOf(lower []byte) wordClass { return lx.classes.lookup(lower) }

func loadLexicon(o Options) (*lexicon, error) {
	lx := &lexicon{
		class:     map[string]wordClass{},
		phrases:   map[string][][]string{},
		pronouns:  map[string]pronounClass{},
		demonyms:  map[string]string{},
		cruft:     map[string]bool{},
		cruftNext: map[string]bool{},
	}
	sets := []struct {
		file string
		cls  wordClass
	}{
		{"quote-verbs-ggt.txt", clsVerb | clsSpeech},
		{"reporting-verbs-extra.txt", clsVerb},
		{"auxiliaries.txt", clsAux},
		{"titles.txt", clsTitle},
		{"title-modifiers.txt", clsTitleMod},
		{"group-nouns.txt", clsGroup},
		{"anonymous-nouns.txt", clsAnon},
		{"org-nouns.txt", clsOrg},
		{"places.txt", clsOrg},
		{"documents.txt", clsDoc | clsOrg},
		{"document-verbs.txt", clsDocVerb},
		{"kickers.txt", clsKicker},
		{"abstract-nouns.txt", clsAbstract},
		{"place-heads.txt", clsPlace},
		{"abbreviations.txt", clsAbbrev},
	}
	for _, s := range sets {
		if err := readList(s.file, func(f []string) error {
			lx.class[strings.ToLower(f[0])] |= s.cls
			return nil
		}); err != nil {
			return nil, err
		}
	}
	for _, w := range o.ExtraCueVerbs {
		lx.class[strings.ToLower(w)] |= clsVerb
	}
	if !o.NoLearnedCues {
		if err := readList("cue-precision.tsv", func(f []string) error {
			if len(f) != 3 {
				return fmt.Errorf("bad line %q", strings.Join(f, "\t"))
			}
			pred, err := scanCount(f[1])
			if err != nil {
				return err
			}
			right, err := scanCount(f[2])
			if err != nil {
				return err
			}
			prec := float64(right) / float64(max(pred, 1))
			switch {
			case pred >= cueMinEvidence && prec < cueDropBelow && !(o.judged && lx.class[f[0]]&clsSpeech != 0):
				// With the cue classifier judging each use, speech verbs stay
				// candidates ("testified"); without it, imprecise words go.
				lx.class[f[0]] &^= clsVerb
			case right >= cueAddMinRight && prec >= cueAddAbove && !strings.HasSuffix(f[0], "ly") &&
				lx.class[f[0]]&(clsAux|clsPrep|clsDet|clsConj|clsClause) == 0:
				// Adverbs and function words inside multi-word cues are not verbs.
				lx.class[f[0]] |= clsVerb
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	if err := readList("cue-exclusions.txt", func(f []string) error {
		lx.class[strings.ToLower(f[0])] &^= clsVerb
		return nil
	}); err != nil {
		return nil, err
	}
	fnClasses := map[string]wordClass{"det": clsDet, "prep": clsPrep, "clause": clsClause,
		"conj": clsConj, "time": clsTime, "tell": clsTell, "intro": clsIntro, "postmod": clsPostmod, "number": clsNumber}
	if err := readList("function-words.txt", func(f []string) error {
		c, ok := fnClasses[f[len(f)-1]]
		if len(f) != 2 || !ok {
			return fmt.Errorf("bad line %q", strings.Join(f, "\t"))
		}
		lx.class[f[0]] |= c
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readList("cue-phrases.txt", func(f []string) error {
		words := strings.Fields(strings.ToLower(strings.Join(f, " ")))
		lx.phrases[words[0]] = append(lx.phrases[words[0]], words)
		lx.class[words[0]] |= clsPhrase
		return nil
	}); err != nil {
		return nil, err
	}
	pcls := map[string]pronounClass{"person": pronounPerson, "plural": pronounPlural,
		"self": pronounSelf, "thing": pronounThing, "relative": pronounRelative}
	if err := readList("pronouns.txt", func(f []string) error {
		c, ok := pcls[f[len(f)-1]]
		if len(f) != 2 || !ok {
			return fmt.Errorf("bad line %q", strings.Join(f, "\t"))
		}
		lx.pronouns[f[0]] = c
		lx.class[f[0]] |= clsPronoun
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readList("demonyms.txt", func(f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("bad line %q", strings.Join(f, "\t"))
		}
		lx.demonyms[f[0]] = f[1]
		lx.class[f[0]] |= clsDemonym
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readList("cruft.txt", func(f []string) error {
		k := strings.ToLower(f[0])
		lx.cruft[k] = true
		if len(f) > 1 && f[1] == "+next" {
			lx.cruftNext[k] = true
		}
		return nil
	}); err != nil {
		return nil, err
	}
	lx.classes = newClassTable(lx.class)
	return lx, nil
}

// readList calls fn with the tab-separated fields of every non-comment, non-blank
// line of an embedded lexicon file.
//
// The file is cut in place: lines and fields are substrings of it, not a copy
// per line and a fresh slice per row. The slice passed to fn is reused from row
// to row, so fn must not keep it (its strings it may keep). Lines end at '\n';
// each is trimmed of spaces, as bufio.Scanner lines were.
func readList(name string, fn func(fields []string) error) error {
	b, err := lexiconFS.ReadFile("lexicons/" + name)
	if err != nil {
		return fmt.Errorf("extractor: lexicon %s: %w", name, err)
	}
	var fields []string
	return lexrows.Lines(string(b), strings.TrimSpace, func(n int, line string) error {
		fields = lexrows.SplitTabs(fields[:0], line)
		if err := fn(fields); err != nil {
			return fmt.Errorf("extractor: lexicon %s:%d: %w", name, n, err)
		}
		return nil
	})
}

// scanCount reads a count of cue-precision.tsv as fmt.Sscan(s, &n) does. Plain
// decimal digits without a leading zero (every count the trainer writes) are
// read by strconv.Atoi, which gives the same number without fmt's reflection;
// anything else (signs, base prefixes, "012" that fmt reads as octal, trailing
// text) goes to fmt.Sscan itself.
func scanCount(s string) (int, error) {
	if plainDecimal(s) {
		return strconv.Atoi(s)
	}
	var n int
	_, err := fmt.Sscan(s, &n)
	return n, err
}

// plainDecimal reports whether s is 1 to 18 ASCII digits, not starting with 0
// unless it is "0": a number Atoi and fmt.Sscan read alike, without overflow.
func plainDecimal(s string) bool {
	if s == "" || len(s) > 18 || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
