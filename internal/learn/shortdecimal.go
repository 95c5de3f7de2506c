package learn

// pow10 holds the powers of ten a float64 represents exactly (10^0 … 10^22).
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// shortDecimal reads s when it is a plain decimal — an optional sign, digits
// with at most one '.', an optional exponent ("-0.123456", "1.5e-07", "12") —
// whose digits form an integer m below 2^53 and whose value is m·10^e with
// |e| ≤ 22. Then m and 10^|e| are exact float64s and one multiplication or
// division rounds the exact value correctly (Clinger's fast path, the one
// strconv.ParseFloat itself takes for such input), so the result is
// ParseFloat's to the bit, -0 included. ok is false for any other string:
// more digits, larger exponents, hex, "inf", "nan", underscores, junk.
func shortDecimal(s string) (v float64, ok bool) {
	i, neg := 0, false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var m uint64
	digits, frac, dot := 0, 0, false
	for ; i < len(s); i++ {
		c := s[i]
		if c == '.' && !dot {
			dot = true
			continue
		}
		if c < '0' || c > '9' {
			break
		}
		if digits++; digits > 18 { // m stays below 10^18: no overflow
			return 0, false
		}
		m = m*10 + uint64(c-'0')
		if dot {
			frac++
		}
	}
	if digits == 0 || m >= 1<<53 {
		return 0, false
	}
	exp := 0
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		n := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			if n++; n > 3 {
				return 0, false
			}
			exp = exp*10 + int(s[i]-'0')
		}
		if n == 0 {
			return 0, false
		}
		if eneg {
			exp = -exp
		}
	}
	if i != len(s) {
		return 0, false
	}
	e := exp - frac
	f := float64(m)
	if neg {
		f = -f
	}
	switch {
	case e == 0:
		return f, true
	case e > 0 && e < len(pow10):
		return f * pow10[e], true
	case e < 0 && -e < len(pow10):
		return f / pow10[-e], true
	}
	return 0, false
}
