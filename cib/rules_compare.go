package cib

import (
	"math"
	"strconv"
	"strings"
)

// attrExpr evaluates a node attribute expression (including #role).
func (ev *ruleEval) attrExpr(x *Expression) bool {
	c := ev.ctx
	attr := expandSubmatches(x.Attribute, c.Submatches)
	if attr == "" {
		return false
	}
	op := strings.ToLower(x.Operation)
	if attr == "#role" {
		return roleExpr(c.Role, op, x.Value)
	}
	actual, has := c.NodeAttrs[attr]
	switch op {
	case "defined":
		return has
	case "not_defined":
		return !has
	case "eq", "ne", "lt", "lte", "gt", "gte":
	default:
		return false
	}
	ref, hasRef := x.Value, x.Value != ""
	switch strings.ToLower(x.ValueSource) {
	case "param":
		ref, hasRef = lookupMap(c.Params, x.Value)
	case "meta":
		ref, hasRef = lookupMap(c.Meta, x.Value)
	}
	var cmp int
	switch {
	case !has && !hasRef:
		cmp = 0
	case !hasRef:
		cmp = 1
	case !has:
		cmp = -1
	default:
		cmp = compareTyped(actual, ref, x.Type, op)
	}
	switch op {
	case "eq":
		return cmp == 0
	case "ne":
		return cmp != 0
	}
	if !has || !hasRef {
		return false
	}
	switch op {
	case "lt":
		return cmp < 0
	case "lte":
		return cmp <= 0
	case "gt":
		return cmp > 0
	}
	return cmp >= 0
}

func lookupMap(m map[string]string, k string) (string, bool) {
	if k == "" {
		return "", false
	}
	v, ok := m[k]
	return v, ok
}

// compareTyped compares two values as Pacemaker does: string comparisons
// ignore case; integer and number comparisons fall back to strings when a
// value does not parse; with no type, ordering operators compare as
// numbers (as decimals when either value has a '.') and eq/ne as strings.
func compareTyped(a, b, typ, op string) int {
	t := strings.ToLower(typ)
	if t == "" {
		switch op {
		case "lt", "lte", "gt", "gte":
			t = "integer"
			if strings.Contains(a, ".") || strings.Contains(b, ".") {
				t = "number"
			}
		default:
			t = "string"
		}
	}
	switch t {
	case "string":
		return cmpFold(a, b)
	case "integer":
		x, ok1 := scanInt(a)
		y, ok2 := scanInt(b)
		if !ok1 || !ok2 {
			return cmpFold(a, b)
		}
		return cmpOrdered(x, y)
	case "number":
		x, ok1 := scanFloat(a)
		y, ok2 := scanFloat(b)
		if !ok1 || !ok2 {
			return cmpFold(a, b)
		}
		return cmpOrdered(x, y)
	case "version":
		return CompareVersions(a, b)
	}
	return 0 // unknown type: Pacemaker treats the values as equal
}

func cmpOrdered[T int64 | float64](x, y T) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

func cmpFold(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }

// scanInt parses a leading integer as strtoll does (blanks, sign, digits;
// trailing text is ignored).
func scanInt(s string) (int64, bool) {
	t := strings.TrimLeft(s, " \t\n")
	i := 0
	if i < len(t) && (t[i] == '+' || t[i] == '-') {
		i++
	}
	j := i
	for j < len(t) && t[j] >= '0' && t[j] <= '9' {
		j++
	}
	if j == i {
		return 0, false
	}
	n, err := strconv.ParseInt(t[:j], 10, 64)
	return n, err == nil
}

// CompareVersions compares dotted versions field by field numerically
// (missing fields count as 0, non-numeric ones as 0), as Pacemaker does.
func CompareVersions(a, b string) int {
	for a != "" || b != "" {
		var x, y string
		x, a, _ = strings.Cut(a, ".")
		y, b, _ = strings.Cut(b, ".")
		xn, _ := scanInt(x)
		yn, _ := scanInt(y)
		if c := cmpOrdered(xn, yn); c != 0 {
			return c
		}
	}
	return 0
}

// roleExpr evaluates a #role expression against the resource's role.
func roleExpr(role, op, value string) bool {
	r := normalRole(role)
	switch op {
	case "defined":
		return r == "Unpromoted" || r == "Promoted"
	case "not_defined":
		return r == "Stopped" || r == "Started"
	case "eq":
		return r != "" && normalRole(value) == r
	case "ne":
		if r == "Stopped" || r == "Started" || r == "" {
			return false
		}
		return normalRole(value) != r
	}
	return false
}

// normalRole maps role names to Pacemaker 2.1's current spellings.
func normalRole(s string) string {
	switch {
	case strings.EqualFold(s, "Started"):
		return "Started"
	case strings.EqualFold(s, "Stopped"):
		return "Stopped"
	case strings.EqualFold(s, "Promoted"), strings.EqualFold(s, "Master"):
		return "Promoted"
	case strings.EqualFold(s, "Unpromoted"), strings.EqualFold(s, "Slave"):
		return "Unpromoted"
	}
	return ""
}

// expandSubmatches replaces %0 to %9 with rsc-pattern submatches.
func expandSubmatches(s string, sub []string) string {
	if len(sub) == 0 || !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
			if k := int(s[i+1] - '0'); k < len(sub) {
				b.WriteString(sub[k])
			}
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// scanFloat parses a leading decimal number as strtod does.
func scanFloat(s string) (float64, bool) {
	t := strings.TrimLeft(s, " \t\n")
	end := 0
	for k := len(t); k > 0; k-- {
		if _, err := strconv.ParseFloat(t[:k], 64); err == nil {
			end = k
			break
		}
	}
	if end == 0 {
		return 0, false
	}
	f, _ := strconv.ParseFloat(t[:end], 64)
	if math.IsNaN(f) {
		return 0, false
	}
	return f, true
}
