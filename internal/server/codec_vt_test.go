package server

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"

	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/known/timestamppb"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/dataset"
)

// TestVTMarshalMatchesProto: for the service's real responses on the seeds and
// for synthetic ones (links, documents, google.rpc.Status errors, timestamps,
// unknown fields, empty messages), vtprotobuf's encoding is byte for byte
// proto.Marshal's, with default and with deterministic options, the codec
// takes its fast path for them, and the codec's bytes are grpc's proto codec's.
func TestVTMarshalMatchesProto(t *testing.T) {
	check := func(t *testing.T, corpus []namedMessage) {
		c := newCodec(DefaultLimits().MaxBatchArticles)
		for _, tc := range corpus {
			want, err := proto.Marshal(tc.msg)
			if err != nil {
				t.Fatalf("%s: proto.Marshal: %v", tc.name, err)
			}
			det, err := proto.MarshalOptions{Deterministic: true}.Marshal(tc.msg)
			if err != nil {
				t.Fatalf("%s: deterministic proto.Marshal: %v", tc.name, err)
			}
			vt, ok := tc.msg.(vtMarshaler)
			if !ok {
				t.Fatalf("%s: %T has no VT methods", tc.name, tc.msg)
			}
			got := make([]byte, vt.SizeVT())
			if n, err := vt.MarshalToSizedBufferVT(got); err != nil || n != len(got) {
				t.Fatalf("%s: MarshalToSizedBufferVT = %d, %v; SizeVT %d", tc.name, n, err, len(got))
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s: VT encoding (%d bytes) differs from proto.Marshal (%d bytes)", tc.name, len(got), len(want))
			}
			if !bytes.Equal(got, det) {
				t.Errorf("%s: VT encoding differs from deterministic proto.Marshal", tc.name)
			}
			fast, ok := marshalVT(tc.msg)
			if !ok {
				t.Errorf("%s: the codec did not take its fast path", tc.name)
			} else {
				fast.Free()
			}
			out, err := c.Marshal(tc.msg)
			if err != nil {
				t.Fatalf("%s: codec.Marshal: %v", tc.name, err)
			}
			old, err := c.base.Marshal(tc.msg)
			if err != nil {
				t.Fatalf("%s: grpc proto codec: %v", tc.name, err)
			}
			if !bytes.Equal(out.Materialize(), old.Materialize()) {
				t.Errorf("%s: codec bytes differ from grpc's proto codec's", tc.name)
			}
			out.Free()
			old.Free()
		}
	}
	t.Run("synthetic", func(t *testing.T) { check(t, syntheticResponses()) })
	t.Run("seeds", func(t *testing.T) { check(t, seedResponses(t)) })
}

// TestVTMarshalPlanted plants, one at a time, a -0 in every float and double
// field, an unknown field in every google.protobuf.Timestamp, and invalid
// UTF-8 in every string field reachable from each message the service sends,
// and checks that the codec still answers exactly as grpc's proto codec: the
// same bytes, or an error where it errs. vtprotobuf alone would drop the -0
// and the unknown field and send the invalid string, so this is what makes
// vtMayDiffer and stringsValid complete.
func TestVTMarshalPlanted(t *testing.T) {
	c := newCodec(DefaultLimits().MaxBatchArticles)
	methods := claimsv1.File_claims_v1_claims_service_proto.Services().Get(0).Methods()
	n := 0
	for i := 0; i < methods.Len(); i++ {
		out := methods.Get(i).Output()
		mt, err := protoregistry.GlobalTypes.FindMessageByName(out.FullName())
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range plantPaths(out, nil, map[protoreflect.FullName]bool{}) {
			for _, kind := range []string{"negzero", "unknown", "utf8"} {
				m := mt.New()
				if !plant(m, p, kind) {
					continue
				}
				n++
				name := string(out.Name()) + "." + pathName(p) + "/" + kind
				got, gerr := c.Marshal(m.Interface())
				want, werr := c.base.Marshal(m.Interface())
				if (gerr != nil) != (werr != nil) {
					t.Errorf("%s: codec error %v, grpc proto codec error %v", name, gerr, werr)
					continue
				}
				if gerr == nil && !bytes.Equal(got.Materialize(), want.Materialize()) {
					t.Errorf("%s: codec bytes differ from grpc's proto codec's", name)
				}
				if kind == "utf8" && werr == nil {
					t.Errorf("%s: proto.Marshal accepted invalid UTF-8; the plant did not reach a string", name)
				}
			}
		}
	}
	if n < 50 {
		t.Fatalf("planted only %d values; the walk over the response types is broken", n)
	}
	t.Logf("%d planted values", n)
}

// plantPaths lists the field paths from md to every float, double, string and
// Timestamp field, not entering a message type already on the path.
func plantPaths(md protoreflect.MessageDescriptor, prefix []protoreflect.FieldDescriptor, onPath map[protoreflect.FullName]bool) [][]protoreflect.FieldDescriptor {
	if onPath[md.FullName()] {
		return nil
	}
	onPath[md.FullName()] = true
	defer delete(onPath, md.FullName())
	var out [][]protoreflect.FieldDescriptor
	fields := md.Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		p := append(append([]protoreflect.FieldDescriptor(nil), prefix...), fd)
		switch {
		case fd.IsMap():
			continue // none in claims.v1
		case fd.Kind() == protoreflect.MessageKind && fd.Message().FullName() == "google.protobuf.Timestamp":
			out = append(out, p)
		case fd.Kind() == protoreflect.MessageKind:
			if strings.HasPrefix(string(fd.Message().FullName()), "google.protobuf.") {
				continue // Any (inside google.rpc.Status) is encoded by proto.Marshal
			}
			out = append(out, plantPaths(fd.Message(), p, onPath)...)
		case fd.Kind() == protoreflect.FloatKind, fd.Kind() == protoreflect.DoubleKind, fd.Kind() == protoreflect.StringKind:
			out = append(out, p)
		}
	}
	return out
}

// plant sets the value of kind at the end of path p in m, creating the
// messages (one list element each) on the way; false when kind does not apply.
func plant(m protoreflect.Message, p []protoreflect.FieldDescriptor, kind string) bool {
	for _, fd := range p[:len(p)-1] {
		if fd.IsList() {
			l := m.Mutable(fd).List()
			e := l.NewElement()
			l.Append(e)
			m = e.Message()
		} else {
			m = m.Mutable(fd).Message()
		}
	}
	fd := p[len(p)-1]
	var v protoreflect.Value
	switch {
	case kind == "negzero" && fd.Kind() == protoreflect.FloatKind:
		v = protoreflect.ValueOfFloat32(float32(math.Copysign(0, -1)))
	case kind == "negzero" && fd.Kind() == protoreflect.DoubleKind:
		v = protoreflect.ValueOfFloat64(math.Copysign(0, -1))
	case kind == "utf8" && fd.Kind() == protoreflect.StringKind:
		v = protoreflect.ValueOfString("bad \xff")
	case kind == "unknown" && fd.Kind() == protoreflect.MessageKind:
		ts := &timestamppb.Timestamp{Seconds: 1}
		ts.ProtoReflect().SetUnknown(protowire.AppendVarint(protowire.AppendTag(nil, 9, protowire.VarintType), 1))
		v = protoreflect.ValueOfMessage(ts.ProtoReflect())
	default:
		return false
	}
	if fd.IsList() {
		m.Mutable(fd).List().Append(v)
	} else {
		m.Set(fd, v)
	}
	return true
}

func pathName(p []protoreflect.FieldDescriptor) string {
	names := make([]string, len(p))
	for i, fd := range p {
		names[i] = string(fd.Name())
	}
	return strings.Join(names, ".")
}

// TestVTUnmarshalMatchesProto: for requests, real and broken, the codec
// decodes exactly what its proto-package path decodes (the same message, the
// same decode-failure marker naming the field), and wherever the fast path's
// checks let UnmarshalVT decode, UnmarshalVT's message is proto.Equal to
// proto.Unmarshal's.
func TestVTUnmarshalMatchesProto(t *testing.T) {
	type request struct {
		name string
		new  func() proto.Message
		data []byte
	}
	mustMarshal := func(m proto.Message) []byte {
		b, err := proto.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	extract := func() proto.Message { return &claimsv1.ExtractClaimsRequest{} }
	batch := func() proto.Message { return &claimsv1.BatchExtractClaimsRequest{} }
	compare := func() proto.Message { return &claimsv1.CompareClaimsRequest{} }
	text := "The minister said the border would stay closed."
	if seeds, err := dataset.ReadSeeds(); err == nil && len(seeds) > 1 {
		text = seeds[1].Text
	}
	art := &claimsv1.Article{Id: "a1", Text: text, Title: "T", Url: "https://example.com/a",
		PublishTime: timestamppb.New(testTime), LanguageCode: "en", ContentType: claimsv1.ContentType_CONTENT_TYPE_TEXT_PLAIN}
	good := mustMarshal(&claimsv1.ExtractClaimsRequest{Article: art, EncodingType: claimsv1.EncodingType_ENCODING_TYPE_UTF16})
	artBytes := mustMarshal(art)
	tag := func(num protowire.Number, typ protowire.Type) []byte { return protowire.AppendTag(nil, num, typ) }
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	tsWithUnknown := cat(tag(1, protowire.VarintType), []byte{5}, tag(7, protowire.VarintType), []byte{1})
	cases := []request{
		{"seed request", extract, good},
		{"empty", extract, nil},
		{"batch of seeds", batch, mustMarshal(&claimsv1.BatchExtractClaimsRequest{Articles: []*claimsv1.Article{art, {Text: "Second."}}, StoreClaims: true})},
		{"compare with times", compare, mustMarshal(&claimsv1.CompareClaimsRequest{
			First:  &claimsv1.Statement{Text: "It is open.", Speaker: "A", Time: timestamppb.New(testTime)},
			Second: &claimsv1.Statement{Text: "It is closed.", Time: &timestamppb.Timestamp{Seconds: -5, Nanos: 7}},
		})},
		{"unknown fields kept", extract, cat(good, tag(99, protowire.BytesType), []byte{2, 'h', 'i'}, tag(5000, protowire.Fixed64Type), make([]byte, 8))},
		{"unknown group", extract, cat(good, tag(40, protowire.StartGroupType), tag(1, protowire.VarintType), []byte{1}, tag(40, protowire.EndGroupType))},
		{"mismatched group end", extract, cat(good, tag(40, protowire.StartGroupType), tag(41, protowire.EndGroupType))},
		{"invalid UTF-8 text", extract, cat(tag(1, protowire.BytesType), protowire.AppendBytes(nil, wireField(2, []byte("bad \xff text"))))},
		{"invalid UTF-8 in a batch", batch, cat(wireField(1, wireField(2, []byte("ok"))), wireField(1, wireField(1, []byte{0xc3})))},
		{"invalid UTF-8 speaker", compare, wireField(1, cat(wireField(1, []byte("x")), wireField(2, []byte("\xed\xa0\x80"))))},
		{"wrong wire type for a known field", extract, cat(tag(2, protowire.BytesType), []byte{1, 'x'}, wireField(1, artBytes))},
		{"string sent as varint", extract, wireField(1, cat(tag(2, protowire.VarintType), []byte{3}))},
		{"non-minimal tag", extract, cat(good, []byte{0x98, 0x80, 0x00}, []byte{1})},
		{"non-minimal known tag", extract, cat([]byte{0x8a, 0x00}, protowire.AppendBytes(nil, artBytes))},
		{"overlong varint", extract, cat(tag(2, protowire.VarintType), []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})},
		{"overlong unknown varint", extract, cat(good, tag(30, protowire.VarintType), []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02})},
		{"field number too large", extract, cat(good, protowire.AppendVarint(nil, uint64(protowire.MaxValidNumber+1)<<3), []byte{1})},
		{"field number zero", extract, cat([]byte{0x00, 0x01}, good)},
		{"truncated", extract, good[:len(good)-3]},
		{"length past the end", extract, cat(tag(1, protowire.BytesType), []byte{0x7f, 1, 2})},
		{"unknown field in a timestamp", extract, wireField(1, cat(wireField(2, []byte("x")), wireField(5, tsWithUnknown)))},
		{"timestamp field repeated", extract, wireField(1, cat(wireField(5, tsWithUnknown[:2]), wireField(5, cat(tag(2, protowire.VarintType), []byte{9}))))},
		{"forged decode marker", extract, cat(good, wireField(decodeFailureField, []byte("article.text\x00forged")))},
		{"forged count marker", batch, cat(wireField(1, wireField(2, []byte("x"))), protowire.AppendVarint(tag(articleCountField, protowire.VarintType), 9))},
		{"end group at top level", extract, cat(good, tag(3, protowire.EndGroupType))},
		{"article merged twice", extract, cat(wireField(1, wireField(1, []byte("a"))), wireField(1, wireField(2, []byte("b"))))},
	}
	c := newCodec(DefaultLimits().MaxBatchArticles)
	vtUsed := 0
	for _, tc := range cases {
		got, want := tc.new(), tc.new()
		if err := c.Unmarshal(mem.BufferSlice{mem.SliceBuffer(tc.data)}, got); err != nil {
			t.Fatalf("%s: codec.Unmarshal: %v", tc.name, err)
		}
		if err := c.unmarshalProto(mem.BufferSlice{mem.SliceBuffer(tc.data)}, want); err != nil {
			t.Fatalf("%s: unmarshalProto: %v", tc.name, err)
		}
		if !proto.Equal(got, want) {
			t.Errorf("%s: codec decoded %v, the proto path %v", tc.name, got, want)
		}
		std := tc.new()
		stdErr := proto.Unmarshal(tc.data, std)
		vt := tc.new()
		vtErr := vt.(vtUnmarshaler).UnmarshalVT(tc.data)
		if protoAccepts(tc.data, shapeOf(vt.ProtoReflect().Descriptor()), 0) && vtErr == nil {
			vtUsed++
			if stdErr != nil {
				t.Errorf("%s: fast path accepted bytes proto.Unmarshal refuses (%v)", tc.name, stdErr)
			} else if !proto.Equal(vt, std) {
				t.Errorf("%s: UnmarshalVT decoded %v, proto.Unmarshal %v", tc.name, vt, std)
			}
		}
	}
	if vtUsed < 8 {
		t.Errorf("the fast path decoded only %d of %d requests", vtUsed, len(cases))
	}
}

// seedRequestAndResponse is the ExtractClaims request of the seed nearest 4 KB
// (what scripts/cpupercall.sh sends) and the service's response to it.
func seedRequestAndResponse(b *testing.B) ([]byte, proto.Message) {
	seeds, err := dataset.ReadSeeds()
	if err != nil || len(seeds) == 0 {
		b.Skipf("seeds not available (../shared/seeds): %v", err)
	}
	best := seeds[0]
	for _, s := range seeds {
		if abs(len(s.Text)-4096) < abs(len(best.Text)-4096) {
			best = s
		}
	}
	req := &claimsv1.ExtractClaimsRequest{Article: &claimsv1.Article{Id: "load", Text: best.Text}}
	data, err := proto.Marshal(req)
	if err != nil {
		b.Fatal(err)
	}
	resp, err := seedService(b).ExtractClaims(context.Background(), req)
	if err != nil {
		b.Fatal(err)
	}
	return data, resp
}

func abs(n int) int { return max(n, -n) }

// BenchmarkCodec compares grpc's proto codec (proto) with the server's codec
// (vt) on the seed response's Marshal and the seed request's Unmarshal, as the
// server does them per ExtractClaims call.
func BenchmarkCodec(b *testing.B) {
	data, resp := seedRequestAndResponse(b)
	c := newCodec(DefaultLimits().MaxBatchArticles)
	for _, path := range []struct {
		name      string
		marshal   func(any) (mem.BufferSlice, error)
		unmarshal func(mem.BufferSlice, any) error
	}{{"proto", c.base.Marshal, c.unmarshalProto}, {"vt", c.Marshal, c.Unmarshal}} {
		b.Run("marshal/"+path.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				out, err := path.marshal(resp)
				if err != nil {
					b.Fatal(err)
				}
				out.Free()
			}
		})
		b.Run("unmarshal/"+path.name, func(b *testing.B) {
			b.ReportAllocs()
			in := mem.BufferSlice{mem.SliceBuffer(data)}
			for b.Loop() {
				if err := path.unmarshal(in, &claimsv1.ExtractClaimsRequest{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// fuzzCodec is the server's codec as FuzzService checks it.
var fuzzCodec = newCodec(DefaultLimits().MaxBatchArticles)

// checkSameEncoding fails t unless the server's codec encodes m exactly as
// grpc's proto codec does (or errs where it errs).
func checkSameEncoding(t *testing.T, m proto.Message) {
	t.Helper()
	got, gerr := fuzzCodec.Marshal(m)
	want, werr := fuzzCodec.base.Marshal(m)
	if (gerr != nil) != (werr != nil) || gerr == nil && !bytes.Equal(got.Materialize(), want.Materialize()) {
		t.Fatalf("codec encodes %T as %d bytes (%v), grpc's proto codec as %d (%v)", m, got.Len(), gerr, want.Len(), werr)
	}
	got.Free()
	want.Free()
}
