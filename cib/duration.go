package cib

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrBadDuration is returned (wrapped) when an interval, timeout or ISO 8601
// duration cannot be parsed.
var ErrBadDuration = errors.New("bad duration")

// maxDurationMs bounds parsed durations so that they fit a time.Duration.
const maxDurationMs = int64(time.Duration(1<<63-1) / time.Millisecond)

// ParseDuration parses an interval or timeout as Pacemaker reads it: a
// non-negative integer with an optional unit (ms, msec, us, usec, s, sec, m,
// min, h, hr, in any case, possibly separated by blanks; seconds when there
// is none), or an ISO 8601 duration starting with P (PT10S, P1DT2H, P2W;
// years count as 365 days and months as 30, as Pacemaker does when it has
// no date to add the duration to). Surrounding blanks are ignored.
//
// Pacemaker itself matches units by prefix and drops fractions; this parser
// rejects what Pacemaker would silently reinterpret ("1.5s", "10 minutes")
// with an error that says how Pacemaker would read it.
func ParseDuration(s string) (time.Duration, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, fmt.Errorf("%w: empty value; want a number with an optional unit (ms, s, m, h) or an ISO 8601 duration such as PT30S", ErrBadDuration)
	}
	if t[0] == 'p' {
		return 0, fmt.Errorf("%w %q: ISO 8601 durations are written in upper case (e.g. PT30S)", ErrBadDuration, s)
	}
	if t[0] == 'P' {
		d, err := ParseISODuration(t)
		if err != nil {
			return 0, err
		}
		return d.Approx(), nil
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 {
		if t[0] == '-' {
			return 0, fmt.Errorf("%w %q: negative durations are not allowed", ErrBadDuration, s)
		}
		return 0, fmt.Errorf("%w %q: want a number with an optional unit (ms, s, m, h) or an ISO 8601 duration such as PT30S", ErrBadDuration, s)
	}
	num := t[:i]
	rest := strings.TrimLeft(t[i:], " \t")
	if strings.HasPrefix(rest, ".") {
		return 0, fmt.Errorf("%w %q: fractions are not supported (Pacemaker would read it as %s%s); use a smaller unit such as ms", ErrBadDuration, s, num, strings.TrimLeft(rest, ".0123456789"))
	}
	mult, div, ok := durationUnit(rest)
	if !ok {
		if m, _, lenient := durationUnitPrefix(rest); lenient {
			return 0, fmt.Errorf("%w %q: unknown unit %q (Pacemaker would read it as %s%s); use one of ms, us, s, m, h", ErrBadDuration, s, rest, num, unitName(m))
		}
		return 0, fmt.Errorf("%w %q: unknown unit %q; use one of ms, msec, us, usec, s, sec, m, min, h, hr", ErrBadDuration, s, rest)
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n > maxDurationMs/mult {
		return 0, fmt.Errorf("%w %q: value too large", ErrBadDuration, s)
	}
	if div > 1 {
		return time.Duration(n) * time.Microsecond, nil
	}
	return time.Duration(n*mult) * time.Millisecond, nil
}

// durationUnit returns the multiplier to milliseconds (and a divisor for
// microseconds) of an exact unit spelling.
func durationUnit(u string) (mult, div int64, ok bool) {
	switch strings.ToLower(u) {
	case "":
		return 1000, 1, true
	case "ms", "msec":
		return 1, 1, true
	case "us", "usec":
		return 1, 1000, true
	case "s", "sec":
		return 1000, 1, true
	case "m", "min":
		return 60 * 1000, 1, true
	case "h", "hr":
		return 3600 * 1000, 1, true
	}
	return 0, 0, false
}

// durationUnitPrefix mimics Pacemaker's prefix matching of units, used only
// to explain how Pacemaker would read a unit this parser rejects.
func durationUnitPrefix(u string) (mult, div int64, ok bool) {
	l := strings.ToLower(u)
	switch {
	case strings.HasPrefix(l, "ms"):
		return 1, 1, true
	case strings.HasPrefix(l, "us"):
		return 1, 1000, true
	case strings.HasPrefix(l, "s"):
		return 1000, 1, true
	case strings.HasPrefix(l, "m"):
		return 60 * 1000, 1, true
	case strings.HasPrefix(l, "h"):
		return 3600 * 1000, 1, true
	}
	return 0, 0, false
}

func unitName(mult int64) string {
	switch mult {
	case 1:
		return "ms"
	case 1000:
		return "s"
	case 60 * 1000:
		return "m"
	}
	return "h"
}

// FormatDuration writes d the way crm users write intervals: the largest
// unit that divides it exactly (h, m, s or ms); 0 is "0".
func FormatDuration(d time.Duration) string {
	switch {
	case d == 0:
		return "0"
	case d%time.Hour == 0:
		return strconv.FormatInt(int64(d/time.Hour), 10) + "h"
	case d%time.Minute == 0:
		return strconv.FormatInt(int64(d/time.Minute), 10) + "m"
	case d%time.Second == 0:
		return strconv.FormatInt(int64(d/time.Second), 10) + "s"
	case d%time.Millisecond == 0:
		return strconv.FormatInt(int64(d/time.Millisecond), 10) + "ms"
	}
	return strconv.FormatInt(int64(d/time.Microsecond), 10) + "us"
}

// ISODuration is an ISO 8601 duration split the way calendar arithmetic
// needs it: years and months are applied to dates as calendar units, the
// rest as fixed lengths.
type ISODuration struct {
	Years, Months, Days int
	Seconds             int64
}

// ParseISODuration parses PnYnMnWnDTnHnMnS (any subset, in any order, as
// Pacemaker does; M before T is months, after T minutes). Parsing stops at
// a '/' or a blank, as in Pacemaker's period syntax.
func ParseISODuration(s string) (ISODuration, error) {
	var d ISODuration
	if s == "" || s[0] != 'P' {
		return d, fmt.Errorf("%w %q: an ISO 8601 duration starts with P", ErrBadDuration, s)
	}
	body := s[1:]
	if k := strings.IndexAny(body, "/ \t"); k >= 0 {
		body = body[:k]
	}
	if body == "" {
		return d, fmt.Errorf("%w %q: nothing follows P; write e.g. PT30S or P1D", ErrBadDuration, s)
	}
	inTime, seen := false, false
	for i := 0; i < len(body); {
		c := body[i]
		if c == 'T' {
			inTime = true
			i++
			continue
		}
		j := i
		for j < len(body) && body[j] >= '0' && body[j] <= '9' {
			j++
		}
		if j == i {
			return d, fmt.Errorf("%w %q: expected a number at %q", ErrBadDuration, s, body[i:])
		}
		if j == len(body) {
			return d, fmt.Errorf("%w %q: no unit after %s; add Y, M, W, D (or H, M, S after T)", ErrBadDuration, s, body[i:j])
		}
		n, err := strconv.ParseInt(body[i:j], 10, 32)
		if err != nil {
			return d, fmt.Errorf("%w %q: %s is too large", ErrBadDuration, s, body[i:j])
		}
		switch unit := body[j]; {
		case unit == 'Y':
			d.Years += int(n)
		case unit == 'M' && !inTime:
			d.Months += int(n)
		case unit == 'M':
			d.Seconds += n * 60
		case unit == 'W':
			d.Days += int(n) * 7
		case unit == 'D':
			d.Days += int(n)
		case unit == 'H':
			d.Seconds += n * 3600
		case unit == 'S':
			d.Seconds += n
		default:
			return d, fmt.Errorf("%w %q: %q is not a duration unit (Y, M, W, D, H, S)", ErrBadDuration, s, body[j])
		}
		seen = true
		i = j + 1
	}
	if !seen {
		return d, fmt.Errorf("%w %q: no amounts given", ErrBadDuration, s)
	}
	return d, nil
}

// Approx returns d as a fixed length, counting a year as 365 days and a
// month as 30 days (Pacemaker's convention for intervals), saturating at
// the largest time.Duration.
func (d ISODuration) Approx() time.Duration {
	days := int64(d.Years)*365 + int64(d.Months)*30 + int64(d.Days)
	secs := days*86400 + d.Seconds
	if secs > int64(time.Duration(1<<63-1)/time.Second) {
		return time.Duration(1<<63 - 1)
	}
	return time.Duration(secs) * time.Second
}

// AddTo returns t plus d using calendar arithmetic: years and months keep
// the day of the month, clipped to the month's last day, as Pacemaker does.
func (d ISODuration) AddTo(t time.Time) time.Time {
	t = addMonths(t, d.Years*12+d.Months)
	return t.AddDate(0, 0, d.Days).Add(time.Duration(d.Seconds) * time.Second)
}

// addMonths adds n calendar months, clipping the day to the target month.
func addMonths(t time.Time, n int) time.Time {
	if n == 0 {
		return t
	}
	y, m, day := t.Date()
	total := int(m) - 1 + n
	y += total / 12
	total %= 12
	if total < 0 {
		total += 12
		y--
	}
	tm := time.Month(total + 1)
	if last := daysIn(tm, y); day > last {
		day = last
	}
	hh, mm, ss := t.Clock()
	return time.Date(y, tm, day, hh, mm, ss, t.Nanosecond(), t.Location())
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// PacemakerDuration reads s the lenient way Pacemaker itself does: the
// leading digits (a fraction is dropped), then a unit matched by its first
// letters (ms, us, s, m, h; seconds when none), or an ISO 8601 duration.
// It reports false where Pacemaker would fail too. Validation uses it to
// tell values Pacemaker misreads (a warning) from values it rejects (an
// error).
func PacemakerDuration(s string) (time.Duration, bool) {
	t := strings.TrimLeft(s, " \t\n\r")
	if strings.HasPrefix(t, "P") {
		d, err := ParseISODuration(t)
		return d.Approx(), err == nil
	}
	i := 0
	for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
		i++
	}
	j := 0
	for j < len(t) && t[j] >= '0' && t[j] <= '9' {
		j++
	}
	if i == 0 || j == 0 {
		return 0, false
	}
	rest := strings.TrimLeft(t[i:], " \t")
	mult, div, ok := int64(1000), int64(1), true
	if rest != "" && rest[0] != '\n' && rest[0] != '\r' {
		mult, div, ok = durationUnitPrefix(rest)
	}
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(t[:j], 10, 64)
	if err != nil || n > maxDurationMs/mult {
		return 0, false
	}
	if div > 1 {
		return time.Duration(n) * time.Microsecond, true
	}
	return time.Duration(n*mult) * time.Millisecond, true
}
