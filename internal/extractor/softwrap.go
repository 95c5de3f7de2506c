package extractor

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Soft wraps. Text copied from a web page, an e-mail or a hard-wrapped file breaks
// lines every 70–80 columns inside paragraphs. Taking each newline as a hard boundary
// cuts sentences and quotations in two, so clean joins a line to the one before it
// when the break is a wrap, not a boundary. Blank lines, list items, headings and
// bylines always stay boundaries.

// minWrappedRunes is the length from which a line that ends mid-sentence reads as a
// wrapped line of prose rather than a short headline or a list entry without a marker.
const minWrappedRunes = 40

// minWrappedWords is the word count that goes with minWrappedRunes.
const minWrappedWords = 6

// maxWrappedRunes is the longest line that reads as hard-wrapped when it ends a
// sentence: files and mails wrap at 72–80 columns, pages at up to about 100.
const maxWrappedRunes = 100

// softWrap says whether the newline between line prev and line next (consecutive,
// no blank line between, both trimmed) is a soft wrap inside a paragraph. inside
// says prev is itself the continuation of a wrapped line. The newline is a wrap when
//   - next continues a sentence: it starts with a lower-case letter;
//   - prev is a long line (a short one is a heading or a list entry without a
//     marker) and either ends mid-sentence and is not a title-case heading (a line
//     inside a wrapped paragraph, or one ending in a lower-case word such as "to",
//     is not a heading however many names it holds), or ends a sentence inside a
//     quotation that next closes ("“We will talk.⏎We will listen,” he said."), or
//     ends a sentence with no quotation open and next opens none (a title-case
//     line ending in a full stop is a headline); after a full stop prev must be of
//     wrapped width (maxWrappedRunes) and next must not be a headline.
func softWrap(prev, next string, inside bool) bool {
	if isListItem(next) || isHeadingMarker(next) || isHeadingMarker(prev) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(first) {
		return true
	}
	if !atLeastRunes(prev, minWrappedRunes) || wordsUpTo(prev, minWrappedWords) < minWrappedWords {
		return false
	}
	if !endsSentence(prev) {
		return inside || !isTitleCase(prev) || endsLowerOrComma(prev)
	}
	// prev ends a sentence: a wrap only on a line of wrapped width (a longer line is
	// a paragraph of its own) and when next is not a headline.
	if atLeastRunes(prev, maxWrappedRunes+1) || isHeadline(next) && isTitleCase(next) {
		return false
	}
	if quoteOpenAtEnd(prev) {
		return closesFirst(next)
	}
	return !opensFirst(next) && !isTitleCase(prev)
}

// atLeastRunes says whether s has at least n runes (utf8.RuneCountInString(s) >= n)
// without counting a long line through: a rune takes at most 4 bytes (a byte of
// bad UTF-8 counts as a rune of its own), so 4n bytes always hold n of them, and
// only a shorter line is counted. A paragraph on one line costs nothing here.
func atLeastRunes(s string, n int) bool {
	if len(s) >= 4*n {
		return true
	}
	return utf8.RuneCountInString(s) >= n
}

// endsLowerOrComma says whether line ends in a lower-case word, a comma or a dash,
// which a heading does not.
func endsLowerOrComma(line string) bool {
	r, _ := utf8.DecodeLastRuneInString(line)
	if r == ',' || r == '—' || r == '–' || r == '-' {
		return true
	}
	i := strings.LastIndexAny(line, " \t")
	w, _ := utf8.DecodeRuneInString(line[i+1:])
	return unicode.IsLower(w)
}

// opensFirst says whether line starts with an opening quotation mark.
func opensFirst(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	return r == '“' || r == '"' || r == '‘' || r == '«'
}

// endsSentence says whether a line ends with sentence-final punctuation, a closing
// quotation mark or bracket, or a colon or semicolon that introduces what follows.
func endsSentence(line string) bool {
	r, _ := utf8.DecodeLastRuneInString(line)
	switch r {
	case '.', '!', '?', '…', '"', '\'', '”', '’', ')', ':', ';':
		return true
	}
	return false
}

// isHeadingMarker recognises a Markdown heading ("# Title", "## Title").
func isHeadingMarker(line string) bool {
	t := strings.TrimLeft(line, "#")
	return len(t) < len(line) && len(line)-len(t) <= 6 && strings.HasPrefix(t, " ")
}

// isTitleCase says whether most of a line's longer words (four letters or more, so
// "of", "and", "the" do not count) are capitalised, as in "Talks Resume in Geneva
// After Months of Silence".
func isTitleCase(line string) bool {
	long, caps := 0, 0
	for w := range strings.FieldsSeq(line) { // as Fields, without the slice
		w = strings.TrimLeft(w, "“\"'‘([")
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		long++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return long > 0 && caps*10 >= long*6
}

// quoteOpenAtEnd says whether a quotation is still open at the end of line: more
// curly opening marks than closing ones, or an odd number of straight double quotes.
func quoteOpenAtEnd(line string) bool {
	open, straight := 0, 0
	for _, r := range line {
		switch r {
		case '“':
			open++
		case '”':
			if open > 0 {
				open--
			}
		case '"':
			straight++
		}
	}
	return open > 0 || straight%2 == 1
}

// closesFirst says whether the first quotation mark of line closes a quotation: a ”,
// or a straight quote glued to the word before it.
func closesFirst(line string) bool {
	for i, r := range line {
		switch r {
		case '”':
			return true
		case '“':
			return false
		case '"':
			return i > 0 && !isSpace(rune(line[i-1]))
		}
	}
	return false
}

// oneLine returns s with every run of white space that holds a newline (a soft wrap
// inside a speaker's name: "Hillary⏎Clinton") turned into one space, so names
// compare and print the same however the text was wrapped. s is returned as is
// when it has no newline.
func oneLine(s string) string {
	if strings.IndexByte(s, '\n') < 0 {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
