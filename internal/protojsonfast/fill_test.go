package protojsonfast

import (
	"math"
	"math/rand/v2"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// filler populates messages at random through protoreflect, leaning on the
// values where JSON encoders go wrong: escapes, non-ASCII, float edges, enum
// numbers without a name, Timestamp fractions, empty and absent messages.
type filler struct {
	r     *rand.Rand
	noNaN bool // NaN never equals itself, which a round trip cannot survive
}

var fillerStrings = []string{
	"", "a", "plain text", `quote " and \ backslash`, "tab\tnew\nline\rcr", "\b\f\x00\x01\x1f\x7f",
	"<html> & 'apos'", "é ü 漢字 🎉", "line\u2028sep\u2029par", "\ufffd replacement", "/slash",
}

func (f *filler) string() string {
	if f.r.IntN(3) == 0 {
		var sb strings.Builder
		for range f.r.IntN(20) {
			switch f.r.IntN(4) {
			case 0:
				sb.WriteByte(byte(f.r.IntN(0x80)))
			case 1:
				sb.WriteRune(rune(0x80 + f.r.IntN(0x800)))
			case 2:
				sb.WriteRune(rune(0x10000 + f.r.IntN(0x1000)))
			default:
				sb.WriteString("word ")
			}
		}
		return sb.String()
	}
	return fillerStrings[f.r.IntN(len(fillerStrings))]
}

func (f *filler) float64() float64 {
	specials := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1e-6, 9.99e-7, 1e-7, 1e20, 1e21, 1e300, 5e-324,
		math.MaxFloat64, math.Inf(1), math.Inf(-1), 123456789.125, 0.30000000000000004}
	if !f.noNaN {
		specials = append(specials, math.NaN())
	}
	switch f.r.IntN(3) {
	case 0:
		return specials[f.r.IntN(len(specials))]
	case 1:
		v := math.Float64frombits(f.r.Uint64())
		if math.IsNaN(v) {
			return 0.5
		}
		return v
	default:
		return (f.r.Float64() - 0.5) * math.Pow(10, float64(f.r.IntN(50)-25))
	}
}

func (f *filler) float32() float64 {
	switch f.r.IntN(3) {
	case 0:
		v := math.Float32frombits(f.r.Uint32())
		if v != v {
			return 0.25
		}
		return float64(v)
	case 1:
		return float64(float32(f.r.Float64()))
	default:
		return float64(float32(f.float64()))
	}
}

// fill populates m's fields, depth levels of messages deep.
func (f *filler) fill(m protoreflect.Message, depth int) {
	md := m.Descriptor()
	if md.FullName() == "google.protobuf.Timestamp" {
		fds := md.Fields()
		secs := f.r.Int64N(maxTimestampSeconds-minTimestampSeconds+1) + minTimestampSeconds
		nanos := []int64{0, 0, 5e8, 123e6, 123456e3, 123456789, 1, 999999999}[f.r.IntN(8)]
		m.Set(fds.ByName("seconds"), protoreflect.ValueOfInt64(secs))
		m.Set(fds.ByName("nanos"), protoreflect.ValueOfInt32(int32(nanos)))
		return
	}
	if md.FullName() == "google.protobuf.Any" {
		return
	}
	fds := md.Fields()
	for i := range fds.Len() {
		fd := fds.Get(i)
		if f.r.IntN(4) == 0 {
			continue // leave at its zero value
		}
		switch {
		case fd.IsList():
			l := m.Mutable(fd).List()
			for range f.r.IntN(4) {
				if fd.Kind() == protoreflect.MessageKind {
					if depth <= 0 {
						break
					}
					e := l.NewElement()
					f.fill(e.Message(), depth-1)
					l.Append(e)
				} else {
					l.Append(f.scalar(fd))
				}
			}
		case fd.Kind() == protoreflect.MessageKind:
			if depth <= 0 {
				continue
			}
			f.fill(m.Mutable(fd).Message(), depth-1)
		default:
			m.Set(fd, f.scalar(fd))
		}
	}
}

func (f *filler) scalar(fd protoreflect.FieldDescriptor) protoreflect.Value {
	switch fd.Kind() {
	case protoreflect.BoolKind:
		return protoreflect.ValueOfBool(f.r.IntN(2) == 0)
	case protoreflect.StringKind:
		return protoreflect.ValueOfString(f.string())
	case protoreflect.BytesKind:
		return protoreflect.ValueOfBytes([]byte(f.string()))
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		return protoreflect.ValueOfInt32(int32(f.r.Uint32()) >> f.r.IntN(32))
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		return protoreflect.ValueOfUint32(f.r.Uint32() >> f.r.IntN(32))
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return protoreflect.ValueOfInt64(int64(f.r.Uint64()) >> f.r.IntN(64))
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		return protoreflect.ValueOfUint64(f.r.Uint64() >> f.r.IntN(64))
	case protoreflect.FloatKind:
		return protoreflect.ValueOfFloat32(float32(f.float32()))
	case protoreflect.DoubleKind:
		return protoreflect.ValueOfFloat64(f.float64())
	case protoreflect.EnumKind:
		vals := fd.Enum().Values()
		if f.r.IntN(8) == 0 {
			return protoreflect.ValueOfEnum(protoreflect.EnumNumber(100 + f.r.IntN(10))) // no name
		}
		return protoreflect.ValueOfEnum(vals.Get(f.r.IntN(vals.Len())).Number())
	}
	panic("filler: kind " + fd.Kind().String())
}
