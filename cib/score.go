package cib

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Score is a Pacemaker score: an integer between -Infinity and +Infinity.
// Arithmetic saturates at the bounds, and -INFINITY wins over +INFINITY.
type Score int

// Infinity is Pacemaker's INFINITY (1,000,000).
const Infinity Score = 1000000

// ErrBadScore is returned (wrapped) by ParseScore.
var ErrBadScore = errors.New("bad score")

// ParseScore parses a score as it appears in the CIB or in crm syntax:
// an integer (clamped to ±INFINITY), INFINITY, +INFINITY, -INFINITY, or
// crm's inf, +inf, -inf (any case).
func ParseScore(s string) (Score, error) {
	switch strings.ToLower(s) {
	case "infinity", "+infinity", "inf", "+inf":
		return Infinity, nil
	case "-infinity", "-inf":
		return -Infinity, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange && s != "" {
			if s[0] == '-' {
				return -Infinity, nil
			}
			return Infinity, nil
		}
		return 0, fmt.Errorf("%w %q: want an integer, INFINITY or -INFINITY", ErrBadScore, s)
	}
	return clamp(n), nil
}

func clamp(n int64) Score {
	switch {
	case n >= int64(Infinity):
		return Infinity
	case n <= -int64(Infinity):
		return -Infinity
	}
	return Score(n)
}

// Add returns a+b with Pacemaker's rules: -INFINITY if either is
// -INFINITY, else +INFINITY if either is +INFINITY, else the sum clamped.
func (a Score) Add(b Score) Score {
	switch {
	case a <= -Infinity || b <= -Infinity:
		return -Infinity
	case a >= Infinity || b >= Infinity:
		return Infinity
	}
	return clamp(int64(a) + int64(b))
}

// String formats s as the CIB writes it: INFINITY, -INFINITY or decimal.
func (s Score) String() string {
	switch {
	case s >= Infinity:
		return "INFINITY"
	case s <= -Infinity:
		return "-INFINITY"
	}
	return strconv.Itoa(int(s))
}

// IsTrue reports whether s is one of Pacemaker's true spellings: true, on,
// yes, y, 1 (any case).
func IsTrue(s string) bool {
	switch strings.ToLower(s) {
	case "true", "on", "yes", "y", "1":
		return true
	}
	return false
}

// IsFalse reports whether s is one of Pacemaker's false spellings: false,
// off, no, n, 0 (any case).
func IsFalse(s string) bool {
	switch strings.ToLower(s) {
	case "false", "off", "no", "n", "0":
		return true
	}
	return false
}
