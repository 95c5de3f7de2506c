package protojsonfast

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/dynamicpb"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/structpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// claimsFiles are the API's files: every message type in them is checked.
var claimsFiles = []protoreflect.FileDescriptor{
	claimsv1.File_claims_v1_claims_proto, claimsv1.File_claims_v1_claims_service_proto,
	claimsv1.File_claims_v1_document_proto, claimsv1.File_claims_v1_links_proto,
	claimsv1.File_claims_v1_scores_proto, claimsv1.File_claims_v1_store_proto,
	claimsv1.File_claims_v1_store_ref_proto,
}

func claimsMessages() []protoreflect.MessageDescriptor {
	var mds []protoreflect.MessageDescriptor
	for _, f := range claimsFiles {
		for i := range f.Messages().Len() {
			mds = append(mds, f.Messages().Get(i))
		}
	}
	return mds
}

// scalarsFile is a test-only type with what claims.v1 lacks: 64-bit and
// unsigned integers, bytes, proto3 optional, a oneof and a map (the last two
// left to protojson), and recursion.
const scalarsFile = `
name: "protojsonfast_test.proto" package: "pjf.test" syntax: "proto3"
message_type {
  name: "Scalars"
  field { name: "i64" number: 1 label: LABEL_OPTIONAL type: TYPE_INT64 json_name: "i64" }
  field { name: "u64" number: 2 label: LABEL_OPTIONAL type: TYPE_UINT64 json_name: "u64" }
  field { name: "s64" number: 3 label: LABEL_OPTIONAL type: TYPE_SINT64 json_name: "s64" }
  field { name: "f64" number: 4 label: LABEL_OPTIONAL type: TYPE_FIXED64 json_name: "f64" }
  field { name: "u32" number: 5 label: LABEL_OPTIONAL type: TYPE_UINT32 json_name: "u32" }
  field { name: "raw_bytes" number: 6 label: LABEL_OPTIONAL type: TYPE_BYTES json_name: "rawBytes" }
  field { name: "many_i64" number: 7 label: LABEL_REPEATED type: TYPE_INT64 json_name: "manyI64" }
  field { name: "opt_int" number: 8 label: LABEL_OPTIONAL type: TYPE_INT32 json_name: "optInt" proto3_optional: true oneof_index: 0 }
  field { name: "child" number: 9 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".pjf.test.Scalars" json_name: "child" }
  field { name: "many_bytes" number: 10 label: LABEL_REPEATED type: TYPE_BYTES json_name: "manyBytes" }
  field { name: "when" number: 11 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp" json_name: "when" }
  oneof_decl { name: "_opt_int" }
}
message_type {
  name: "WithMap"
  field { name: "m" number: 1 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".pjf.test.WithMap.MEntry" json_name: "m" }
  nested_type { name: "MEntry" field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "key" }
    field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_INT32 json_name: "value" } options { map_entry: true } }
}
message_type {
  name: "WithOneof"
  field { name: "a" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING json_name: "a" oneof_index: 0 }
  field { name: "b" number: 2 label: LABEL_OPTIONAL type: TYPE_INT32 json_name: "b" oneof_index: 0 }
  oneof_decl { name: "choice" }
}
dependency: "google/protobuf/timestamp.proto"
`

func testFile(t testing.TB) protoreflect.FileDescriptor {
	t.Helper()
	var fdp descriptorpb.FileDescriptorProto
	if err := prototext.Unmarshal([]byte(scalarsFile), &fdp); err != nil {
		t.Fatal(err)
	}
	fd, err := protodesc.NewFile(&fdp, protoregistry.GlobalFiles)
	if err != nil {
		t.Fatal(err)
	}
	return fd
}

// want is protojson's output compacted as encoding/json compacts it (what
// claimbatch has always printed).
func want(t testing.TB, m proto.Message) ([]byte, error) {
	t.Helper()
	raw, err := protojson.MarshalOptions{EmitDefaultValues: true}.Marshal(m)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), nil
}

// check requires e's output for m to be protojson's: the same bytes once
// compacted, the same JSON value (numbers as written), and a protojson round
// trip back to an equal message when roundTrip is set.
func check(t *testing.T, e *Encoder, m proto.Message, roundTrip bool) {
	t.Helper()
	exp, werr := want(t, m)
	got, err := e.Marshal(m)
	if (err != nil) != (werr != nil) {
		t.Fatalf("error %v, protojson's %v", err, werr)
	}
	if werr != nil {
		if err.Error() != werr.Error() {
			t.Fatalf("error %q, protojson's %q", err, werr)
		}
		return
	}
	if !bytes.Equal(got, exp) {
		t.Fatalf("bytes differ\n got %s\nwant %s", got, exp)
	}
	var a, b any
	for _, x := range []struct {
		data []byte
		v    *any
	}{{got, &a}, {exp, &b}} {
		d := json.NewDecoder(bytes.NewReader(x.data))
		d.UseNumber()
		if err := d.Decode(x.v); err != nil {
			t.Fatalf("decode %s: %v", x.data, err)
		}
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("JSON values differ\n got %s\nwant %s", got, exp)
	}
	if roundTrip {
		back := m.ProtoReflect().New().Interface()
		if err := protojson.Unmarshal(got, back); err != nil {
			t.Fatalf("protojson.Unmarshal(%s): %v", got, err)
		}
		if !proto.Equal(back, m) {
			t.Fatalf("round trip differs:\n got %v\nwant %v", back, m)
		}
	}
}

func TestPlannedTypes(t *testing.T) {
	e := New(claimsMessages()...)
	for _, md := range claimsMessages() {
		got := e.plans[md.FullName()] != nil
		// google.rpc.Status holds Any details: protojson's to write.
		wantPlanned := md.FullName() != "claims.v1.StreamExtractClaimsResponse"
		if got != wantPlanned {
			t.Errorf("%s planned = %v, want %v", md.FullName(), got, wantPlanned)
		}
		if p := e.plans[md.FullName()]; p != nil && p.goType == nil {
			t.Errorf("%s is not read from its Go struct", md.FullName())
		}
	}
	tf := testFile(t)
	e = New(tf.Messages().Get(0), tf.Messages().Get(1), tf.Messages().Get(2))
	for i, wantPlanned := range []bool{true, false, false} {
		if got := e.plans[tf.Messages().Get(i).FullName()] != nil; got != wantPlanned {
			t.Errorf("%s planned = %v, want %v", tf.Messages().Get(i).FullName(), got, wantPlanned)
		}
	}
}

func TestMarshalCases(t *testing.T) {
	tf := testFile(t)
	scalars := tf.Messages().Get(0)
	dyn := func(set func(m protoreflect.Message)) proto.Message {
		m := dynamicpb.NewMessage(scalars)
		set(m)
		return m
	}
	field := func(name string) protoreflect.FieldDescriptor {
		return scalars.Fields().ByName(protoreflect.Name(name))
	}
	e := New(append(claimsMessages(), scalars, tf.Messages().Get(1), tf.Messages().Get(2),
		(&timestamppb.Timestamp{}).ProtoReflect().Descriptor())...)
	cases := []struct {
		name      string
		m         proto.Message
		roundTrip bool
	}{
		{"empty claim", &claimsv1.Claim{}, true},
		{"nil claim pointer", (*claimsv1.Claim)(nil), false},
		{"escapes", &claimsv1.Span{}, true},
		{"claim strings", &claimsv1.Claim{Id: "c1", Text: "He said \"no\"\n\ttab \\ \x00\x01\x1f\x7f <b>&amp; é 漢 🎉 \u2028\u2029 \ufffd"}, true},
		{"invalid UTF-8", &claimsv1.Claim{Text: "bad \xff byte"}, false},
		{"invalid UTF-8 deep", &claimsv1.ArticleResult{Claims: []*claimsv1.Claim{{Speaker: &claimsv1.Speaker{Mention: "\xc3"}}}}, false},
		{"floats", &claimsv1.Claim{CheckWorthiness: 0.1, Hedging: &claimsv1.Hedging{Score: 1e-7, Cues: []*claimsv1.HedgeCue{
			{Weight: 1e21}, {Weight: float32(math.Inf(1))}, {Weight: float32(math.Inf(-1))}, {Weight: float32(math.NaN())},
			{Weight: 3.4028235e38}, {Weight: 1.4e-45}, {Weight: -0.0}, {Weight: 123456.79}, {Weight: 9.999999e-7}}}}, false},
		{"doubles", &claimsv1.Claim{CheckWorthinessReasons: []*claimsv1.ScoreReason{
			{Contribution: 0.1}, {Contribution: 1e-7}, {Contribution: 1e21}, {Contribution: 1e20}, {Contribution: 5e-324},
			{Contribution: math.MaxFloat64}, {Contribution: -123.456e-10}, {Contribution: 0.30000000000000004}}}, true},
		{"enums", &claimsv1.Claim{ClaimType: claimsv1.ClaimType_CLAIM_TYPE_OPINION, Speaker: &claimsv1.Speaker{Kind: 99, Resolution: -3}}, true},
		{"timestamps", &claimsv1.LinkedClaim{PublishTime: &timestamppb.Timestamp{Seconds: 1700000000, Nanos: 120000000}}, true},
		{"timestamp micros", &claimsv1.StoredClaim{PublishTime: &timestamppb.Timestamp{Seconds: -62135596800, Nanos: 1000}, StoreTime: &timestamppb.Timestamp{Seconds: 253402300799, Nanos: 999999999}}, true},
		{"timestamp zero", &claimsv1.StoredClaim{PublishTime: &timestamppb.Timestamp{}}, true},
		{"timestamp too early", &claimsv1.StoredClaim{PublishTime: &timestamppb.Timestamp{Seconds: -62135596801}}, false},
		{"timestamp nanos 1e9", &claimsv1.StoredClaim{PublishTime: &timestamppb.Timestamp{Nanos: 1e9}}, false},
		{"timestamp negative nanos", &claimsv1.StoredClaim{PublishTime: &timestamppb.Timestamp{Nanos: -1}}, false},
		{"timestamp root", &timestamppb.Timestamp{Seconds: 86400*365 + 7, Nanos: 7}, true},
		{"lists", &claimsv1.LinkedClaim{Dates: []string{"2020", "", "x\"y"}, EvidenceSpans: []*claimsv1.EvidenceSpan{{}, {Start: -1, End: 2147483647, Text: "t"}}}, true},
		{"status falls back", &claimsv1.StreamExtractClaimsResponse{Error: &spb.Status{Code: 3, Message: "m", Details: []*anypb.Any{mustAny(t, &claimsv1.Span{Start: 1})}}}, true},
		{"unplanned type", &durationpb.Duration{Seconds: 3, Nanos: 5}, true},
		{"struct", mustStruct(t), true},
		{"64-bit", dyn(func(m protoreflect.Message) {
			m.Set(field("i64"), protoreflect.ValueOfInt64(math.MinInt64))
			m.Set(field("u64"), protoreflect.ValueOfUint64(math.MaxUint64))
			m.Set(field("s64"), protoreflect.ValueOfInt64(-5))
			m.Set(field("f64"), protoreflect.ValueOfUint64(1<<63))
			m.Set(field("u32"), protoreflect.ValueOfUint32(math.MaxUint32))
			m.Set(field("raw_bytes"), protoreflect.ValueOfBytes([]byte{0, 1, 2, 0xff, 0xfe}))
			l := m.Mutable(field("many_i64")).List()
			l.Append(protoreflect.ValueOfInt64(1))
			l.Append(protoreflect.ValueOfInt64(-1))
			bl := m.Mutable(field("many_bytes")).List()
			bl.Append(protoreflect.ValueOfBytes(nil))
			bl.Append(protoreflect.ValueOfBytes([]byte("ab")))
		}), true},
		{"optional unset", dyn(func(protoreflect.Message) {}), true},
		{"optional zero", dyn(func(m protoreflect.Message) { m.Set(field("opt_int"), protoreflect.ValueOfInt32(0)) }), true},
		{"recursive", dyn(func(m protoreflect.Message) {
			c := m.Mutable(field("child")).Message()
			c.Set(field("opt_int"), protoreflect.ValueOfInt32(4))
			c.Mutable(field("child"))
		}), true},
		{"map falls back", func() proto.Message {
			m := dynamicpb.NewMessage(tf.Messages().Get(1))
			mm := m.Mutable(tf.Messages().Get(1).Fields().ByName("m")).Map()
			mm.Set(protoreflect.ValueOfString("b").MapKey(), protoreflect.ValueOfInt32(2))
			mm.Set(protoreflect.ValueOfString("a").MapKey(), protoreflect.ValueOfInt32(1))
			return m
		}(), true},
		{"nil list elements", &claimsv1.ArticleResult{Claims: []*claimsv1.Claim{nil, {Id: "x"}}, Links: []*claimsv1.ContradictionLink{nil}}, false},
		{"dynamic claim", func() proto.Message {
			m := dynamicpb.NewMessage((&claimsv1.Claim{}).ProtoReflect().Descriptor())
			proto.Merge(m, &claimsv1.Claim{Id: "x", Span: &claimsv1.Span{Start: 3}, CheckWorthiness: 0.7})
			return m
		}(), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { check(t, e, c.m, c.roundTrip) })
	}
}

func mustAny(t *testing.T, m proto.Message) *anypb.Any {
	a, err := anypb.New(m)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func mustStruct(t *testing.T) *structpb.Struct {
	s, err := structpb.NewStruct(map[string]any{"b": 1.5, "a": []any{"x", nil, true}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestMarshalRandom: messages of every claims.v1 type (and the test-only
// scalar type) populated at random encode as protojson does.
func TestMarshalRandom(t *testing.T) {
	tf := testFile(t)
	mds := append(claimsMessages(), tf.Messages().Get(0))
	e := New(mds...)
	r := rand.New(rand.NewPCG(1, 2))
	n := 300
	if testing.Short() {
		n = 30
	}
	for _, md := range mds {
		var mt protoreflect.MessageType = dynamicpb.NewMessageType(md)
		if gt, err := protoregistry.GlobalTypes.FindMessageByName(md.FullName()); err == nil {
			mt = gt // the generated type: the one the service marshals
		}
		for i := range n {
			f := &filler{r: r, noNaN: i%2 == 0}
			m := mt.New()
			f.fill(m, 1+i%4)
			t.Run(string(md.Name()), func(t *testing.T) { check(t, e, m.Interface(), f.noNaN) })
		}
	}
}

// TestMarshalSeeds: the REST responses of every seed article, alone and as
// one batch response (claims, links, cross-article links), and their claims
// and links one by one as claimbatch writes them, encode as protojson does,
// whether the encoder was made for every claims.v1 message or only for
// ExtractClaimsResponse (the types below it planned on the way).
func TestMarshalSeeds(t *testing.T) {
	resps := seedResponses(t, -1)
	if len(resps) == 0 {
		t.Fatal("no seed responses")
	}
	encoders := map[string]*Encoder{
		"all messages":          New(claimsMessages()...),
		"ExtractClaimsResponse": New((&claimsv1.ExtractClaimsResponse{}).ProtoReflect().Descriptor()),
	}
	for name, e := range encoders {
		t.Run(name, func(t *testing.T) {
			batch := &claimsv1.BatchExtractClaimsResponse{}
			for _, r := range resps {
				check(t, e, r, true)
				for _, c := range r.GetResult().GetClaims() {
					check(t, e, c, true)
				}
				for _, l := range r.GetResult().GetLinks() {
					check(t, e, l, true)
				}
				batch.Results = append(batch.Results, r.GetResult())
				batch.CrossArticleLinks = append(batch.CrossArticleLinks, r.GetResult().GetLinks()...)
			}
			if name == "all messages" {
				if !e.Planned(batch) {
					t.Fatal("BatchExtractClaimsResponse is left to protojson")
				}
				check(t, e, batch, true)
			}
		})
	}
}

// TestMarshalAppendKeepsPrefix: MarshalAppend appends, and on an error hands
// back what it was given.
func TestMarshalAppendKeepsPrefix(t *testing.T) {
	e := New((&claimsv1.Claim{}).ProtoReflect().Descriptor())
	out, err := e.MarshalAppend([]byte("x="), &claimsv1.Span{Start: 1})
	if err != nil || string(out) != `x={"start":1,"end":0}` {
		t.Fatalf("got %q, %v", out, err)
	}
	out, err = e.MarshalAppend([]byte("x="), &claimsv1.Claim{Text: "\xff"})
	if err == nil || string(out) != "x=" {
		t.Fatalf("got %q, %v; want x= and an error", out, err)
	}
}
