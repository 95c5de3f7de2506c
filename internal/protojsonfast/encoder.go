package protojsonfast

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Encoder writes the message types it was made for as
// protojson.MarshalOptions{EmitDefaultValues: true} would, without spaces. It
// is immutable once made, so one Encoder serves any number of goroutines.
type Encoder struct {
	plans map[protoreflect.FullName]*plan
	// fallback writes what the plans do not cover.
	fallback protojson.MarshalOptions
}

// New makes an Encoder for the given message types and every type below them.
// Types outside that set, and types that need a feature the plans leave out,
// are written by protojson.
func New(roots ...protoreflect.MessageDescriptor) *Encoder {
	pl := &planner{
		types: map[protoreflect.FullName]protoreflect.MessageDescriptor{},
		bad:   map[protoreflect.FullName]bool{},
		plans: map[protoreflect.FullName]*plan{},
	}
	for _, md := range roots {
		pl.collect(md)
	}
	pl.markBad()
	for _, md := range roots {
		pl.build(md)
	}
	for _, p := range pl.plans {
		bindGo(p)
	}
	return &Encoder{plans: pl.plans, fallback: protojson.MarshalOptions{EmitDefaultValues: true}}
}

// Planned reports whether m's type is written by the plans rather than handed
// to protojson (values protojson rejects still go to protojson).
func (e *Encoder) Planned(m proto.Message) bool { return e.planFor(m.ProtoReflect()) != nil }

// Marshal returns m's JSON.
func (e *Encoder) Marshal(m proto.Message) ([]byte, error) { return e.MarshalAppend(nil, m) }

// MarshalAppend appends m's JSON to b. On error b is returned as it was given
// (up to its length) with protojson's error.
func (e *Encoder) MarshalAppend(b []byte, m proto.Message) ([]byte, error) {
	if m == nil {
		return append(b, '{', '}'), nil
	}
	rm := m.ProtoReflect()
	p := e.planFor(rm)
	if p != nil {
		var out []byte
		var err error
		if v := reflect.ValueOf(m); p.goType == v.Type() && !v.IsNil() {
			out, err = appendGo(b, p, v.Elem())
		} else {
			out, err = appendMessage(b, p, rm)
		}
		if err == nil {
			return out, nil
		}
		// Something protojson rejects or writes its own way: let it.
	}
	return e.appendFallback(b, m)
}

// appendFallback appends protojson's JSON for m with its spaces taken out, as
// encoding/json compacts it, so fallback output looks like planned output.
func (e *Encoder) appendFallback(b []byte, m proto.Message) ([]byte, error) {
	raw, err := e.fallback.Marshal(m)
	if err != nil {
		return b, err
	}
	buf := bytes.NewBuffer(b)
	if err := json.Compact(buf, raw); err != nil {
		return b, err
	}
	return buf.Bytes(), nil
}

// planFor returns the plan for m's type, or nil. The descriptor must be the
// very one planned: another with the same name (dynamicpb, another file
// version) may have other fields.
func (e *Encoder) planFor(m protoreflect.Message) *plan {
	md := m.Descriptor()
	if p := e.plans[md.FullName()]; p != nil && p.desc == md {
		return p
	}
	return nil
}

// errFallback means a value the plans do not write the way protojson does (it
// rejects it, or writes it specially); the whole message goes to protojson.
var errFallback = errors.New("protojsonfast: value left to protojson")

// appendMessage writes one message object.
func appendMessage(b []byte, p *plan, m protoreflect.Message) ([]byte, error) {
	if p.timestamp {
		return appendTimestamp(b, p, m)
	}
	b = append(b, '{')
	first := true
	var err error
	for i := range p.fields {
		f := &p.fields[i]
		if f.presence && !m.Has(f.fd) {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, f.name...)
		v := m.Get(f.fd)
		if f.list {
			l := v.List()
			b = append(b, '[')
			for j := range l.Len() {
				if j > 0 {
					b = append(b, ',')
				}
				if b, err = appendValue(b, f, l.Get(j)); err != nil {
					return b, err
				}
			}
			b = append(b, ']')
			continue
		}
		if b, err = appendValue(b, f, v); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

// appendValue writes one singular value (a field's or a list element's).
func appendValue(b []byte, f *field, v protoreflect.Value) ([]byte, error) {
	switch f.kind {
	case kindBool:
		return strconv.AppendBool(b, v.Bool()), nil
	case kindString:
		return appendString(b, v.String())
	case kindInt32:
		return strconv.AppendInt(b, v.Int(), 10), nil
	case kindUint32:
		return strconv.AppendUint(b, v.Uint(), 10), nil
	case kindInt64:
		b = append(b, '"')
		return append(strconv.AppendInt(b, v.Int(), 10), '"'), nil
	case kindUint64:
		b = append(b, '"')
		return append(strconv.AppendUint(b, v.Uint(), 10), '"'), nil
	case kindFloat:
		return appendFloat(b, v.Float(), 32), nil
	case kindDouble:
		return appendFloat(b, v.Float(), 64), nil
	case kindBytes:
		raw := v.Bytes()
		b = append(b, '"')
		return append(base64.StdEncoding.AppendEncode(b, raw), '"'), nil
	case kindEnum:
		n := v.Enum()
		if name := f.enum.name(n); name != "" {
			return append(b, name...), nil
		}
		return strconv.AppendInt(b, int64(n), 10), nil
	case kindMessage:
		return appendMessage(b, f.msg, v.Message())
	}
	return b, errFallback
}
