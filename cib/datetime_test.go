package cib

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseDateTime(t *testing.T) {
	cest := time.FixedZone("CEST", 2*3600)
	now := time.Date(2024, 6, 15, 12, 0, 0, 0, cest)
	utc := func(y int, m time.Month, d, hh, mm, ss int) time.Time {
		return time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
	}
	for _, tc := range []struct {
		in   string
		want time.Time
		err  string
	}{
		{"2024-06-01", utc(2024, 6, 1, 0, 0, 0), ""}, // a date alone is UTC
		{"20240601", utc(2024, 6, 1, 0, 0, 0), ""},
		{"2024-153", utc(2024, 6, 1, 0, 0, 0), ""},     // ordinal (leap year)
		{"2024-W22-6", utc(2024, 6, 1, 0, 0, 0), ""},   // week date
		{"2009-W01-1", utc(2008, 12, 29, 0, 0, 0), ""}, // week 1 starts in the previous year
		{"2009-W53-7", utc(2010, 1, 3, 0, 0, 0), ""},   // 2009 has 53 weeks
		{"2024-06-01T09:30:00Z", utc(2024, 6, 1, 9, 30, 0), ""},
		{"2024-06-01 09:30:00Z", utc(2024, 6, 1, 9, 30, 0), ""},
		{"2024-06-01T09:30:00+02:00", utc(2024, 6, 1, 7, 30, 0), ""},
		{"2024-06-01T09:30:00 +02:00", utc(2024, 6, 1, 7, 30, 0), ""},
		{"2024-06-01T09:30:00-0130", utc(2024, 6, 1, 11, 0, 0), ""},
		{"2024-06-01T09:30:00+02", utc(2024, 6, 1, 7, 30, 0), ""},
		{"2024-06-01T09:30", utc(2024, 6, 1, 7, 30, 0), ""},  // local (now's) zone
		{"2024-06-01T093000", utc(2024, 6, 1, 7, 30, 0), ""}, // compact time
		{"2024-06-01T09", utc(2024, 6, 1, 7, 0, 0), ""},      // hour only
		{"2024-06-01T09:30:00.250Z", utc(2024, 6, 1, 9, 30, 0), ""},
		{"2024-06-01T24:00:00Z", utc(2024, 6, 2, 0, 0, 0), ""},
		{"T08:00:00Z", utc(2024, 6, 15, 8, 0, 0), ""}, // time alone: today
		{"08:00:00", utc(2024, 6, 15, 6, 0, 0), ""},
		{"epoch", utc(1970, 1, 1, 0, 0, 0), ""},
		{"", time.Time{}, "empty"},
		{"2024-13-01", time.Time{}, "not a valid month"},
		{"2023-02-29", time.Time{}, "not a valid day"},
		{"2023-366", time.Time{}, "not a valid day of year"},
		{"2024-W54-1", time.Time{}, "not a valid week"},
		{"2024-W10-8", time.Time{}, "day of the week"},
		{"2024-06-01T25:00:00", time.Time{}, "not a valid hour"},
		{"2024-06-01T24:30:00", time.Time{}, "not a valid hour"},
		{"2024-06-01T10:61", time.Time{}, "not a valid minute"},
		{"2024-06-01T10:10:60", time.Time{}, "not a valid second"},
		{"2024-06-01T10:10:10+xx", time.Time{}, "offset"},
		{"2024-06-01X", time.Time{}, "after the date"},
		{"tomorrow", time.Time{}, "want a date"},
		{"2024", time.Time{}, "want a date"},
	} {
		got, err := ParseDateTime(tc.in, now)
		if tc.err == "" {
			if err != nil || !got.Equal(tc.want) {
				t.Errorf("ParseDateTime(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
			continue
		}
		if err == nil || !errors.Is(err, ErrBadDateTime) || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("ParseDateTime(%q) error = %v; want one containing %q", tc.in, err, tc.err)
		}
	}
}

func TestParseEpoch(t *testing.T) {
	got, err := ParseEpoch("1718445600")
	if err != nil || !got.Equal(time.Date(2024, 6, 15, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("ParseEpoch = %v, %v", got, err)
	}
	if _, err := ParseEpoch("soon"); !errors.Is(err, ErrBadDateTime) {
		t.Errorf("ParseEpoch(soon) error = %v", err)
	}
}

func FuzzParseDateTime(f *testing.F) {
	for _, s := range []string{"2024-06-01", "2024-W22-6T10:00:00+02:00", "2024-153 24:00", "epoch", "T10", "99999999"} {
		f.Add(s)
	}
	now := time.Date(2024, 6, 15, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := ParseDateTime(s, now); err != nil && !errors.Is(err, ErrBadDateTime) {
			t.Fatalf("ParseDateTime(%q) error %v does not wrap ErrBadDateTime", s, err)
		}
	})
}
