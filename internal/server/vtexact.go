package server

import (
	"math"
	"sync"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/timestamppb"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// Two things vtprotobuf's generated marshal code writes differently from
// proto.Marshal, found in the message rather than in its bytes:
//
//   - it tests a float or double field against zero with `!= 0`, so it omits a
//     negative zero, which proto.Marshal writes (its sign bit makes it a
//     non-default value);
//   - it encodes well-known types (google.protobuf.Timestamp here) with its
//     own types/known package, which cannot reach their unknown fields and so
//     drops them.
//
// Before taking the fast path the codec asks vtMayDiffer, which walks the
// floats and timestamps of the responses the service sends on its hot paths
// directly (a few loads per claim and link) and answers "maybe" for every other
// message type that can hold a float or a well-known type anywhere, sending
// those through proto.Marshal. TestVTMarshalPlanted plants a -0 in every float,
// and an unknown field in every timestamp, reachable from every response type
// and compares the codec's bytes with proto.Marshal's, so a field added to the
// protos and not walked here fails a test instead of changing what clients get.

// vtMayDiffer reports whether vtprotobuf's encoding of m might differ from
// proto.Marshal's; false is a guarantee, true may be a false alarm.
func vtMayDiffer(m proto.Message) bool {
	switch m := m.(type) {
	case *claimsv1.ExtractClaimsResponse:
		return resultMayDiffer(m.GetResult())
	case *claimsv1.BatchExtractClaimsResponse:
		for _, r := range m.GetResults() {
			if resultMayDiffer(r) {
				return true
			}
		}
		return linksMayDiffer(m.GetCrossArticleLinks()) || groupsMayDiffer(m.GetGroups())
	case *claimsv1.StreamExtractClaimsResponse:
		return resultMayDiffer(m.GetResult()) || linksMayDiffer(m.GetCrossArticleLinks()) || groupsMayDiffer(m.GetGroups())
	case *claimsv1.CompareClaimsResponse:
		return negZero32(m.GetScore()) || linkedMayDiffer(m.GetFirst()) || linkedMayDiffer(m.GetSecond())
	}
	return mayHoldFloatOrWKT(m)
}

func resultMayDiffer(r *claimsv1.ArticleResult) bool {
	if r == nil {
		return false
	}
	for _, c := range r.GetClaims() {
		if claimMayDiffer(c) {
			return true
		}
	}
	return linksMayDiffer(r.GetLinks()) || linksMayDiffer(r.GetStoredLinks()) ||
		groupsMayDiffer(r.GetGroups()) || timestampMayDiffer(r.GetMetadata().GetPublishTime())
}

func claimMayDiffer(c *claimsv1.Claim) bool {
	if c == nil {
		return false
	}
	if negZero32(c.GetCheckWorthiness()) {
		return true
	}
	for _, r := range c.GetCheckWorthinessReasons() {
		if negZero64(r.GetContribution()) {
			return true
		}
	}
	if h := c.GetHedging(); h != nil {
		if negZero32(h.GetScore()) {
			return true
		}
		for _, cue := range h.GetCues() {
			if negZero32(cue.GetWeight()) {
				return true
			}
		}
	}
	return false
}

func linksMayDiffer(ls []*claimsv1.ContradictionLink) bool {
	for _, l := range ls {
		if negZero32(l.GetScore()) || linkedMayDiffer(l.GetFirst()) || linkedMayDiffer(l.GetSecond()) ||
			timestampMayDiffer(l.GetStoredClaim().GetPublishTime()) || timestampMayDiffer(l.GetOtherStoredClaim().GetPublishTime()) {
			return true
		}
	}
	return false
}

func linkedMayDiffer(c *claimsv1.LinkedClaim) bool {
	return timestampMayDiffer(c.GetPublishTime())
}

// groupsMayDiffer is true when a ClaimGroup could hold a float or a
// well-known type: none does today (so the walk skips groups), and
// mayHoldFloatOrWKT keeps that honest if one ever does.
func groupsMayDiffer(gs []*claimsv1.ClaimGroup) bool {
	return len(gs) > 0 && mayHoldFloatOrWKT(gs[0])
}

// timestampMayDiffer: a timestamp with unknown fields loses them.
func timestampMayDiffer(t *timestamppb.Timestamp) bool {
	return t != nil && len(t.ProtoReflect().GetUnknown()) > 0
}

func negZero32(f float32) bool { return math.Float32bits(f) == 1<<31 }
func negZero64(f float64) bool { return math.Float64bits(f) == 1<<63 }

// vtWellKnown are the messages vtprotobuf encodes and decodes with its own
// types/known package (its generator's list), dropping their unknown fields.
var vtWellKnown = map[protoreflect.FullName]bool{
	"google.protobuf.Any": true, "google.protobuf.Duration": true, "google.protobuf.Empty": true,
	"google.protobuf.FieldMask": true, "google.protobuf.Timestamp": true,
	"google.protobuf.DoubleValue": true, "google.protobuf.FloatValue": true,
	"google.protobuf.Int64Value": true, "google.protobuf.UInt64Value": true,
	"google.protobuf.Int32Value": true, "google.protobuf.UInt32Value": true,
	"google.protobuf.BoolValue": true, "google.protobuf.StringValue": true, "google.protobuf.BytesValue": true,
	"google.protobuf.Struct": true, "google.protobuf.Value": true, "google.protobuf.ListValue": true,
}

// riskyTypes caches, per message type, whether a float, a double or a
// vtWellKnown message is reachable from it (through message fields, lists and
// map entries included).
var riskyTypes sync.Map // protoreflect.FullName -> bool

// mayHoldFloatOrWKT reports whether m's type can hold a float, a double or a
// vtWellKnown message anywhere, from its descriptor alone.
func mayHoldFloatOrWKT(m proto.Message) bool {
	md := m.ProtoReflect().Descriptor()
	if v, ok := riskyTypes.Load(md.FullName()); ok {
		return v.(bool)
	}
	v := descriptorRisky(md, map[protoreflect.FullName]bool{})
	riskyTypes.Store(md.FullName(), v)
	return v
}

// descriptorRisky reports whether a float, a double or a vtWellKnown message
// is reachable from md.
func descriptorRisky(md protoreflect.MessageDescriptor, seen map[protoreflect.FullName]bool) bool {
	return reaches(md, seen,
		func(md protoreflect.MessageDescriptor) bool { return vtWellKnown[md.FullName()] },
		func(fd protoreflect.FieldDescriptor) bool {
			return fd.Kind() == protoreflect.FloatKind || fd.Kind() == protoreflect.DoubleKind
		})
}
