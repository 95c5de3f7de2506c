package offsets

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// reference converts by re-encoding the prefix, the slow obviously-right way.
func reference(text string, b int, unit Unit) int {
	prefix := text[:b]
	switch unit {
	case UTF16:
		return len(utf16.Encode([]rune(prefix)))
	case UTF32:
		return utf8.RuneCountInString(prefix)
	}
	return b
}

func TestConvert(t *testing.T) {
	long := strings.Repeat("a€😀b", 200) // straddles many checkpoints with 1-, 3- and 4-byte runes
	tests := []struct {
		name string
		text string
	}{
		{"empty", ""},
		{"ascii", "Lavrov said talks were rare."},
		{"curly quotes", "“No line exists,” Ryabkov said."},
		{"astral emoji", "He said 😀 twice 😀."},
		{"cjk", "他说没有直接的沟通渠道。"},
		{"long mixed", long},
		{"long ascii then mixed", strings.Repeat("plain words ", 70) + "“quoted” 😀 " + strings.Repeat("x", 300) + "é"},
		{"non-ASCII on checkpoints", strings.Repeat("€", 400)},
	}
	for _, tt := range tests {
		for _, unit := range []Unit{UTF8, UTF16, UTF32} {
			c := NewConverter(tt.text, unit)
			for b := 0; b <= len(tt.text); b++ {
				if b < len(tt.text) && !utf8.RuneStart(tt.text[b]) {
					continue
				}
				if got, want := c.Convert(b), reference(tt.text, b, unit); got != want {
					t.Fatalf("%s unit %d: Convert(%d) = %d, want %d", tt.name, unit, b, got, want)
				}
			}
		}
	}
}

func TestConvertClampsAndMidRune(t *testing.T) {
	text := "a😀b" // 😀 occupies bytes 1..4
	c := NewConverter(text, UTF16)
	tests := []struct{ in, want int }{
		{-5, 0}, {0, 0}, {1, 1}, {3, 1}, {5, 3}, {6, 4}, {99, 4},
	}
	for _, tt := range tests {
		if got := c.Convert(tt.in); got != tt.want {
			t.Errorf("Convert(%d) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func BenchmarkConvert(b *testing.B) {
	text := strings.Repeat("Ryabkov made clear “no line exists” — 😀. ", 2000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		c := NewConverter(text, UTF16)
		for i := 0; i < len(text); i += 97 {
			c.Convert(i)
		}
	}
}
