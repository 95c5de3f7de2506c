package batch

import (
	"unicode/utf16"
	"unicode/utf8"
)

// decodeInput reads the common shape of an input line — one JSON object whose
// keys are Input's own names, spelled exactly, each with a string value — into
// in, as json.Unmarshal would, without encoding/json's validating pass and
// reflection (reading lines was a few percent of a batch run). ok is false for
// anything else: other or differently cased keys, values that are not strings,
// surrogate escapes, malformed JSON. The caller then asks encoding/json, whose
// answer (or error) stands; b is valid UTF-8 (parseLine checks it first).
func decodeInput(b []byte) (in Input, ok bool) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return in, false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return in, skipSpace(b, i+1) == len(b)
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return in, false
		}
		end := i + 1
		for end < len(b) && b[end] != '"' && b[end] != '\\' && b[end] >= 0x20 {
			end++
		}
		if end >= len(b) || b[end] != '"' {
			return in, false
		}
		dst := in.field(string(b[i+1 : end]))
		if dst == nil {
			return in, false
		}
		i = skipSpace(b, end+1)
		if i >= len(b) || b[i] != ':' {
			return in, false
		}
		i = skipSpace(b, i+1)
		v, next, ok := jsonString(b, i)
		if !ok {
			return in, false
		}
		*dst = v
		i = skipSpace(b, next)
		if i >= len(b) {
			return in, false
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case '}':
			return in, skipSpace(b, i+1) == len(b)
		default:
			return in, false
		}
	}
}

// field is where the value of key goes; nil for a key Input does not name
// exactly (encoding/json matches names without regard to case and ignores
// unknown keys, whatever their value: the slow path handles both).
func (in *Input) field(key string) *string {
	switch key {
	case "id":
		return &in.ID
	case "text":
		return &in.Text
	case "title":
		return &in.Title
	case "url":
		return &in.URL
	case "published":
		return &in.Published
	case "language":
		return &in.Language
	case "content_type":
		return &in.ContentType
	case "html":
		return &in.HTML
	}
	return nil
}

// skipSpace returns the index of the first byte at or after i that is not
// JSON white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// jsonString reads the JSON string starting at b[i] ('"'), returning its value
// and the index after its closing quote. ok is false for anything but a
// well-formed string without surrogate escapes (a lone surrogate becomes
// U+FFFD in encoding/json; pairs are left to it too).
func jsonString(b []byte, i int) (s string, next int, ok bool) {
	if i >= len(b) || b[i] != '"' {
		return "", 0, false
	}
	start := i + 1
	j := start
	for j < len(b) && b[j] != '"' && b[j] != '\\' && b[j] >= 0x20 {
		j++
	}
	if j < len(b) && b[j] == '"' {
		return string(b[start:j]), j + 1, true
	}
	out := make([]byte, 0, j-start+64)
	out = append(out, b[start:j]...)
	for j < len(b) {
		c := b[j]
		switch {
		case c == '"':
			return string(out), j + 1, true
		case c < 0x20:
			return "", 0, false
		case c != '\\':
			k := j + 1 // a run of plain bytes, copied at once
			for k < len(b) && b[k] != '"' && b[k] != '\\' && b[k] >= 0x20 {
				k++
			}
			out = append(out, b[j:k]...)
			j = k
			continue
		}
		if j+1 >= len(b) {
			return "", 0, false
		}
		switch e := b[j+1]; e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(b, j+2)
			if !ok || utf16.IsSurrogate(r) {
				return "", 0, false
			}
			out = utf8.AppendRune(out, r)
			j += 4
		default:
			return "", 0, false
		}
		j += 2
	}
	return "", 0, false
}

// hex4 reads the four hex digits at b[i:].
func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
