package grammar

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gocrm/cib"
	"gocrm/cib/xmltree"
)

func (p *Printer) property(b *strings.Builder, kind string, s *cib.NVSet) {
	writeComments(b, &s.Extra)
	b.WriteString(kind)
	b.WriteByte(' ')
	if noQuotes(s.ID) && labelID().MatchString(s.ID+":") {
		b.WriteString(s.ID)
		b.WriteByte(':')
	} else {
		b.WriteString(`$id="`)
		b.WriteString(s.ID)
		b.WriteByte('"')
	}
	l := lines{b: b}
	for _, r := range s.Rules {
		l.next()
		b.WriteString("rule ")
		p.rule(b, r)
	}
	for _, x := range s.Pairs {
		l.next()
		nvpair(b, x)
	}
}

func (p *Printer) fencing(b *strings.Builder, levels []*cib.FencingLevel) {
	type target struct {
		key  string
		text string
		devs map[int]string
	}
	var targets []*target
	find := func(key, text string) *target {
		for _, t := range targets {
			if t.key == key {
				return t
			}
		}
		t := &target{key: key, text: text, devs: map[int]string{}}
		targets = append(targets, t)
		return t
	}
	for _, l := range levels {
		var t *target
		switch {
		case l.TargetPattern != "":
			t = find("p\x00"+l.TargetPattern, "pattern:"+l.TargetPattern)
		case l.TargetAttribute != "":
			t = find("a\x00"+l.TargetAttribute+"\x00"+l.TargetValue, "attr:"+l.TargetAttribute+"="+l.TargetValue)
		default:
			t = find("t\x00"+l.Target, l.Target+":")
		}
		i, _ := strconv.Atoi(l.Index)
		t.devs[i] = l.Devices
	}
	devs := func(t *target) string {
		idx := make([]int, 0, len(t.devs))
		for i := range t.devs {
			idx = append(idx, i)
		}
		slices.Sort(idx)
		out := make([]string, len(idx))
		for j, i := range idx {
			out[j] = t.devs[i]
		}
		return strings.Join(out, " ")
	}
	b.WriteString("fencing_topology")
	if len(targets) > 0 && len(targets) == len(p.unames) {
		same := true
		d0 := devs(targets[0])
		for _, t := range targets[1:] {
			if devs(t) != d0 {
				same = false
			}
		}
		if same {
			b.WriteByte(' ')
			b.WriteString(d0)
			return
		}
	}
	for _, t := range targets {
		b.WriteString(" \\\n\t")
		b.WriteString(t.text)
		b.WriteByte(' ')
		b.WriteString(devs(t))
	}
}

func (p *Printer) role(b *strings.Builder, r *cib.ACLRole) {
	writeComments(b, &r.Extra)
	b.WriteString("role ")
	b.WriteString(r.ID)
	l := lines{b: b}
	p.description(&l, r.Description)
	for _, x := range r.Perms {
		l.next()
		b.WriteString(x.Kind)
		if x.Description != "" {
			b.WriteByte(' ')
			pair(b, "description", x.Description, false)
		}
		if x.Xpath != "" {
			b.WriteByte(' ')
			xpathSpec(b, x.Xpath)
		}
		if x.Reference != "" {
			b.WriteString(" ref:")
			b.WriteString(x.Reference)
		}
		if x.Attribute != "" {
			b.WriteString(" attr:")
			b.WriteString(x.Attribute)
		}
		if x.ObjectType != "" {
			b.WriteString(" type:")
			b.WriteString(x.ObjectType)
		}
	}
}

// shortcutOrder is the order in which crmsh tries the xpath shortcuts
// when it prints a permission.
var shortcutOrder = []string{"meta", "params", "utilization", "location", "property", "nodeattr", "nodeutil", "node", "status", "cib"}

// shortcutRes are the shortcuts' patterns, compiled on first use (only
// roles with xpath permissions need them).
var shortcutRes = sync.OnceValue(func() map[string][]*regexp.Regexp {
	m := map[string][]*regexp.Regexp{}
	for _, name := range shortcutOrder {
		parts := aclShortcuts[name]
		for i := range parts {
			var s strings.Builder
			s.WriteString("^")
			for _, part := range parts[:i+1] {
				s.WriteString(strings.ReplaceAll(regexp.QuoteMeta(part), "@@", `([a-zA-Z_][a-zA-Z0-9_.-]*)`))
			}
			s.WriteString("$")
			m[name] = append(m[name], regexp.MustCompile(s.String()))
		}
	}
	return m
})

// xpathSpec writes an xpath as the shortcut that expands to it, if any.
func xpathSpec(b *strings.Builder, x string) {
	for _, name := range shortcutOrder {
		for _, re := range shortcutRes()[name] {
			if m := re.FindStringSubmatch(x); m != nil {
				b.WriteString(name)
				if len(m) > 1 {
					b.WriteByte(':')
					b.WriteString(strings.Join(m[1:], ":"))
				}
				return
			}
		}
	}
	b.WriteString("xpath:")
	quote(b, x)
}

func (p *Printer) aclSubject(b *strings.Builder, kind, id string, roles []string, x *cib.Extra) {
	writeComments(b, x)
	b.WriteString(kind)
	b.WriteByte(' ')
	b.WriteString(id)
	for _, r := range roles {
		b.WriteString(" \\\n\t")
		b.WriteString(r)
	}
}

// user writes a legacy acl_user.
func (p *Printer) user(b *strings.Builder, n *xmltree.Node) {
	b.WriteString("user ")
	b.WriteString(n.Get("id"))
	for _, c := range n.Children {
		if c.Kind != xmltree.ElementNode {
			continue
		}
		b.WriteString(" \\\n\t")
		if c.Name == "role_ref" {
			b.WriteString("role:")
			b.WriteString(c.Get("id"))
			continue
		}
		b.WriteString(c.Name)
		for _, spec := range []string{"xpath", "ref", "tag", "attribute"} {
			v, ok := c.Attr(spec)
			if !ok || v == "" {
				continue
			}
			b.WriteByte(' ')
			if spec == "xpath" {
				xpathSpec(b, v)
				continue
			}
			b.WriteString(spec)
			b.WriteByte(':')
			b.WriteString(v)
		}
	}
}

func (p *Printer) alert(b *strings.Builder, a *cib.Alert) {
	writeComments(b, &a.Extra)
	b.WriteString("alert ")
	b.WriteString(a.ID)
	b.WriteByte(' ')
	quote(b, a.Path)
	l := lines{b: b}
	p.description(&l, a.Description)
	if s := a.Select; s != nil {
		l.next()
		b.WriteString("select")
		if s.Fencing {
			b.WriteString(" fencing")
		}
		if s.Nodes {
			b.WriteString(" nodes")
		}
		if s.Resources {
			b.WriteString(" resources")
		}
		if s.Attributes || len(s.AttributeNames) > 0 {
			b.WriteString(" attributes {")
			for _, n := range s.AttributeNames {
				b.WriteByte(' ')
				b.WriteString(n.Name)
			}
			b.WriteString(" }")
		}
	}
	p.sets(&l, "attributes", a.Params)
	p.sets(&l, "meta", a.Meta)
	for _, r := range a.Recipients {
		l.next()
		b.WriteString("to ")
		quote(b, r.Value)
		if r.Description != "" {
			b.WriteByte(' ')
			pair(b, "description", r.Description, false)
		}
		for _, s := range r.Params {
			b.WriteByte(' ')
			p.set(b, "attributes", s)
		}
		for _, s := range r.Meta {
			b.WriteByte(' ')
			p.set(b, "meta", s)
		}
	}
}
