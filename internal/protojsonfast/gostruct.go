package protojsonfast

import (
	"reflect"
	"strconv"
	"strings"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
)

// Generated messages are read straight from their Go structs through reflect
// (Value.Field by index, then Int, String, Len, Index …) instead of through
// protoreflect.Message.Get, which checks the descriptor, converts through an
// interface and allocates a wrapper for every list: that was most of the
// encoder's time. The plan stays the same; only how a value is fetched differs.
// A plan is bound to a Go type only when every field's struct field is found by
// its number and has the Go kind the field's proto kind implies; anything else
// (dynamicpb, other Go types) keeps the protoreflect path.

// bindGo sets p.goType and its fields' goIndex when the generated type of
// p.desc is registered and its struct matches the plan.
func bindGo(p *plan) {
	mt, err := protoregistry.GlobalTypes.FindMessageByName(p.desc.FullName())
	if err != nil || mt.Descriptor() != p.desc {
		return
	}
	t := reflect.TypeOf(mt.Zero().Interface())
	if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return
	}
	byNumber := structFieldsByNumber(t.Elem())
	if p.timestamp {
		s, ok1 := byNumber[p.seconds.Number()]
		n, ok2 := byNumber[p.nanos.Number()]
		if !ok1 || !ok2 || t.Elem().Field(s).Type.Kind() != reflect.Int64 || t.Elem().Field(n).Type.Kind() != reflect.Int32 {
			return
		}
		p.goSeconds, p.goNanos, p.goType = s, n, t
		return
	}
	idx := make([]int, len(p.fields))
	for i := range p.fields {
		f := &p.fields[i]
		j, ok := byNumber[f.fd.Number()]
		if !ok || !goTypeFits(f, t.Elem().Field(j).Type) {
			return
		}
		idx[i] = j
	}
	for i := range p.fields {
		p.fields[i].goIndex = idx[i]
	}
	p.goType = t
}

// structFieldsByNumber maps field numbers to struct field indices by the
// generated `protobuf:"kind,number,…"` tags.
func structFieldsByNumber(t reflect.Type) map[protoreflect.FieldNumber]int {
	m := map[protoreflect.FieldNumber]int{}
	for i := range t.NumField() {
		tag := t.Field(i).Tag.Get("protobuf")
		parts := strings.Split(tag, ",")
		if len(parts) < 2 {
			continue
		}
		if n, err := strconv.Atoi(parts[1]); err == nil {
			m[protoreflect.FieldNumber(n)] = i
		}
	}
	return m
}

// goTypeFits reports whether a struct field of type t holds f as appendGo
// reads it: a slice for a list, a pointer for a singular message, the kind's Go
// kind underneath.
//
// Only the kinds the claims.v1 API uses, which the tests compare with
// protojson on generated types, are bound: 64-bit and unsigned integers, bytes
// and proto3 optional scalars keep the protoreflect path.
func goTypeFits(f *field, t reflect.Type) bool {
	if f.presence && f.kind != kindMessage {
		return false
	}
	if f.list {
		if t.Kind() != reflect.Slice {
			return false
		}
		t = t.Elem()
	}
	want, ok := goKind(f.kind)
	return ok && t.Kind() == want
}

// goKind is the Go kind a generated struct field of a bound proto kind has;
// ok is false for the kinds left to the protoreflect path.
func goKind(k kind) (want reflect.Kind, ok bool) {
	switch k {
	case kindBool:
		return reflect.Bool, true
	case kindString:
		return reflect.String, true
	case kindInt32, kindEnum:
		return reflect.Int32, true
	case kindFloat:
		return reflect.Float32, true
	case kindDouble:
		return reflect.Float64, true
	case kindMessage:
		return reflect.Pointer, true
	}
	return 0, false
}

// appendGo writes one message from its struct value sv, as appendMessage
// writes it from protoreflect.
func appendGo(b []byte, p *plan, sv reflect.Value) ([]byte, error) {
	if p.timestamp {
		return appendTimestampOf(b, sv.Field(p.goSeconds).Int(), sv.Field(p.goNanos).Int())
	}
	b = append(b, '{')
	first := true
	var err error
	for i := range p.fields {
		f := &p.fields[i]
		fv := sv.Field(f.goIndex)
		if f.presence && fv.IsNil() { // only messages are bound with presence
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, f.name...)
		if f.list {
			b = append(b, '[')
			for j := range fv.Len() {
				if j > 0 {
					b = append(b, ',')
				}
				if b, err = appendGoValue(b, f, fv.Index(j)); err != nil {
					return b, err
				}
			}
			b = append(b, ']')
			continue
		}
		if b, err = appendGoValue(b, f, fv); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

// appendGoValue writes one singular value read from its Go value: the kinds
// goTypeFits binds, as appendValue writes them from protoreflect.
func appendGoValue(b []byte, f *field, v reflect.Value) ([]byte, error) {
	switch f.kind {
	case kindBool:
		return strconv.AppendBool(b, v.Bool()), nil
	case kindString:
		return appendString(b, v.String())
	case kindInt32:
		return strconv.AppendInt(b, v.Int(), 10), nil
	case kindFloat:
		return appendFloat(b, v.Float(), 32), nil
	case kindDouble:
		return appendFloat(b, v.Float(), 64), nil
	case kindEnum:
		n := protoreflect.EnumNumber(v.Int())
		if name := f.enum.name(n); name != "" {
			return append(b, name...), nil
		}
		return strconv.AppendInt(b, int64(n), 10), nil
	case kindMessage:
		if f.msg.goType == v.Type() && !v.IsNil() {
			return appendGo(b, f.msg, v.Elem())
		}
		// A nil element of a list, or a type of its own: protoreflect's way.
		return appendMessage(b, f.msg, v.Interface().(proto.Message).ProtoReflect())
	}
	return b, errFallback
}
