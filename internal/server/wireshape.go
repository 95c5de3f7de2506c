package server

import (
	"sync"
	"unicode/utf8"

	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// The codec's fast path (vtprotobuf's generated methods) checks less than the
// proto package: MarshalToSizedBufferVT writes strings without validating their
// UTF-8, and UnmarshalVT accepts invalid UTF-8 in string fields, field numbers
// above protowire.MaxValidNumber, varints with bits past the 64th and unknown
// groups whose end tag does not match, and keeps an unknown field's tag as sent
// where the proto package re-encodes it. A wireShape, built once per message type
// from its descriptor, lets the codec walk encoded bytes field by field, without
// reflection or allocation, and find out whether the proto package would have
// answered differently; when it might, the codec takes the proto package's path,
// so clients see exactly what they saw before the fast path.

// wireShape says, per field number of one message type, what the proto package
// checks in that field's bytes.
type wireShape struct {
	kind  []fieldCheck // indexed by field number; beyond the slice: unknown field
	child []*wireShape // the field's message type, for checkMessage
	list  []bool       // repeated field (scalars may then come packed)
	known []bool       // a field of the message type (not an unknown field)
	// dropsUnknown: vtprotobuf decodes this type with its types/known package,
	// which drops unknown fields (see vtWellKnown).
	dropsUnknown bool
}

// fieldCheck is what a length-delimited value of a field needs.
type fieldCheck uint8

const (
	checkNone    fieldCheck = iota // unknown field, bytes: nothing beyond the framing
	checkString                    // string: valid UTF-8
	checkMessage                   // message: its own fields, recursively
	checkNumbers                   // message holding no string anywhere (Span, Timestamp): stringsValid skips it
	checkScalar                    // numeric scalar: length-delimited only when packed
)

// maxShapeNumber bounds the table of a wireShape; a message with a larger field
// number gets no shape and always takes the proto package's path.
const maxShapeNumber = 1 << 12

// maxCheckDepth bounds the nesting the checks follow before giving up (and
// sending the message through the proto package, which has its own limit).
const maxCheckDepth = 64

var shapes sync.Map // protoreflect.FullName -> *wireShape (nil: no shape)

// shapeOf returns md's wireShape, or nil when it has none.
func shapeOf(md protoreflect.MessageDescriptor) *wireShape {
	if s, ok := shapes.Load(md.FullName()); ok {
		return s.(*wireShape)
	}
	s := buildShape(md, map[protoreflect.FullName]*wireShape{})
	shapes.Store(md.FullName(), s)
	return s
}

func buildShape(md protoreflect.MessageDescriptor, building map[protoreflect.FullName]*wireShape) *wireShape {
	if s, ok := building[md.FullName()]; ok {
		return s
	}
	fields := md.Fields()
	top := protowire.Number(0)
	for i := 0; i < fields.Len(); i++ {
		top = max(top, fields.Get(i).Number())
	}
	if top >= maxShapeNumber {
		building[md.FullName()] = nil
		return nil
	}
	s := &wireShape{kind: make([]fieldCheck, top+1), child: make([]*wireShape, top+1), list: make([]bool, top+1), known: make([]bool, top+1),
		dropsUnknown: vtWellKnown[md.FullName()]}
	building[md.FullName()] = s
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		n := fd.Number()
		s.list[n], s.known[n] = fd.IsList(), true
		switch fd.Kind() {
		case protoreflect.StringKind:
			s.kind[n] = checkString
		case protoreflect.BytesKind:
			s.kind[n] = checkNone
		case protoreflect.MessageKind, protoreflect.GroupKind:
			s.kind[n] = checkMessage
			if !descriptorHasStrings(fd.Message(), map[protoreflect.FullName]bool{}) {
				s.kind[n] = checkNumbers
			}
			s.child[n] = buildShape(fd.Message(), building)
			if s.child[n] == nil {
				building[md.FullName()] = nil
				return nil
			}
		default:
			s.kind[n] = checkScalar
		}
	}
	return s
}

// longVarint reads the varint of two bytes or more at b[i] (callers read a
// one-byte one, most tags and lengths, themselves, without a call) and returns
// it with the index after it; ok is false when it does not parse.
func longVarint(b []byte, i int) (v uint64, next int, ok bool) {
	v, n := protowire.ConsumeVarint(b[i:])
	return v, i + n, n >= 0
}

// stringsValid reports whether every known string field in b, a message of
// shape s as vtprotobuf encoded it, holds valid UTF-8 (proto.Marshal refuses to
// encode one that does not). false also means "could not tell" (a group, which
// only unknown fields can hold, or bytes that do not parse). It runs on every
// response, so it decodes one-byte tags and lengths inline and skips scalars
// without decoding them; the encoder wrote b, and a malformed unknown field can
// only hide bytes up to the end of its own message, where only unknown fields
// follow.
func stringsValid(b []byte, s *wireShape, depth int) bool {
	if depth > maxCheckDepth {
		return false
	}
	for i := 0; i < len(b); {
		tag := uint64(b[i])
		if i++; tag >= 0x80 {
			var ok bool
			if tag, i, ok = longVarint(b, i-1); !ok {
				return false
			}
		}
		switch protowire.Type(tag & 7) {
		case protowire.VarintType:
			for i < len(b) && b[i] >= 0x80 {
				i++
			}
			i++
			if i > len(b) {
				return false
			}
		case protowire.Fixed64Type:
			if i += 8; i > len(b) {
				return false
			}
		case protowire.Fixed32Type:
			if i += 4; i > len(b) {
				return false
			}
		case protowire.BytesType:
			if i >= len(b) {
				return false
			}
			l := uint64(b[i])
			if i++; l >= 0x80 {
				var ok bool
				if l, i, ok = longVarint(b, i-1); !ok {
					return false
				}
			}
			if l > uint64(len(b)-i) {
				return false
			}
			v := b[i : i+int(l)]
			i += int(l)
			if num := tag >> 3; num < uint64(len(s.kind)) {
				switch s.kind[num] {
				case checkString:
					if !validUTF8(v) {
						return false
					}
				case checkMessage:
					if !stringsValid(v, s.child[num], depth+1) {
						return false
					}
				}
			}
		default:
			return false
		}
	}
	return true
}

// validUTF8 is utf8.Valid with a quicker answer for the short ASCII strings
// (claim ids, feature names) that make up most of a response's strings.
func validUTF8(v []byte) bool {
	if len(v) >= 16 {
		return utf8.Valid(v)
	}
	for _, c := range v {
		if c >= utf8.RuneSelf {
			return utf8.Valid(v)
		}
	}
	return true
}

// protoAccepts reports whether proto.Unmarshal would accept b as a message of
// shape s on every point where UnmarshalVT is more lenient: field numbers in
// range and minimally encoded, varints and groups well formed (protowire's own
// checks, the ones the proto package applies), valid UTF-8 in known string fields, no packed
// scalars (decoded by different code; left to the proto package) and no
// unknown fields in a well-known type (UnmarshalVT would drop them). false means
// "use proto.Unmarshal"; true does not mean UnmarshalVT will succeed (it
// refuses a known field sent with another wire type, which proto.Unmarshal
// keeps as unknown), only that where it succeeds it agrees with proto.Unmarshal.
func protoAccepts(b []byte, s *wireShape, depth int) bool {
	if depth > maxCheckDepth {
		return false
	}
	for len(b) > 0 {
		var num protowire.Number
		var typ protowire.Type
		if c := b[0]; c < 0x80 && c >= 1<<3 { // a one-byte tag is minimal, its number in range
			num, typ, b = protowire.Number(c>>3), protowire.Type(c&7), b[1:]
		} else {
			var n int
			num, typ, n = protowire.ConsumeTag(b)
			// The proto package re-encodes the tag of an unknown field minimally;
			// UnmarshalVT keeps it as sent.
			if n < 0 || num > protowire.MaxValidNumber || n != protowire.SizeTag(num) {
				return false
			}
			b = b[n:]
		}
		if s.dropsUnknown && (int(num) >= len(s.known) || !s.known[num]) {
			return false
		}
		if typ != protowire.BytesType {
			n := protowire.ConsumeFieldValue(num, typ, b)
			if n < 0 {
				return false
			}
			b = b[n:]
			continue
		}
		var v []byte
		if len(b) > 0 && b[0] < 0x80 && int(b[0]) < len(b) {
			v, b = b[1:1+b[0]], b[1+b[0]:]
		} else {
			var n int
			if v, n = protowire.ConsumeBytes(b); n < 0 {
				return false
			}
			b = b[n:]
		}
		if int(num) >= len(s.kind) {
			continue
		}
		switch s.kind[num] {
		case checkString:
			if !validUTF8(v) {
				return false
			}
		case checkMessage, checkNumbers:
			if !protoAccepts(v, s.child[num], depth+1) {
				return false
			}
		case checkScalar:
			if s.list[num] {
				return false
			}
		}
	}
	return true
}

// descriptorHasStrings reports whether a string field is reachable from md.
func descriptorHasStrings(md protoreflect.MessageDescriptor, seen map[protoreflect.FullName]bool) bool {
	return reaches(md, seen, nil, func(fd protoreflect.FieldDescriptor) bool { return fd.Kind() == protoreflect.StringKind })
}
