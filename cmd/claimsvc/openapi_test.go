package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"google.golang.org/genproto/googleapis/api/annotations"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// TestOpenAPIDocument checks the document served at /openapi.json against the
// Swagger 2.0 rules a client generator relies on and against the protos it is
// generated from: every REST route of the service is an operation, every
// message is a definition whose properties are exactly its fields (JSON names),
// every field and enum value is described, and every $ref resolves.
//
// The checks are structural, written here, rather than a full JSON-schema
// validation of Swagger 2.0: the one well-made pure-Go validator
// (github.com/go-openapi/validate) would add some twenty modules to the shared
// go.mod for this one test.
func TestOpenAPIDocument(t *testing.T) {
	_, base := testServer(t, nil)
	resp, err := http.Get(base + "/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var doc swaggerDoc
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("/openapi.json is not a Swagger document: %v", err)
	}

	t.Run("swagger 2.0 structure", func(t *testing.T) {
		for _, p := range doc.check() {
			t.Error(p)
		}
	})
	t.Run("every $ref resolves", func(t *testing.T) {
		var anyDoc any
		if err := json.Unmarshal(raw, &anyDoc); err != nil {
			t.Fatal(err)
		}
		refs := 0
		walkRefs(anyDoc, "", func(at, ref string) {
			refs++
			name, ok := strings.CutPrefix(ref, "#/definitions/")
			if _, found := doc.Definitions[name]; !ok || !found {
				t.Errorf("%s: $ref %q does not resolve", at, ref)
			}
		})
		if refs == 0 {
			t.Error("no $ref at all: the document cannot describe nested messages")
		}
	})
	t.Run("every REST route is an operation", func(t *testing.T) {
		svc := claimsv1.File_claims_v1_claims_service_proto.Services().ByName("ClaimsService")
		for i := 0; i < svc.Methods().Len(); i++ {
			m := svc.Methods().Get(i)
			rule, _ := proto.GetExtension(m.Options(), annotations.E_Http).(*annotations.HttpRule)
			if rule.GetPost() == "" {
				continue // StreamExtractClaims is gRPC only
			}
			op := doc.Paths[rule.GetPost()]["post"]
			if op == nil {
				t.Errorf("%s: POST %s is not in paths", m.Name(), rule.GetPost())
				continue
			}
			if want := "ClaimsService_" + string(m.Name()); op.OperationID != want {
				t.Errorf("POST %s: operationId %q, want %q", rule.GetPost(), op.OperationID, want)
			}
			if strings.TrimSpace(op.Summary+op.Description) == "" {
				t.Errorf("POST %s: no summary or description", rule.GetPost())
			}
			if ok := op.Responses["200"].Schema; ok == nil || refName(ok.Ref) != defName(m.Output()) {
				t.Errorf("POST %s: 200 response is %+v, want %q", rule.GetPost(), ok, defName(m.Output()))
			}
			if len(op.Parameters) != 1 || op.Parameters[0].In != "body" || op.Parameters[0].Schema == nil || refName(op.Parameters[0].Schema.Ref) != defName(m.Input()) {
				t.Errorf("POST %s: parameters %+v, want one body of %s", rule.GetPost(), op.Parameters, defName(m.Input()))
			}
		}
	})
	t.Run("every message and field is described", func(t *testing.T) {
		for _, fd := range []protoreflect.FileDescriptor{claimsv1.File_claims_v1_claims_proto, claimsv1.File_claims_v1_claims_service_proto} {
			msgs := fd.Messages()
			for i := 0; i < msgs.Len(); i++ {
				m := msgs.Get(i)
				if strings.HasSuffix(string(m.Name()), "StreamExtractClaimsRequest") || strings.HasSuffix(string(m.Name()), "StreamExtractClaimsResponse") {
					continue // the stream's messages are not part of the REST API
				}
				def, ok := doc.Definitions[defName(m)]
				if !ok {
					t.Errorf("message %s has no definition %s", m.FullName(), defName(m))
					continue
				}
				if strings.TrimSpace(def.Description+def.Title) == "" {
					t.Errorf("definition %s has no description", defName(m))
				}
				var want []string
				for j := 0; j < m.Fields().Len(); j++ {
					f := m.Fields().Get(j)
					want = append(want, f.JSONName())
					p, ok := def.Properties[f.JSONName()]
					switch {
					case !ok:
						t.Errorf("%s: field %s (JSON %q) is not a property", defName(m), f.Name(), f.JSONName())
					case strings.TrimSpace(p.Description+p.Title) == "":
						t.Errorf("%s.%s has no description", defName(m), f.JSONName())
					}
				}
				got := slices.Sorted(maps.Keys(def.Properties))
				sort.Strings(want)
				if !slices.Equal(got, want) {
					t.Errorf("%s: properties %v, want the fields %v", defName(m), got, want)
				}
			}
			enums := fd.Enums()
			for i := 0; i < enums.Len(); i++ {
				e := enums.Get(i)
				def, ok := doc.Definitions[defName(e)]
				if !ok {
					t.Errorf("enum %s has no definition %s", e.FullName(), defName(e))
					continue
				}
				var want []string
				for j := 0; j < e.Values().Len(); j++ {
					v := string(e.Values().Get(j).Name())
					want = append(want, v)
					if !strings.Contains(def.Description, " - "+v+": ") {
						t.Errorf("%s: value %s is not described", defName(e), v)
					}
				}
				if def.Type != "string" || !slices.Equal(def.Enum, want) {
					t.Errorf("%s: type %q enum %v, want string %v (the gateway writes enum names)", defName(e), def.Type, def.Enum, want)
				}
			}
		}
	})
	t.Run("every property of every definition is described", func(t *testing.T) {
		// Includes the error model (rpcStatus, protobufAny) a client meets on
		// every failed call.
		for _, name := range slices.Sorted(maps.Keys(doc.Definitions)) {
			for _, prop := range slices.Sorted(maps.Keys(doc.Definitions[name].Properties)) {
				p := doc.Definitions[name].Properties[prop]
				if strings.TrimSpace(p.Description+p.Title) == "" {
					t.Errorf("%s.%s has no description", name, prop)
				}
			}
		}
	})
}

// swaggerDoc is the part of a Swagger 2.0 document the test reads.
type swaggerDoc struct {
	Swagger     string                           `json:"swagger"`
	Info        struct{ Title, Version string }  `json:"info"`
	Consumes    []string                         `json:"consumes"`
	Produces    []string                         `json:"produces"`
	Paths       map[string]map[string]*operation `json:"paths"`
	Definitions map[string]schema                `json:"definitions"`
}

type operation struct {
	OperationID string              `json:"operationId"`
	Summary     string              `json:"summary"`
	Description string              `json:"description"`
	Parameters  []parameter         `json:"parameters"`
	Responses   map[string]response `json:"responses"`
}

type parameter struct {
	Name   string  `json:"name"`
	In     string  `json:"in"`
	Schema *schema `json:"schema"`
}

type response struct {
	Description string  `json:"description"`
	Schema      *schema `json:"schema"`
}

type schema struct {
	Ref         string            `json:"$ref"`
	Type        string            `json:"type"`
	Format      string            `json:"format"`
	Title       string            `json:"title"`
	Description string            `json:"description"`
	Enum        []string          `json:"enum"`
	Items       *schema           `json:"items"`
	Properties  map[string]schema `json:"properties"`
}

// check lists the ways doc breaks the Swagger 2.0 rules that matter to a
// client: version, info, JSON in and out, paths that start with a slash,
// known HTTP methods, unique operation IDs, a success response with a
// description, body parameters with a schema, and well-formed schemas (a known
// type or a $ref, arrays with items, formats that fit their type).
func (doc swaggerDoc) check() []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if doc.Swagger != "2.0" {
		bad("swagger = %q, want \"2.0\"", doc.Swagger)
	}
	if doc.Info.Title == "" || doc.Info.Version == "" {
		bad("info needs a title and a version: %+v", doc.Info)
	}
	if !slices.Contains(doc.Consumes, "application/json") || !slices.Contains(doc.Produces, "application/json") {
		bad("consumes %v / produces %v, want application/json", doc.Consumes, doc.Produces)
	}
	if len(doc.Paths) == 0 {
		bad("no paths")
	}
	ids := map[string]string{}
	methods := []string{"get", "put", "post", "delete", "options", "head", "patch"}
	for path, ops := range doc.Paths {
		if !strings.HasPrefix(path, "/") {
			bad("path %q does not start with /", path)
		}
		for method, op := range ops {
			where := strings.ToUpper(method) + " " + path
			if !slices.Contains(methods, method) {
				bad("%s: unknown method", where)
				continue
			}
			if op.OperationID == "" {
				bad("%s: no operationId", where)
			} else if prev, dup := ids[op.OperationID]; dup {
				bad("%s: operationId %q also used by %s", where, op.OperationID, prev)
			}
			ids[op.OperationID] = where
			ok, found := op.Responses["200"]
			if !found || ok.Description == "" || ok.Schema == nil {
				bad("%s: no described 200 response with a schema", where)
			}
			for code, r := range op.Responses {
				if r.Description == "" {
					bad("%s: response %s has no description (required)", where, code)
				}
			}
			for _, p := range op.Parameters {
				if p.Name == "" || !slices.Contains([]string{"body", "query", "path", "header", "formData"}, p.In) {
					bad("%s: parameter %+v needs a name and a valid 'in'", where, p)
				}
				if p.In == "body" && p.Schema == nil {
					bad("%s: body parameter without a schema", where)
				}
			}
		}
	}
	for name, s := range doc.Definitions {
		problems = append(problems, s.check("definitions."+name)...)
	}
	sort.Strings(problems)
	return problems
}

func (s schema) check(at string) []string {
	var problems []string
	types := []string{"object", "array", "string", "integer", "number", "boolean"}
	switch {
	case s.Ref != "":
	case s.Type == "" && len(s.Properties) == 0 && !strings.HasSuffix(at, "protobufAny"):
		problems = append(problems, at+": neither a type nor a $ref")
	case s.Type != "" && !slices.Contains(types, s.Type):
		problems = append(problems, fmt.Sprintf("%s: unknown type %q", at, s.Type))
	case s.Type == "array" && s.Items == nil:
		problems = append(problems, at+": array without items")
	}
	formats := map[string][]string{
		"integer": {"int32", "int64"}, "number": {"float", "double"},
		"string": {"", "byte", "binary", "date", "date-time", "password", "int64", "uint64"},
	}
	if ok, known := formats[s.Type]; known && s.Format != "" && !slices.Contains(ok, s.Format) {
		problems = append(problems, fmt.Sprintf("%s: format %q does not fit type %s", at, s.Format, s.Type))
	}
	if s.Items != nil {
		problems = append(problems, s.Items.check(at+".items")...)
	}
	for name, p := range s.Properties {
		problems = append(problems, p.check(at+"."+name)...)
	}
	return problems
}

// defName is the definition grpc-gateway's generator gives a message or enum
// of package claims.v1: "v1" and the name.
func defName(d protoreflect.Descriptor) string { return "v1" + string(d.Name()) }

func refName(ref string) string { return strings.TrimPrefix(ref, "#/definitions/") }

// walkRefs calls fn for every "$ref" in a decoded JSON document.
func walkRefs(v any, at string, fn func(at, ref string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "$ref" {
				fn(at, s)
				continue
			}
			walkRefs(x, at+"/"+k, fn)
		}
	case []any:
		for i, x := range v {
			walkRefs(x, fmt.Sprintf("%s/%d", at, i), fn)
		}
	}
}
