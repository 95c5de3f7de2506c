package server

import (
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/proto"
)

// vtMarshaler is what vtprotobuf generates for the marshal and size features:
// SizeVT is proto.Size and MarshalToSizedBufferVT writes the message, back to
// front, into a buffer of exactly that size, both without reflection.
type vtMarshaler interface {
	proto.Message
	SizeVT() int
	MarshalToSizedBufferVT(dst []byte) (int, error)
}

// vtUnmarshaler is what vtprotobuf generates for the unmarshal feature: like
// proto.Merge of the encoded message into the receiver.
type vtUnmarshaler interface {
	proto.Message
	UnmarshalVT(b []byte) error
}

// marshalVT encodes v with its generated methods into a buffer from grpc's
// pool (below grpc's pooling threshold a plain slice), as grpc's own proto
// codec does with proto.Marshal. ok is false when v has no such methods or the
// result might differ from proto.Marshal's (a float set to -0, a string that
// is not valid UTF-8, which proto.Marshal refuses, a timestamp with unknown
// fields, or an error from a nested
// message without VT methods): the caller then encodes v with proto.Marshal,
// which also gives its error.
func marshalVT(v any) (out mem.BufferSlice, ok bool) {
	m, isVT := v.(vtMarshaler)
	if !isVT || vtMayDiffer(m) {
		return nil, false
	}
	s := shapeOf(m.ProtoReflect().Descriptor())
	if s == nil {
		return nil, false
	}
	valid, walked := walkedStringsValid(m)
	if walked && !valid {
		return nil, false
	}
	// stringsOK checks the encoded bytes of a message walkedStringsValid did not walk.
	stringsOK := func(b []byte) bool { return walked || stringsValid(b, s, 0) }
	size := m.SizeVT()
	if mem.IsBelowBufferPoolingThreshold(size) {
		b := make([]byte, size)
		if n, err := m.MarshalToSizedBufferVT(b); err != nil || n != size || !stringsOK(b) {
			return nil, false
		}
		return mem.BufferSlice{mem.SliceBuffer(b)}, true
	}
	pool := mem.DefaultBufferPool()
	buf := pool.Get(size)
	b := (*buf)[:size]
	if n, err := m.MarshalToSizedBufferVT(b); err != nil || n != size || !stringsOK(b) {
		pool.Put(buf)
		return nil, false
	}
	return mem.BufferSlice{mem.NewBuffer(buf, pool)}, true
}

// unmarshalVT decodes data into m with its generated UnmarshalVT and reports
// whether it did. It does only when protoAccepts vouches that proto.Unmarshal
// would accept data too, so a request that fails to decode still reaches the
// proto package's path and describeDecodeFailure; when UnmarshalVT itself
// refuses the bytes, m is left reset for that path, which decodes afresh.
func unmarshalVT(data mem.BufferSlice, m proto.Message) bool {
	vm, isVT := m.(vtUnmarshaler)
	if !isVT {
		return false
	}
	s := shapeOf(m.ProtoReflect().Descriptor())
	if s == nil {
		return false
	}
	buf := data.MaterializeToBuffer(mem.DefaultBufferPool())
	defer buf.Free()
	b := buf.ReadOnlyData()
	if !protoAccepts(b, s, 0) {
		return false
	}
	proto.Reset(m) // proto.Unmarshal replaces; UnmarshalVT merges
	if err := vm.UnmarshalVT(b); err != nil {
		proto.Reset(m)
		return false
	}
	return true
}
