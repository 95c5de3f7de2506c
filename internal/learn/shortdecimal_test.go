package learn

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// sameAsParseFloat fails t unless ParseWeight(s) is strconv.ParseFloat(s, 64)
// to the bit, errors included, and reports whether shortDecimal took s.
func sameAsParseFloat(t *testing.T, s string) bool {
	t.Helper()
	want, werr := strconv.ParseFloat(s, 64)
	got, gerr := ParseWeight(s)
	if (werr != nil) != (gerr != nil) {
		t.Fatalf("ParseWeight(%q) error %v, ParseFloat error %v", s, gerr, werr)
	}
	if werr == nil && math.Float64bits(got) != math.Float64bits(want) {
		t.Fatalf("ParseWeight(%q) = %v (%#x), ParseFloat %v (%#x)", s, got, math.Float64bits(got), want, math.Float64bits(want))
	}
	_, fast := shortDecimal(s)
	return fast
}

// TestShortDecimalEdges covers the forms model files hold, the limits of the
// fast path (digits, exponents, 2^53) and what it must leave to ParseFloat.
func TestShortDecimalEdges(t *testing.T) {
	for _, tc := range []struct {
		s    string
		fast bool
	}{
		{"0", true}, {"-0", true}, {"+0", true}, {"0.0", true}, {"-0.0", true},
		{"1", true}, {"-1", true}, {"0.232307", true}, {"-0.0699836", true},
		{"1.5e-07", true}, {"-2.5E+3", true}, {"12345.678", true}, {"1.", true}, {".5", true},
		{"1e22", true}, {"1e-22", true}, {"9007199254740991", true}, {"123456789012345678", false},
		{"9007199254740992", false}, {"1e23", false}, {"1e-23", false}, {"4.9e-324", false},
		{"1.7976931348623157e308", false}, {"1e1000", false}, {"1e0001", false},
		{"inf", false}, {"-Inf", false}, {"NaN", false}, {"0x1p-2", false}, {"1_000", false},
		{"", false}, {"-", false}, {".", false}, {"e5", false}, {"1e", false}, {"1e+", false},
		{"1.2.3", false}, {"1 ", false}, {" 1", false}, {"--1", false}, {"1e5x", false},
		{"0.1", true}, {"0.3", true}, {"2.2250738585072014e-308", false},
	} {
		if fast := sameAsParseFloat(t, tc.s); fast != tc.fast {
			t.Errorf("shortDecimal(%q) took it: %v, want %v", tc.s, fast, tc.fast)
		}
	}
}

// TestShortDecimalRandom reads back random weights written as model files
// write them (6 significant digits) and at every other precision.
func TestShortDecimalRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	fast := 0
	for i := 0; i < 200000; i++ {
		v := r.NormFloat64() * math.Pow(10, float64(r.IntN(30)-15))
		prec := 6
		if i%2 == 1 {
			prec = 1 + r.IntN(17)
		}
		for _, s := range []string{strconv.FormatFloat(v, 'g', prec, 64), strconv.FormatFloat(v, 'f', prec, 64), strconv.FormatFloat(v, 'e', prec, 64)} {
			if sameAsParseFloat(t, s) {
				fast++
			}
		}
	}
	if fast < 300000 {
		t.Errorf("fast path took only %d of 600000 strings: the test no longer exercises it", fast)
	}
}

// FuzzParseWeight holds ParseWeight to strconv.ParseFloat on any string.
func FuzzParseWeight(f *testing.F) {
	for _, s := range []string{"0.232307", "-0", "1.5e-07", "1e22", "9007199254740993", "1e", ".", "inf"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameAsParseFloat(t, s) })
}
