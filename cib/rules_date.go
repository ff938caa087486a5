package cib

import (
	"strconv"
	"strings"
	"time"
)

// dateExpr evaluates a date_expression at ctx.Now, noting when its result
// may change next.
func (ev *ruleEval) dateExpr(x *DateExpression) bool {
	now := ev.ctx.Now
	var start, end time.Time
	if x.Start != "" {
		if t, err := ParseDateTime(x.Start, now); err == nil {
			start = t
		}
	}
	if x.End != "" {
		if t, err := ParseDateTime(x.End, now); err == nil {
			end = t
		}
	}
	switch strings.ToLower(x.Operation) {
	case "", "in_range":
		if end.IsZero() && !start.IsZero() && x.Duration != nil {
			end = DurationSpecEnd(start, x.Duration)
		}
		if start.IsZero() && end.IsZero() {
			return false
		}
		if !start.IsZero() && now.Before(start) {
			ev.noteChange(start)
			return false
		}
		if !end.IsZero() {
			if now.After(end) {
				return false
			}
			ev.noteChange(end.Add(time.Second))
		}
		return true
	case "gt":
		if start.IsZero() {
			return false
		}
		if now.After(start) {
			return true
		}
		ev.noteChange(start.Add(time.Second))
		return false
	case "lt":
		if end.IsZero() {
			return false
		}
		if now.Before(end) {
			ev.noteChange(end)
			return true
		}
		return false
	case "date_spec":
		if x.Spec == nil {
			return false
		}
		ok, next := dateSpecNext(x.Spec, now)
		ev.noteChange(next)
		return ok
	}
	return false
}

// DurationSpecEnd adds a <duration> (years, months, weeks, days, hours,
// minutes, seconds attributes) to start with calendar arithmetic, as
// Pacemaker computes the end of an in_range expression. Attributes that are
// not integers are ignored, as in Pacemaker.
func DurationSpecEnd(start time.Time, d *DateSpec) time.Time {
	get := func(name string) int {
		v, ok := d.Attrs.Lookup(name)
		if !ok {
			return 0
		}
		n, ok := scanInt(v)
		if !ok || n > 1<<31-1 || n < -(1<<31) {
			return 0
		}
		return int(n)
	}
	t := addMonths(start, get("years")*12)
	t = addMonths(t, get("months"))
	t = t.AddDate(0, 0, get("weeks")*7+get("days"))
	return t.Add(time.Duration(get("hours"))*time.Hour +
		time.Duration(get("minutes"))*time.Minute +
		time.Duration(get("seconds"))*time.Second)
}

// dateSpecFields are the date_spec attributes in the order Pacemaker checks
// them, with the unit at which each can change.
var dateSpecFields = [...]struct {
	name string
	unit specUnit
}{
	{"years", unitYear}, {"months", unitMonth}, {"monthdays", unitDay},
	{"hours", unitHour}, {"minutes", unitMinute}, {"seconds", unitSecond},
	{"yeardays", unitDay}, {"weekyears", unitDay}, {"weeks", unitDay},
	{"weekdays", unitDay}, {"moon", unitDay},
}

type specUnit uint8

const (
	unitSecond specUnit = iota
	unitMinute
	unitHour
	unitDay
	unitMonth
	unitYear
)

// specRange is one parsed date_spec range: N, N-M, N- or -M.
type specRange struct {
	lo, hi int64
	hasLo  bool
	hasHi  bool
}

// parseSpecRange parses a date_spec range ("9-17", "5", "10-", "-3").
func parseSpecRange(s string) (specRange, bool) {
	var r specRange
	if s == "" {
		return r, false
	}
	a, b, dash := strings.Cut(s, "-")
	if a == "" && !dash {
		return r, false
	}
	if a != "" {
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			return r, false
		}
		r.lo, r.hasLo = n, true
	}
	if !dash {
		r.hi, r.hasHi = r.lo, true
		return r, true
	}
	if b != "" {
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil {
			return r, false
		}
		r.hi, r.hasHi = n, true
	}
	if !r.hasLo && !r.hasHi {
		return r, false
	}
	return r, true
}

// specValues returns the calendar values date_spec fields test, read in
// t's location.
func specValues(t time.Time) [len(dateSpecFields)]int64 {
	y, m, d := t.Date()
	hh, mm, ss := t.Clock()
	wy, wk := t.ISOWeek()
	wd := int(t.Weekday())
	if wd == 0 {
		wd = 7
	}
	return [...]int64{int64(y), int64(m), int64(d), int64(hh), int64(mm), int64(ss),
		int64(t.YearDay()), int64(wy), int64(wk), int64(wd), int64(moonPhase(y, t.YearDay()))}
}

// moonPhase is the deprecated date_spec moon field: 0 (new) to 7 (full)
// from the year and day of year, by the same approximation Pacemaker uses
// (the golden number and epact of the year).
func moonPhase(year, yday int) int {
	golden := year%19 + 1
	epact := (11*golden + 18) % 30
	if (epact == 25 && golden > 11) || epact == 24 {
		epact++
	}
	return (((yday+epact)*6 + 11) % 177 / 22) & 7
}

// compiledSpec is a date_spec with its ranges parsed; invalid ranges are
// ignored, as Pacemaker does.
type compiledSpec struct {
	ranges [len(dateSpecFields)]*specRange
	finest specUnit
	any    bool
}

func compileSpec(s *DateSpec) compiledSpec {
	c := compiledSpec{finest: unitYear}
	for i, f := range dateSpecFields {
		v, ok := s.Attrs.Lookup(f.name)
		if !ok {
			continue
		}
		r, ok := parseSpecRange(v)
		if !ok {
			continue
		}
		c.ranges[i] = &r
		c.any = true
		if f.unit < c.finest {
			c.finest = f.unit
		}
	}
	return c
}

// match reports whether t satisfies the spec; when it does not, unit is
// the coarsest unit among the failing fields.
func (c *compiledSpec) match(t time.Time) (ok bool, failUnit specUnit) {
	vals := specValues(t)
	ok, failUnit = true, unitSecond
	for i, r := range c.ranges {
		if r == nil {
			continue
		}
		v := vals[i]
		if (r.hasLo && v < r.lo) || (r.hasHi && v > r.hi) {
			if ok || dateSpecFields[i].unit > failUnit {
				failUnit = dateSpecFields[i].unit
			}
			ok = false
		}
	}
	return ok, failUnit
}

// EvalDateSpec reports whether t satisfies a date_spec.
func EvalDateSpec(s *DateSpec, t time.Time) bool {
	c := compileSpec(s)
	ok, _ := c.match(t)
	return ok
}

// maxSpecSteps bounds the search for a date_spec's next change; when it
// is exhausted the time reached is returned as a (conservative) recheck
// point.
const maxSpecSteps = 2048

// dateSpecNext evaluates s at now and finds the next time the result may
// change: while false it jumps to the start of the next unit of the
// coarsest failing field; while true it steps by the finest field's unit.
func dateSpecNext(s *DateSpec, now time.Time) (bool, time.Time) {
	c := compileSpec(s)
	ok, unit := c.match(now)
	if !c.any {
		return true, time.Time{}
	}
	t := now
	for i := 0; i < maxSpecSteps; i++ {
		step := c.finest
		if !ok {
			step = unit
		}
		t = nextBoundary(t, step)
		var ok2 bool
		ok2, unit = c.match(t)
		if ok2 != ok {
			return ok, t
		}
		if t.Year() > now.Year()+400 {
			return ok, time.Time{} // e.g. years=2000: never again
		}
	}
	return ok, t
}

// nextBoundary returns the start of the unit after the one containing t.
func nextBoundary(t time.Time, u specUnit) time.Time {
	y, m, d := t.Date()
	hh, mm, ss := t.Clock()
	loc := t.Location()
	switch u {
	case unitSecond:
		return time.Date(y, m, d, hh, mm, ss+1, 0, loc)
	case unitMinute:
		return time.Date(y, m, d, hh, mm+1, 0, 0, loc)
	case unitHour:
		return time.Date(y, m, d, hh+1, 0, 0, 0, loc)
	case unitDay:
		return time.Date(y, m, d+1, 0, 0, 0, 0, loc)
	case unitMonth:
		return time.Date(y, m+1, 1, 0, 0, 0, 0, loc)
	}
	return time.Date(y+1, 1, 1, 0, 0, 0, 0, loc)
}
