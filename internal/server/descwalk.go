package server

import "google.golang.org/protobuf/reflect/protoreflect"

// reaches reports whether md, or a message type reachable from it through its
// message fields (lists and map entries included), is one that msg picks or
// has a field that field picks. The codec's fast paths ask it of a type once
// (what vtprotobuf might encode differently, whether any string needs a
// UTF-8 check); seen keeps a recursive type from being walked twice.
func reaches(md protoreflect.MessageDescriptor, seen map[protoreflect.FullName]bool,
	msg func(protoreflect.MessageDescriptor) bool, field func(protoreflect.FieldDescriptor) bool) bool {
	if msg != nil && msg(md) {
		return true
	}
	if seen[md.FullName()] {
		return false
	}
	seen[md.FullName()] = true
	fields := md.Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		if field(fd) {
			return true
		}
		if k := fd.Kind(); (k == protoreflect.MessageKind || k == protoreflect.GroupKind) && reaches(fd.Message(), seen, msg, field) {
			return true
		}
	}
	return false
}
