package cib

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		err  string // substring of the error; "" means success
	}{
		{"0", 0, ""},
		{"10", 10 * time.Second, ""},
		{" 10 ", 10 * time.Second, ""},
		{"10s", 10 * time.Second, ""},
		{"10sec", 10 * time.Second, ""},
		{"10 s", 10 * time.Second, ""},
		{"10S", 10 * time.Second, ""},
		{"500ms", 500 * time.Millisecond, ""},
		{"500msec", 500 * time.Millisecond, ""},
		{"1500us", 1500 * time.Microsecond, ""},
		{"7usec", 7 * time.Microsecond, ""},
		{"2m", 2 * time.Minute, ""},
		{"2min", 2 * time.Minute, ""},
		{"3h", 3 * time.Hour, ""},
		{"3hr", 3 * time.Hour, ""},
		{"PT10S", 10 * time.Second, ""},
		{"PT1M30S", 90 * time.Second, ""},
		{"P1DT2H", 26 * time.Hour, ""},
		{"P2W", 14 * 24 * time.Hour, ""},
		{"P1M", 30 * 24 * time.Hour, ""},
		{"P1Y", 365 * 24 * time.Hour, ""},
		{"P1M1D", 31 * 24 * time.Hour, ""},
		{"PT1M", time.Minute, ""},
		{"", 0, "empty"},
		{"abc", 0, "want a number"},
		{"-5", 0, "negative"},
		{"1.5s", 0, "fractions"},
		{"10 minutes", 0, "read it as 10m"},
		{"10x", 0, "unknown unit"},
		{"P", 0, "nothing follows P"},
		{"PT", 0, "no amounts"},
		{"P5", 0, "no unit"},
		{"PT5X", 0, "not a duration unit"},
		{"pt5s", 0, "upper case"},
		{"99999999999999999999", 0, "too large"},
		{"9999999999999h", 0, "too large"},
	} {
		got, err := ParseDuration(tc.in)
		if tc.err == "" {
			if err != nil || got != tc.want {
				t.Errorf("ParseDuration(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
			continue
		}
		if err == nil || !errors.Is(err, ErrBadDuration) || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("ParseDuration(%q) error = %v; want ErrBadDuration containing %q", tc.in, err, tc.err)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0"}, {time.Hour, "1h"}, {90 * time.Second, "90s"}, {2 * time.Minute, "2m"},
		{1500 * time.Millisecond, "1500ms"}, {7 * time.Microsecond, "7us"},
	} {
		if got := FormatDuration(tc.d); got != tc.want {
			t.Errorf("FormatDuration(%v) = %q, want %q", tc.d, got, tc.want)
		}
		if back, err := ParseDuration(FormatDuration(tc.d)); err != nil || back != tc.d {
			t.Errorf("ParseDuration(FormatDuration(%v)) = %v, %v", tc.d, back, err)
		}
	}
}

func TestISODurationAddTo(t *testing.T) {
	base := time.Date(2024, 1, 31, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"P1M", time.Date(2024, 2, 29, 10, 0, 0, 0, time.UTC)}, // clipped to the month's end
		{"P1Y1M", time.Date(2025, 2, 28, 10, 0, 0, 0, time.UTC)},
		{"P1DT1H", time.Date(2024, 2, 1, 11, 0, 0, 0, time.UTC)},
		{"P13M", time.Date(2025, 2, 28, 10, 0, 0, 0, time.UTC)},
	} {
		d, err := ParseISODuration(tc.in)
		if err != nil {
			t.Fatalf("ParseISODuration(%q): %v", tc.in, err)
		}
		if got := d.AddTo(base); !got.Equal(tc.want) {
			t.Errorf("%s added to %v = %v, want %v", tc.in, base, got, tc.want)
		}
	}
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"10s", "PT1M", "P1Y2M3W4DT5H6M7S", "1.5s", "10 min", "", "-1", "P"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err == nil && d < 0 {
			t.Fatalf("ParseDuration(%q) = %v < 0", s, d)
		}
		if err != nil && !errors.Is(err, ErrBadDuration) {
			t.Fatalf("ParseDuration(%q) error %v does not wrap ErrBadDuration", s, err)
		}
	})
}
