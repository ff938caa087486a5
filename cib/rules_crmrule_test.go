package cib

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestCrmRuleDifferential compares date expression evaluation with
// Pacemaker's crm_rule (which handles rules made of one date_expression,
// date_spec only with years) on random expressions at edge and random
// times, in UTC. Start and end use the forms Pacemaker reads: calendar,
// ordinal and week dates, compact forms, times with Z or a blank before
// the offset, and durations.
func TestCrmRuleDifferential(t *testing.T) {
	bin, err := exec.LookPath("crm_rule")
	if err != nil {
		t.Skip("skipped: crm_rule is not installed (pacemaker-cli-utils)")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	base := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	format := func(tm time.Time) string {
		switch rng.IntN(6) {
		case 0:
			return tm.Format("2006-01-02 15:04:05Z")
		case 1:
			return tm.In(time.FixedZone("", -5*3600)).Format("2006-01-02 15:04:05 -07:00")
		case 2:
			y, w := tm.ISOWeek()
			wd := int(tm.Weekday()+6)%7 + 1
			return fmt.Sprintf("%d-W%02d-%dT%s", y, w, wd, tm.Format("15:04:05Z"))
		case 3:
			return fmt.Sprintf("%d-%03dT%s", tm.Year(), tm.YearDay(), tm.Format("15:04:05Z"))
		case 4:
			return tm.Format("20060102T150405Z")
		}
		return tm.Format("2006-01-02T15:04:05Z")
	}
	n := 30
	if testing.Short() {
		n = 10
	}
	var rules []string
	exprs := map[string]*DateExpression{}
	var ids []string
	var dates []time.Time
	for i := 0; i < n; i++ {
		start := base.Add(time.Duration(rng.IntN(90*24)) * time.Hour)
		end := start.Add(time.Duration(rng.IntN(60*24*60)) * time.Minute)
		x := &DateExpression{ID: fmt.Sprintf("d%d", i)}
		inner := ""
		switch rng.IntN(5) {
		case 4:
			// crm_rule takes a date_spec only with years.
			x.Operation = "date_spec"
			x.Spec = &DateSpec{ID: fmt.Sprintf("ds%d", i)}
			x.Spec.Attrs.Set("years", []string{"2024", "2023-2024", "2025-"}[rng.IntN(3)])
			for _, f := range [][3]int{{0, 23, 'h'}, {1, 31, 'd'}, {1, 7, 'w'}, {1, 366, 'y'}, {1, 12, 'm'}, {1, 53, 'k'}} {
				if rng.IntN(3) != 0 {
					continue
				}
				lo := f[0] + rng.IntN(f[1]-f[0]+1)
				hi := lo + rng.IntN(f[1]-lo+1)
				name := map[int]string{'h': "hours", 'd': "monthdays", 'w': "weekdays", 'y': "yeardays", 'm': "months", 'k': "weeks"}[f[2]]
				v := fmt.Sprintf("%d-%d", lo, hi)
				if rng.IntN(3) == 0 {
					v = fmt.Sprint(lo)
				}
				x.Spec.Attrs.Set(name, v)
			}
			inner = fmt.Sprintf(`<date_spec id="%s"`, x.Spec.ID)
			for _, a := range x.Spec.Attrs {
				inner += fmt.Sprintf(` %s="%s"`, a.Name, a.Value)
			}
			inner += "/>"
		case 0:
			x.Operation, x.Start = "gt", format(start)
		case 1:
			x.Operation, x.End = "lt", format(end)
		case 2:
			x.Operation, x.Start, x.End = "in_range", format(start), format(end)
		case 3:
			x.Operation, x.Start = "in_range", format(start)
			x.Duration = &DateSpec{ID: fmt.Sprintf("du%d", i)}
			for _, f := range []string{"months", "weeks", "days", "hours", "minutes"} {
				if rng.IntN(2) == 0 {
					x.Duration.Attrs.Set(f, fmt.Sprint(rng.IntN(3)))
				}
			}
			inner = fmt.Sprintf(`<duration id="%s"`, x.Duration.ID)
			for _, a := range x.Duration.Attrs {
				inner += fmt.Sprintf(` %s="%s"`, a.Name, a.Value)
			}
			inner += "/>"
			end = DurationSpecEnd(start, x.Duration)
		}
		attrs := fmt.Sprintf(`id="%s" operation="%s"`, x.ID, x.Operation)
		if x.Start != "" {
			attrs += fmt.Sprintf(` start="%s"`, x.Start)
		}
		if x.End != "" {
			attrs += fmt.Sprintf(` end="%s"`, x.End)
		}
		id := fmt.Sprintf("r%d", i)
		ids = append(ids, id)
		exprs[id] = x
		rules = append(rules, fmt.Sprintf(`<rule id="%s" score="INFINITY"><date_expression %s>%s</date_expression></rule>`, id, attrs, inner))
		// Check around the edges of some rules, and anywhere.
		if i%2 == 0 {
			dates = append(dates, start.Add(time.Duration(rng.IntN(3)-1)*time.Second), end.Add(time.Duration(rng.IntN(3)-1)*time.Second))
		} else {
			dates = append(dates, base.Add(time.Duration(rng.IntN(120*24*3600))*time.Second))
		}
	}
	doc := `<cib validate-with="pacemaker-3.7" admin_epoch="0" epoch="1" num_updates="0"><configuration><crm_config/><nodes/><resources/><constraints><rsc_location id="l" rsc="x">` +
		strings.Join(rules, "") + `</rsc_location></constraints></configuration><status/></cib>`
	args := []string{"-c", "-X", doc}
	for _, id := range ids {
		args = append(args, "-r", id)
	}
	compared := 0
	for _, now := range dates {
		cmd := exec.Command(bin, append(args, "-d", now.Format("2006-01-02 15:04:05Z"))...)
		cmd.Env = append(os.Environ(), "TZ=UTC")
		out, _ := cmd.CombinedOutput() // the exit code is that of one rule; read the lines
		verdict := map[string]bool{}
		for _, l := range strings.Split(string(out), "\n") {
			f := strings.Fields(l)
			if len(f) < 3 || f[0] != "Rule" {
				continue
			}
			switch {
			case strings.Contains(l, "is still in effect"):
				verdict[f[1]] = true
			case strings.Contains(l, "is expired"), strings.Contains(l, "has not yet taken effect"):
				verdict[f[1]] = false
			default:
				t.Fatalf("crm_rule: unexpected line %q", l)
			}
		}
		for _, id := range ids {
			want, ok := verdict[id]
			if !ok {
				t.Fatalf("crm_rule gave no verdict for %s at %s:\n%s", id, now, out)
			}
			x := exprs[id]
			if got := EvalRule(&Rule{ID: id, Exprs: []Expr{x}}, &RuleContext{Now: now}); got != want {
				t.Errorf("%+v (duration %v) at %s: EvalRule = %v, crm_rule says %v", *x, x.Duration, now.Format(time.RFC3339), got, want)
			}
			compared++
		}
	}
	t.Logf("%d rule evaluations agree with crm_rule", compared)
}
