package protojsonfast

import (
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// needsEscape marks the ASCII bytes protojson escapes in strings: control
// characters, '"' and '\\' (it leaves '<', '>', '&', DEL and U+2028 alone).
var needsEscape = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// appendString writes s as a JSON string exactly as protojson does: the short
// escapes \" \\ \b \f \n \r \t, \u00xx (lower-case hex) for the other control
// characters, everything else as is. Invalid UTF-8 is protojson's error, so it
// is errFallback here.
func appendString(b []byte, s string) ([]byte, error) {
	if !utf8.ValidString(s) {
		return b, errFallback
	}
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !needsEscape[c] {
			continue
		}
		b = append(b, s[start:i]...)
		start = i + 1
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			const hex = "0123456789abcdef"
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
	}
	b = append(b, s[start:]...)
	return append(b, '"'), nil
}

// appendFloat writes n as protojson does (its copy of encoding/json's rule):
// NaN and the infinities as strings, exponent form below 1e-6 and from 1e21
// on (judged at the field's own precision), the shortest digits that read back
// as the same float32 or float64, and "e-07" shortened to "e-7".
func appendFloat(b []byte, n float64, bitSize int) []byte {
	switch {
	case math.IsNaN(n):
		return append(b, `"NaN"`...)
	case math.IsInf(n, +1):
		return append(b, `"Infinity"`...)
	case math.IsInf(n, -1):
		return append(b, `"-Infinity"`...)
	}
	format := byte('f')
	if abs := math.Abs(n); abs != 0 {
		if bitSize == 64 && (abs < 1e-6 || abs >= 1e21) ||
			bitSize == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, n, format, -1, bitSize)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// Timestamp limits protojson accepts: 0001-01-01T00:00:00Z to
// 9999-12-31T23:59:59Z.
const (
	minTimestampSeconds = -62135596800
	maxTimestampSeconds = 253402300799
)

// appendTimestamp writes a google.protobuf.Timestamp as protojson does: RFC
// 3339 in UTC with "Z" and 0, 3, 6 or 9 fractional digits. Values protojson
// rejects (and the nanos = 1e9 it oddly accepts) are errFallback.
func appendTimestamp(b []byte, p *plan, m protoreflect.Message) ([]byte, error) {
	return appendTimestampOf(b, m.Get(p.seconds).Int(), m.Get(p.nanos).Int())
}

// appendTimestampOf writes the Timestamp of secs and nanos (see
// appendTimestamp).
func appendTimestampOf(b []byte, secs, nanos int64) ([]byte, error) {
	if secs < minTimestampSeconds || secs > maxTimestampSeconds || nanos < 0 || nanos >= 1e9 {
		return b, errFallback
	}
	b = append(b, '"')
	b = time.Unix(secs, nanos).UTC().AppendFormat(b, "2006-01-02T15:04:05")
	if nanos != 0 {
		digits := 9
		switch {
		case nanos%1e6 == 0:
			digits, nanos = 3, nanos/1e6
		case nanos%1e3 == 0:
			digits, nanos = 6, nanos/1e3
		}
		b = append(b, '.')
		var frac [9]byte
		for i := digits - 1; i >= 0; i-- {
			frac[i] = byte('0' + nanos%10)
			nanos /= 10
		}
		b = append(b, frac[:digits]...)
	}
	return append(b, 'Z', '"'), nil
}
