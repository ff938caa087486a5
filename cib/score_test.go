package cib

import (
	"errors"
	"testing"
)

func TestParseScore(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Score
		bad  bool
	}{
		{"0", 0, false},
		{"100", 100, false},
		{"-100", -100, false},
		{"+5", 5, false},
		{"INFINITY", Infinity, false},
		{"+INFINITY", Infinity, false},
		{"-INFINITY", -Infinity, false},
		{"inf", Infinity, false},
		{"-inf", -Infinity, false},
		{"+Inf", Infinity, false},
		{"2000000", Infinity, false},
		{"-2000000", -Infinity, false},
		{"99999999999999999999999", Infinity, false},
		{"-99999999999999999999999", -Infinity, false},
		{"", 0, true},
		{"ten", 0, true},
		{"1.5", 0, true},
		{"infinite", 0, true},
	} {
		got, err := ParseScore(tc.in)
		if tc.bad {
			if !errors.Is(err, ErrBadScore) {
				t.Errorf("ParseScore(%q) error = %v, want ErrBadScore", tc.in, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseScore(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestScoreAdd(t *testing.T) {
	inf, ninf := Infinity, -Infinity
	for _, tc := range []struct{ a, b, want Score }{
		{1, 2, 3},
		{-5, 3, -2},
		{inf, 5, inf},
		{5, ninf, ninf},
		{inf, ninf, ninf},
		{ninf, inf, ninf},
		{999999, 1, inf},
		{999999, 2, inf},
		{-999999, -2, ninf},
		{inf, inf, inf},
	} {
		if got := tc.a.Add(tc.b); got != tc.want {
			t.Errorf("%v.Add(%v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestScoreString(t *testing.T) {
	for s, want := range map[Score]string{0: "0", -7: "-7", Infinity: "INFINITY", -Infinity: "-INFINITY"} {
		if got := s.String(); got != want {
			t.Errorf("Score(%d).String() = %q, want %q", int(s), got, want)
		}
	}
}

func TestVersionCompare(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"0.1.0", "0.1.0", 0},
		{"0.1.5", "0.2.0", -1},
		{"1.0.0", "0.99.99", 1},
		{"0.3.1", "0.3.0", 1},
	} {
		a, err := ParseVersion(tc.a)
		if err != nil {
			t.Fatal(err)
		}
		b, err := ParseVersion(tc.b)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Compare(b); got != tc.want {
			t.Errorf("%s vs %s = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if a.String() != tc.a {
			t.Errorf("String() = %q, want %q", a.String(), tc.a)
		}
	}
	if got := (Version{0, 4, 7}).BumpEpoch(); got != (Version{0, 5, 0}) {
		t.Errorf("BumpEpoch = %v", got)
	}
	for _, bad := range []string{"", "1.2", "1.2.x", "1.-2.3"} {
		if _, err := ParseVersion(bad); err == nil {
			t.Errorf("ParseVersion(%q) succeeded", bad)
		}
	}
}
