package protojsonfast

import (
	"reflect"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// kind is what a field's value is written as; one switch on it per field
// replaces protojson's walk through descriptors and options.
type kind uint8

const (
	kindBool kind = iota
	kindString
	kindInt32  // int32, sint32, sfixed32: a JSON number
	kindUint32 // uint32, fixed32: a JSON number
	kindInt64  // int64, sint64, sfixed64: a JSON string
	kindUint64 // uint64, fixed64: a JSON string
	kindFloat
	kindDouble
	kindBytes // base64, standard alphabet, padded
	kindEnum
	kindMessage
)

// plan is how one message type is written: its fields in declaration order
// (protojson's order), each with its quoted JSON name. A Timestamp plan has no
// fields and is written as protojson writes google.protobuf.Timestamp.
type plan struct {
	desc      protoreflect.MessageDescriptor
	fields    []field
	timestamp bool
	// seconds and nanos are a Timestamp's fields.
	seconds, nanos protoreflect.FieldDescriptor
	// goType is the generated Go type (*T) whose struct fields the plan reads
	// directly (see gostruct.go); nil when there is none or it does not match.
	goType reflect.Type
	// goSeconds and goNanos are a Timestamp's struct field indices.
	goSeconds, goNanos int
}

// field is one field of a plan.
type field struct {
	fd       protoreflect.FieldDescriptor
	name     string // `"jsonName":`
	kind     kind
	list     bool
	presence bool  // left out when unset (singular messages, proto3 optional)
	msg      *plan // for kindMessage
	enum     *enumNames
	goIndex  int // the generated struct's field (when the plan has a goType)
}

// enumNames are an enum's value names, quoted, by number, as protojson picks
// them (Values().ByNumber: the first declared name for an aliased number).
type enumNames struct {
	dense  []string // numbers 0 … len-1; "" where the number has no name
	sparse map[protoreflect.EnumNumber]string
}

// name returns the quoted name of n, or "" when the enum has no value n (then
// protojson writes the number).
func (e *enumNames) name(n protoreflect.EnumNumber) string {
	if n >= 0 && int(n) < len(e.dense) {
		return e.dense[n]
	}
	return e.sparse[n]
}

// planner builds the plans for a set of message types: it first finds every
// type below the roots that protojson must write (its own fields need
// something unplanned, or a message field leads to such a type, however
// indirectly), then plans the rest, one shared plan per type so recursive types
// terminate.
type planner struct {
	types map[protoreflect.FullName]protoreflect.MessageDescriptor
	bad   map[protoreflect.FullName]bool
	plans map[protoreflect.FullName]*plan
}

// collect adds md and every message type below it to pl.types.
func (pl *planner) collect(md protoreflect.MessageDescriptor) {
	if _, ok := pl.types[md.FullName()]; ok {
		return
	}
	pl.types[md.FullName()] = md
	if isWellKnown(md) {
		return
	}
	fds := md.Fields()
	for i := range fds.Len() {
		if m := fds.Get(i).Message(); m != nil {
			pl.collect(m)
		}
	}
}

// isWellKnown reports whether protojson has a special form for md.
func isWellKnown(md protoreflect.MessageDescriptor) bool {
	return md.FullName().Parent() == "google.protobuf"
}

// markBad finds the collected types that need protojson: the ones with an
// unplanned feature of their own, then, until nothing changes, the ones with a
// message field of a type that needs protojson.
func (pl *planner) markBad() {
	for name, md := range pl.types {
		if !ownFeaturesPlanned(md) {
			pl.bad[name] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for name, md := range pl.types {
			if pl.bad[name] || isWellKnown(md) {
				continue
			}
			fds := md.Fields()
			for i := range fds.Len() {
				if m := fds.Get(i).Message(); m != nil && pl.bad[m.FullName()] {
					pl.bad[name], changed = true, true
					break
				}
			}
		}
	}
}

// ownFeaturesPlanned reports whether md's own fields can all be planned
// (message fields count as planned here; markBad follows them).
func ownFeaturesPlanned(md protoreflect.MessageDescriptor) bool {
	if isWellKnown(md) {
		return md.FullName().Name() == "Timestamp"
	}
	if md.ExtensionRanges().Len() > 0 {
		return false
	}
	for i := range md.Oneofs().Len() {
		if !md.Oneofs().Get(i).IsSynthetic() { // a proto3 optional's own oneof is fine
			return false
		}
	}
	fds := md.Fields()
	for i := range fds.Len() {
		if _, ok := planField(fds.Get(i)); !ok {
			return false
		}
	}
	return true
}

// build returns the plan for md, or nil if md needs protojson. markBad must
// have run over a collection holding md.
func (pl *planner) build(md protoreflect.MessageDescriptor) *plan {
	name := md.FullName()
	if pl.bad[name] {
		return nil
	}
	if p, ok := pl.plans[name]; ok {
		return p
	}
	p := &plan{desc: md, timestamp: isWellKnown(md)}
	pl.plans[name] = p // before the fields, so a recursive field finds it
	if p.timestamp {
		p.seconds, p.nanos = md.Fields().ByName("seconds"), md.Fields().ByName("nanos")
		return p
	}
	fds := md.Fields()
	for i := range fds.Len() {
		f, _ := planField(fds.Get(i))
		if f.kind == kindMessage {
			f.msg = pl.build(fds.Get(i).Message())
		}
		p.fields = append(p.fields, f)
	}
	return p
}

// planField plans one field, all but its message plan; false if the field
// needs protojson.
func planField(fd protoreflect.FieldDescriptor) (field, bool) {
	if fd.IsMap() || fd.Cardinality() == protoreflect.Required || fd.IsWeak() || fd.IsExtension() {
		return field{}, false
	}
	quoted, err := appendString(nil, fd.JSONName())
	if err != nil {
		return field{}, false
	}
	f := field{fd: fd, name: string(quoted) + ":", list: fd.IsList(), presence: !fd.IsList() && fd.HasPresence()}
	switch fd.Kind() {
	case protoreflect.BoolKind:
		f.kind = kindBool
	case protoreflect.StringKind:
		f.kind = kindString
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		f.kind = kindInt32
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		f.kind = kindUint32
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		f.kind = kindInt64
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		f.kind = kindUint64
	case protoreflect.FloatKind:
		f.kind = kindFloat
	case protoreflect.DoubleKind:
		f.kind = kindDouble
	case protoreflect.BytesKind:
		f.kind = kindBytes
	case protoreflect.EnumKind:
		ed := fd.Enum()
		if ed.FullName() == "google.protobuf.NullValue" {
			return field{}, false
		}
		f.kind, f.enum = kindEnum, newEnumNames(ed)
	case protoreflect.MessageKind:
		f.kind = kindMessage
	default: // groups and anything newer
		return field{}, false
	}
	return f, true
}

// newEnumNames quotes an enum's names once.
func newEnumNames(ed protoreflect.EnumDescriptor) *enumNames {
	e := &enumNames{sparse: map[protoreflect.EnumNumber]string{}}
	vals := ed.Values()
	for i := range vals.Len() {
		n := vals.Get(i).Number()
		q, _ := appendString(nil, string(vals.ByNumber(n).Name()))
		if n >= 0 && n < 64 {
			for int(n) >= len(e.dense) {
				e.dense = append(e.dense, "")
			}
			e.dense[n] = string(q)
		} else {
			e.sparse[n] = string(q)
		}
	}
	return e
}
