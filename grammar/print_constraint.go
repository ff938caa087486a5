package grammar

import (
	"strings"

	"gocrm/cib"
)

// scoreText is crmsh's get_score: the score with INFINITY written inf, or
// the node attribute that gives the score.
func scoreText(score, attr string) string {
	if score != "" {
		return strings.ReplaceAll(score, "INFINITY", "inf")
	}
	return attr
}

func refQ(b *strings.Builder, rsc, q, instance string) {
	b.WriteString(rsc)
	switch {
	case q != "":
		b.WriteByte(':')
		b.WriteString(q)
	case instance != "":
		b.WriteByte(':')
		b.WriteString(instance)
	}
}

func boolMaybe(v string) (set, val bool) {
	if v == "" {
		return false, false
	}
	switch strings.ToLower(v) {
	case "yes", "true", "on", "1":
		return true, true
	}
	return true, false
}

// rscSets writes resource sets as crmsh's rsc_set_constraint does.
func rscSets(b *strings.Builder, sets []*cib.ResourceSet, kind string) {
	var col []string
	cnt := 0
	var seqSet, seq, raSet, ra bool
	for _, s := range sets {
		seqSet, seq = boolMaybe(s.Sequential)
		raSet, ra = boolMaybe(s.RequireAll)
		noRA := raSet && !ra
		noSeq := seqSet && !seq
		switch {
		case noRA:
			col = append(col, "[")
		case noSeq:
			col = append(col, "(")
		}
		q := s.Role
		if kind == "order" {
			q = s.Action
		}
		for _, r := range s.Refs {
			if q != "" {
				col = append(col, r+":"+q)
			} else {
				col = append(col, r)
			}
			cnt++
		}
		switch {
		case noRA:
			if !seqSet || seq {
				col = append(col, "sequential=true")
			}
			col = append(col, "]")
		case noSeq:
			col = append(col, ")")
		}
	}
	seqAll := (!seqSet || seq) && (!raSet || ra)
	ticket := kind == "rsc_ticket"
	if kind != "location" && (seqAll && !ticket && cnt <= 2 || ticket && cnt <= 1) {
		b.WriteString("_rsc_set_ ")
	}
	b.WriteString(strings.Join(col, " "))
}

func (p *Printer) location(b *strings.Builder, x *cib.Location) {
	writeComments(b, &x.Extra)
	b.WriteString("location ")
	b.WriteString(x.ID)
	b.WriteByte(' ')
	switch {
	case x.Rsc != "":
		b.WriteString(x.Rsc)
	case x.RscPattern != "":
		b.WriteByte('/')
		b.WriteString(x.RscPattern)
		b.WriteByte('/')
	default:
		b.WriteString("{ ")
		rscSets(b, x.Sets, "location")
		b.WriteString(" }")
	}
	if x.Role != "" {
		b.WriteString(" role=")
		b.WriteString(x.Role)
	}
	if x.ResourceDiscovery != "" {
		b.WriteString(" resource-discovery=")
		b.WriteString(x.ResourceDiscovery)
	}
	if x.Node != "" {
		b.WriteByte(' ')
		b.WriteString(scoreText(x.Score, x.Extra.Attrs.Get("score-attribute")))
		b.WriteString(": ")
		b.WriteString(x.Node)
	}
	l := lines{b: b}
	for _, r := range x.Rules {
		l.next()
		b.WriteString("rule ")
		p.rule(b, r)
	}
}

// rule writes a rule as crmsh's cli_rule does.
func (p *Printer) rule(b *strings.Builder, r *cib.Rule) {
	sep := ""
	if r.ID != "" && p.refdRules[r.ID] {
		pair(b, "$id", r.ID, false)
		sep = " "
	} else if r.IDRef != "" {
		pair(b, "$id-ref", r.IDRef, false)
		return
	}
	if r.Role != "" {
		b.WriteString(sep)
		pair(b, "$role", r.Role, false)
		sep = " "
	}
	if r.Score != "INFINITY" {
		if s := scoreText(r.Score, r.ScoreAttribute); s != "" {
			b.WriteString(sep)
			b.WriteString(s)
			b.WriteByte(':')
			sep = " "
		}
	}
	op := r.BooleanOp
	if op == "" {
		op = "and"
	}
	first := true
	for _, e := range r.Exprs {
		var s strings.Builder
		switch e := e.(type) {
		case *cib.Expression:
			expression(&s, e)
		case *cib.DateExpression:
			dateExpression(&s, e)
		default:
			continue
		}
		if !first {
			b.WriteByte(' ')
			b.WriteString(op)
		}
		first = false
		b.WriteString(sep)
		b.WriteString(s.String())
		sep = " "
	}
}

func expression(b *strings.Builder, e *cib.Expression) {
	op := e.Operation
	// crmsh drops type="string", the default, before it prints
	if e.Type != "" && e.Type != "string" {
		op = e.Type + ":" + op
	}
	// crmsh prints any expression without a value in the unary form,
	// which for a binary operator cannot be read back; gocrm only does
	// so for defined and not_defined.
	if e.Value == "" && (e.Operation == "defined" || e.Operation == "not_defined") {
		b.WriteString(op)
		b.WriteByte(' ')
		b.WriteString(e.Attribute)
		return
	}
	b.WriteString(e.Attribute)
	b.WriteByte(' ')
	b.WriteString(op)
	b.WriteByte(' ')
	if e.ValueSource != "" && e.ValueSource != "literal" {
		b.WriteString(e.ValueSource)
		b.WriteByte('{')
		b.WriteString(e.Value)
		b.WriteByte('}')
		return
	}
	quote(b, e.Value)
}

func dateExpression(b *strings.Builder, e *cib.DateExpression) {
	b.WriteString("date ")
	switch e.Operation {
	case "in_range":
		b.WriteString("in")
	case "date_spec":
		b.WriteString("spec")
	default:
		b.WriteString(e.Operation)
	}
	switch e.Operation {
	case "lt":
		b.WriteByte(' ')
		quote(b, e.End)
		return
	case "gt":
		b.WriteByte(' ')
		quote(b, e.Start)
		return
	case "in_range":
		if e.Start != "" {
			b.WriteByte(' ')
			pair(b, "start", e.Start, false)
		}
		if e.End != "" {
			b.WriteByte(' ')
			pair(b, "end", e.End, false)
		}
	}
	for _, d := range []*cib.DateSpec{e.Duration, e.Spec} {
		if d == nil {
			continue
		}
		for _, a := range d.Attrs {
			b.WriteByte(' ')
			pair(b, a.Name, a.Value, false)
		}
	}
}
