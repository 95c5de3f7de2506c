// Package offsets converts UTF-8 byte offsets, the unit the pipeline works in, to
// the unit a client asked for: UTF-16 code units (JavaScript, Java) or Unicode code
// points (Python). Converting at the API edge lets every client slice the text it
// sent without re-encoding it.
package offsets

import (
	"unicode/utf8"
)

// Unit is what an offset counts.
type Unit int

// Offset units.
const (
	UTF8  Unit = iota // bytes of UTF-8
	UTF16             // UTF-16 code units: runes above U+FFFF count two
	UTF32             // Unicode code points
)

// stride is the distance between checkpoints: memory is len(text)/stride pairs
// and a conversion scans at most stride+3 bytes.
const stride = 256

// checkpoint records how many units precede the rune that starts at byte pos,
// and how many ASCII bytes (one unit each) follow it before the next checkpoint
// or the first other rune: news text is mostly ASCII, so most conversions end
// inside that run without decoding a rune.
type checkpoint struct{ pos, units, plain int }

// Converter maps byte offsets of one text to another unit. Build it once per text
// and convert every span of the response with it. A byte offset inside a multi-byte
// character (which the pipeline never produces) maps to the start of that character.
type Converter struct {
	text   string
	unit   Unit
	checks []checkpoint // checks[k].pos is the first rune start at or after k*stride
}

// NewConverter prepares conversions of offsets into text to unit.
func NewConverter(text string, unit Unit) *Converter {
	c := &Converter{text: text, unit: unit}
	if unit == UTF8 {
		return c
	}
	c.checks = make([]checkpoint, 0, len(text)/stride+2)
	units := 0
	for i := 0; i < len(text); {
		for len(c.checks)*stride <= i {
			c.checks = append(c.checks, checkpoint{pos: i, units: units, plain: asciiRun(text[i:min(len(text), i+stride)])})
		}
		if text[i] < utf8.RuneSelf {
			units++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		units += c.width(r)
		i += size
	}
	c.checks = append(c.checks, checkpoint{pos: len(text), units: units})
	return c
}

// Unit is the unit the converter maps to, so spans of other texts in the same
// response (a linked claim's evidence) can be converted the same way.
func (c *Converter) Unit() Unit { return c.unit }

// asciiRun is the number of ASCII bytes s starts with.
func asciiRun(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return i
		}
	}
	return len(s)
}

func (c *Converter) width(r rune) int {
	if c.unit == UTF16 && r > 0xFFFF {
		return 2
	}
	return 1
}

// Convert maps byte offset b to the converter's unit. Offsets outside the text are
// clamped to its ends.
func (c *Converter) Convert(b int) int {
	b = max(0, min(b, len(c.text)))
	if c.unit == UTF8 {
		return b
	}
	k := min(b/stride, len(c.checks)-1)
	for k > 0 && c.checks[k].pos > b {
		k--
	}
	cp := c.checks[k]
	if d := b - cp.pos; d <= cp.plain {
		return cp.units + d
	}
	i, units := cp.pos+cp.plain, cp.units+cp.plain
	for i < b {
		if c.text[i] < utf8.RuneSelf {
			units++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(c.text[i:])
		if i+size > b { // b is inside this rune
			break
		}
		units += c.width(r)
		i += size
	}
	return units
}
