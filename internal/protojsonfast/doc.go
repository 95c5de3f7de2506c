// Package protojsonfast writes protobuf messages as JSON the way
// protojson.MarshalOptions{EmitDefaultValues: true} does (lowerCamelCase JSON
// names, fields in declaration order, zero values and empty lists emitted,
// absent messages left out, enum names, 64-bit integers as strings, protojson's
// float formatting and string escaping, RFC 3339 Timestamps), but several times
// faster: protojson sorts every message's fields, boxes every value and
// consults detrand on every comma, while this package walks a per-message plan
// built once (JSON names pre-quoted, a kind switch per field, enum names looked
// up by number) and writes compact JSON with no spaces at all.
//
// The output equals protojson's with its randomised spaces removed, so it is
// byte-identical to protojson output compacted by encoding/json. Messages or
// features the plan does not cover (maps, oneofs, extensions, proto2 required
// fields, well-known types other than Timestamp, google.protobuf.Any anywhere
// below) and values protojson rejects (invalid UTF-8, out-of-range Timestamps)
// are handed to protojson itself (its output then compacted the same way), so
// the answer — or the error — is always protojson's.
package protojsonfast
