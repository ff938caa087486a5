package cib

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrBadDateTime is returned (wrapped) when a date/time cannot be parsed.
var ErrBadDateTime = errors.New("bad date/time")

// ParseDateTime parses an ISO 8601 date/time the way Pacemaker reads the
// start and end of date expressions:
//
//   - a calendar date YYYY-MM-DD or YYYYMMDD, an ordinal date YYYY-DDD or a
//     week date YYYY-Www-D;
//   - optionally followed by 'T' or a blank and a time hh:mm:ss, hh:mm, hh,
//     hhmmss or hhmm (fractions of a second are dropped; 24:00:00 is the
//     next day), itself optionally followed by an offset Z, ±hh, ±hh:mm or
//     ±hhmm (a blank before the offset is tolerated);
//   - or a time alone (Thh:mm:ss or hh:mm:ss), which means that time today;
//   - or the word "epoch", 1970-01-01T00:00:00Z.
//
// As in Pacemaker a date without a time is midnight UTC, while a time without
// an offset is in the local zone, which here is now.Location(); now also
// supplies today's date for a time alone. The result is in now's location.
func ParseDateTime(s string, now time.Time) (time.Time, error) {
	loc := now.Location()
	t := strings.TrimSpace(s)
	if t == "" {
		return time.Time{}, fmt.Errorf("%w: empty value; want e.g. 2024-06-01 or 2024-06-01T09:00:00Z", ErrBadDateTime)
	}
	bad := func(why string) (time.Time, error) {
		return time.Time{}, fmt.Errorf("%w %q: %s", ErrBadDateTime, s, why)
	}
	if t[0] == 'T' || (len(t) > 2 && t[2] == ':') {
		y, m, d := now.Date()
		base := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		res, err := parseTimeOfDay(strings.TrimPrefix(t, "T"), base, loc)
		if err != nil {
			return bad(err.Error())
		}
		return res.In(loc), nil
	}
	if len(t) >= 5 && strings.EqualFold(t[:5], "epoch") &&
		(len(t) == 5 || t[5] == '/' || t[5] == ' ' || t[5] == '\t') {
		return time.Unix(0, 0).In(loc), nil
	}
	date, rest, err := parseDatePart(t)
	if err != nil {
		return bad(err.Error())
	}
	if rest == "" {
		return date.In(loc), nil
	}
	if rest[0] != 'T' && rest[0] != ' ' {
		return bad(fmt.Sprintf("unexpected %q after the date; separate a time with T", rest))
	}
	res, err := parseTimeOfDay(rest[1:], date, loc)
	if err != nil {
		return bad(err.Error())
	}
	return res.In(loc), nil
}

// parseDatePart parses the date at the start of s and returns it (midnight
// UTC) and what follows.
func parseDatePart(s string) (time.Time, string, error) {
	year, rest := leadingDigits(s)
	if year == "" {
		return time.Time{}, "", errors.New("want a date such as 2024-06-01, 2024-153 or 2024-W22-6")
	}
	if !strings.HasPrefix(rest, "-") {
		if len(year) != 8 {
			return time.Time{}, "", errors.New("want a date such as 2024-06-01, 20240601, 2024-153 or 2024-W22-6")
		}
		y, _ := strconv.Atoi(year[:4])
		m, _ := strconv.Atoi(year[4:6])
		d, _ := strconv.Atoi(year[6:])
		t, err := calendarDate(y, m, d)
		return t, rest, err
	}
	y, err := atoiBounded(year, "year")
	if err != nil {
		return time.Time{}, "", err
	}
	if y < 1 || y > 9999 {
		return time.Time{}, "", fmt.Errorf("%d is not a valid year (1-9999)", y)
	}
	rest = rest[1:]
	if strings.HasPrefix(rest, "W") {
		w, r := leadingDigits(rest[1:])
		if w == "" || !strings.HasPrefix(r, "-") {
			return time.Time{}, "", errors.New("want a week date such as 2024-W22-6")
		}
		d, r2 := leadingDigits(r[1:])
		if d == "" {
			return time.Time{}, "", errors.New("want a week date such as 2024-W22-6")
		}
		wn, _ := atoiBounded(w, "week")
		dn, _ := atoiBounded(d, "day")
		if wn < 1 || wn > isoWeeksInYear(y) {
			return time.Time{}, "", fmt.Errorf("%d is not a valid week of %d (1-%d)", wn, y, isoWeeksInYear(y))
		}
		if dn < 1 || dn > 7 {
			return time.Time{}, "", fmt.Errorf("%d is not a valid day of the week (1-7, Monday is 1)", dn)
		}
		return isoWeekStart(y).AddDate(0, 0, (wn-1)*7+dn-1), r2, nil
	}
	a, r := leadingDigits(rest)
	if a == "" {
		return time.Time{}, "", errors.New("want a date such as 2024-06-01, 2024-153 or 2024-W22-6")
	}
	an, err := atoiBounded(a, "month or day")
	if err != nil {
		return time.Time{}, "", err
	}
	if strings.HasPrefix(r, "-") {
		b, r2 := leadingDigits(r[1:])
		if b == "" {
			return time.Time{}, "", errors.New("want a date such as 2024-06-01")
		}
		bn, err := atoiBounded(b, "day")
		if err != nil {
			return time.Time{}, "", err
		}
		t, err := calendarDate(y, an, bn)
		return t, r2, err
	}
	if an < 1 || an > yearDays(y) {
		return time.Time{}, "", fmt.Errorf("%d is not a valid day of year %d (1-%d)", an, y, yearDays(y))
	}
	return time.Date(y, 1, an, 0, 0, 0, 0, time.UTC), r, nil
}

func calendarDate(y, m, d int) (time.Time, error) {
	switch {
	case y < 1 || y > 9999:
		return time.Time{}, fmt.Errorf("%d is not a valid year (1-9999)", y)
	case m < 1 || m > 12:
		return time.Time{}, fmt.Errorf("%d is not a valid month (1-12)", m)
	case d < 1 || d > daysIn(time.Month(m), y):
		return time.Time{}, fmt.Errorf("%d is not a valid day of month %d of %d (1-%d)", d, m, y, daysIn(time.Month(m), y))
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
}

// parseTimeOfDay parses a time with an optional offset and applies it to the
// date (whose clock is midnight); without an offset the time is in loc.
func parseTimeOfDay(s string, date time.Time, loc *time.Location) (time.Time, error) {
	secs, rest, err := parseHMS(s)
	if err != nil {
		return time.Time{}, err
	}
	if strings.HasPrefix(rest, ".") || strings.HasPrefix(rest, ",") {
		_, rest = leadingDigits(rest[1:])
	}
	rest = strings.TrimLeft(rest, " \t")
	y, m, d := date.Date()
	switch {
	case rest == "":
		return time.Date(y, m, d, 0, 0, secs, 0, loc), nil
	case rest == "Z" || rest == "z":
		return time.Date(y, m, d, 0, 0, secs, 0, time.UTC), nil
	case rest[0] == '+' || rest[0] == '-':
		off, r, err := parseHMS(rest[1:])
		if err != nil || r != "" {
			return time.Time{}, fmt.Errorf("bad time zone offset %q; want Z, +hh, +hh:mm or -hhmm", rest)
		}
		if rest[0] == '-' {
			off = -off
		}
		zone := time.FixedZone("", off)
		return time.Date(y, m, d, 0, 0, secs, 0, zone), nil
	}
	return time.Time{}, fmt.Errorf("unexpected %q after the time; want an offset such as Z or +02:00", rest)
}

// parseHMS reads hh[:mm[:ss]] or hh[mm[ss]] and returns seconds since
// midnight (86400 for 24:00:00) and the rest of s.
func parseHMS(s string) (int, string, error) {
	digits, rest := leadingDigits(s)
	var h, m, sec int
	switch {
	case digits == "":
		return 0, "", fmt.Errorf("want a time such as 09:30:00, found %q", s)
	case strings.HasPrefix(rest, ":"):
		h, _ = atoiBounded(digits, "hour")
		mm, r := leadingDigits(rest[1:])
		if mm == "" {
			return 0, "", fmt.Errorf("want minutes after %q", digits+":")
		}
		m, _ = atoiBounded(mm, "minute")
		rest = r
		if strings.HasPrefix(rest, ":") {
			ss, r := leadingDigits(rest[1:])
			if ss == "" {
				return 0, "", fmt.Errorf("want seconds after %q", digits+":"+mm+":")
			}
			sec, _ = atoiBounded(ss, "second")
			rest = r
		}
	default:
		if len(digits) > 6 || len(digits)%2 == 1 {
			return 0, "", fmt.Errorf("%q is not a time (hh, hhmm or hhmmss)", digits)
		}
		h, _ = strconv.Atoi(digits[:2])
		if len(digits) >= 4 {
			m, _ = strconv.Atoi(digits[2:4])
		}
		if len(digits) == 6 {
			sec, _ = strconv.Atoi(digits[4:])
		}
	}
	switch {
	case h == 24 && m == 0 && sec == 0:
	case h >= 24:
		return 0, "", fmt.Errorf("%d is not a valid hour (0-23)", h)
	case m >= 60:
		return 0, "", fmt.Errorf("%d is not a valid minute (0-59)", m)
	case sec >= 60:
		return 0, "", fmt.Errorf("%d is not a valid second (0-59)", sec)
	}
	return h*3600 + m*60 + sec, rest, nil
}

// ParseEpoch parses seconds since 1970-01-01T00:00:00Z, the form of the
// cib element's execution-date and of timestamps in the status section.
func ParseEpoch(s string) (time.Time, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w %q: want seconds since the epoch", ErrBadDateTime, s)
	}
	return time.Unix(n, 0).UTC(), nil
}

func leadingDigits(s string) (string, string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:]
}

func atoiBounded(s, what string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n > 1<<30 {
		return 0, fmt.Errorf("%s %s is out of range", what, s)
	}
	return n, nil
}

func yearDays(y int) int {
	if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		return 366
	}
	return 365
}

// isoWeekStart returns the Monday of ISO week 1 of year y.
func isoWeekStart(y int) time.Time {
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	wd := int(jan4.Weekday()+6) % 7 // Monday=0
	return jan4.AddDate(0, 0, -wd)
}

// isoWeeksInYear returns 52 or 53.
func isoWeeksInYear(y int) int {
	_, w := time.Date(y, 12, 28, 0, 0, 0, 0, time.UTC).ISOWeek()
	return w
}
