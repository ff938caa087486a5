package grammar

import (
	"strings"

	"gocrm/cib"
	"gocrm/cib/xmltree"
)

func (p *Printer) writeObject(b *strings.Builder, o Object) {
	switch v := o.Value.(type) {
	case *cib.Node:
		p.node(b, v)
	case *cib.Primitive:
		p.primitive(b, "primitive", v)
	case *cib.Template:
		p.primitive(b, "rsc_template", (*cib.Primitive)(v))
	case *cib.Group:
		writeComments(b, &v.Extra)
		b.WriteString("group ")
		b.WriteString(v.ID)
		for _, c := range v.Children {
			b.WriteByte(' ')
			b.WriteString(c.ID)
		}
		l := lines{b: b}
		p.description(&l, v.Description)
		p.sets(&l, "params", v.Params)
		p.sets(&l, "meta", v.Meta)
	case *cib.Clone:
		writeComments(b, &v.Extra)
		b.WriteString(o.Kind)
		b.WriteByte(' ')
		b.WriteString(v.ID)
		if v.Child != nil {
			b.WriteByte(' ')
			b.WriteString(v.Child.ResourceID())
		}
		l := lines{b: b}
		p.description(&l, v.Description)
		p.sets(&l, "params", v.Params)
		p.sets(&l, "meta", v.Meta)
	case *cib.Bundle:
		p.bundle(b, v)
	case *cib.Location:
		p.location(b, v)
	case *cib.Colocation:
		writeComments(b, &v.Extra)
		b.WriteString("colocation ")
		b.WriteString(v.ID)
		b.WriteByte(' ')
		if s := scoreText(v.Score, v.Extra.Attrs.Get("score-attribute")); s != "" {
			b.WriteString(s)
			b.WriteString(": ")
		}
		if len(v.Sets) > 0 {
			rscSets(b, v.Sets, "colocation")
		} else {
			refQ(b, v.Rsc, v.RscRole, v.RscInstance)
			b.WriteByte(' ')
			refQ(b, v.WithRsc, v.WithRscRole, v.WithRscInstance)
		}
		if v.NodeAttribute != "" {
			b.WriteString(" node-attribute=")
			b.WriteString(v.NodeAttribute)
		}
	case *cib.Order:
		writeComments(b, &v.Extra)
		b.WriteString("order ")
		b.WriteString(v.ID)
		b.WriteByte(' ')
		s := scoreText(v.Score, v.Extra.Attrs.Get("score-attribute"))
		if s == "" {
			s = v.Kind
		}
		if s != "" {
			b.WriteString(s)
			b.WriteString(": ")
		}
		if len(v.Sets) > 0 {
			rscSets(b, v.Sets, "order")
		} else {
			refQ(b, v.First, v.FirstAction, v.FirstInstance)
			b.WriteByte(' ')
			refQ(b, v.Then, v.ThenAction, v.ThenInstance)
		}
		if v.Symmetrical != "" {
			b.WriteString(" symmetrical=")
			b.WriteString(v.Symmetrical)
		}
	case *cib.Ticket:
		writeComments(b, &v.Extra)
		b.WriteString("rsc_ticket ")
		b.WriteString(v.ID)
		b.WriteByte(' ')
		b.WriteString(v.Ticket)
		b.WriteString(": ")
		if len(v.Sets) > 0 {
			rscSets(b, v.Sets, "rsc_ticket")
		} else {
			refQ(b, v.Rsc, v.RscRole, "")
		}
		if v.LossPolicy != "" {
			b.WriteString(" loss-policy=")
			b.WriteString(v.LossPolicy)
		}
	case *cib.NVSet:
		p.property(b, o.Kind, v)
	case []*cib.FencingLevel:
		p.fencing(b, v)
	case *cib.Tag:
		writeComments(b, &v.Extra)
		b.WriteString("tag ")
		b.WriteString(v.ID)
		for _, r := range v.Refs {
			b.WriteByte(' ')
			b.WriteString(r)
		}
	case *cib.ACLRole:
		p.role(b, v)
	case *cib.ACLTarget:
		p.aclSubject(b, "acl_target", v.ID, v.Roles, &v.Extra)
	case *cib.ACLGroup:
		p.aclSubject(b, "acl_group", v.ID, v.Roles, &v.Extra)
	case *xmltree.Node:
		p.user(b, v)
	case *cib.Alert:
		p.alert(b, v)
	}
}

func (p *Printer) description(l *lines, d string) {
	if d == "" {
		return
	}
	l.next()
	pair(l.b, "description", d, false)
}

func (p *Printer) node(b *strings.Builder, n *cib.Node) {
	writeComments(b, &n.Extra)
	b.WriteString("node ")
	id := n.ID
	if id == "" {
		id = n.Uname
	}
	if id != n.Uname {
		if noQuotes(id) && labelID().MatchString(id+":") {
			b.WriteString(id)
			b.WriteString(": ")
		} else {
			b.WriteString(`$id="`)
			b.WriteString(id)
			b.WriteString(`" `)
		}
	}
	b.WriteString(n.Uname)
	if n.Type != "" && n.Type != "normal" {
		b.WriteByte(':')
		b.WriteString(n.Type)
	}
	l := lines{b: b}
	p.description(&l, n.Description)
	p.sets(&l, "attributes", n.Attributes)
	p.sets(&l, "utilization", n.Utilization)
}

// sets writes one line per attribute set: <keyword> [$id-ref=<id>]
// [<score>:] [rule ...]... <pairs>.
func (p *Printer) sets(l *lines, kw string, sets []*cib.NVSet) {
	for _, s := range sets {
		l.next()
		p.set(l.b, kw, s)
	}
}

func (p *Printer) set(b *strings.Builder, kw string, s *cib.NVSet) {
	b.WriteString(kw)
	// crmsh means to show the $id of a set another set refers to, but
	// never does (it records references under the crm keyword and looks
	// them up under the XML name); without it the reference breaks when
	// the text is read back, so gocrm shows it.
	if s.ID != "" && p.refdSets[s.ID] {
		b.WriteByte(' ')
		pair(b, "$id", s.ID, false)
	}
	if s.IDRef != "" {
		b.WriteByte(' ')
		pair(b, "$id-ref", s.IDRef, false)
	}
	if s.Score != "" {
		b.WriteByte(' ')
		if noQuotes(s.Score) {
			b.WriteString(s.Score)
			b.WriteByte(':')
		} else {
			quote(b, s.Score+":")
		}
	}
	for _, r := range s.Rules {
		b.WriteString(" rule ")
		p.rule(b, r)
	}
	for _, x := range s.Pairs {
		b.WriteByte(' ')
		nvpair(b, x)
	}
}

func nvpair(b *strings.Builder, x *cib.NVPair) {
	if x.IDRef != "" {
		b.WriteByte('@')
		b.WriteString(x.IDRef)
		if x.Name != "" {
			b.WriteByte(':')
			b.WriteString(x.Name)
		}
		return
	}
	pair(b, x.Name, x.Value, x.NoValue)
}

func (p *Printer) primitive(b *strings.Builder, kind string, x *cib.Primitive) {
	writeComments(b, &x.Extra)
	b.WriteString(kind)
	b.WriteByte(' ')
	b.WriteString(x.ID)
	b.WriteByte(' ')
	if kind == "primitive" && x.Template != "" {
		b.WriteByte('@')
		b.WriteString(x.Template)
	} else {
		b.WriteString(agentName(x.Class, x.Provider, x.Type))
	}
	l := lines{b: b}
	p.description(&l, x.Description)
	p.sets(&l, "params", x.Params)
	p.sets(&l, "meta", x.Meta)
	p.sets(&l, "utilization", x.Utilization)
	if x.Ops.ID != "" || x.Ops.IDRef != "" {
		l.next()
		b.WriteString("operations")
		if x.Ops.ID != "" {
			b.WriteByte(' ')
			pair(b, "$id", x.Ops.ID, false)
		}
		if x.Ops.IDRef != "" {
			b.WriteByte(' ')
			pair(b, "$id-ref", x.Ops.IDRef, false)
		}
	}
	for _, op := range x.Ops.Ops {
		l.next()
		b.WriteString("op ")
		b.WriteString(op.Name)
		for _, a := range op.Attrs {
			b.WriteByte(' ')
			pair(b, a.Name, a.Value, false)
		}
		p.sets(&l, "op_params", op.Params)
		p.sets(&l, "op_meta", op.Meta)
	}
}

// agentName is crmsh's mk_rsc_type: the bare type for ocf:heartbeat
// agents (and for any agent of provider heartbeat), class:type for
// agents without a provider, the full name otherwise.
func agentName(class, provider, typ string) string {
	unique := class == "" && provider == "" || class == "ocf" && provider == "" || provider == "heartbeat"
	if unique {
		return typ
	}
	var b strings.Builder
	if class != "" {
		b.WriteString(class)
		b.WriteByte(':')
	}
	if provider != "" {
		b.WriteString(provider)
		b.WriteByte(':')
	}
	b.WriteString(typ)
	return b.String()
}

func (p *Printer) bundle(b *strings.Builder, x *cib.Bundle) {
	writeComments(b, &x.Extra)
	b.WriteString("bundle ")
	b.WriteString(x.ID)
	l := lines{b: b}
	p.description(&l, x.Description)
	if c := x.Container; c != nil {
		l.next()
		kind := c.Kind
		if kind == "" {
			kind = "docker"
		}
		b.WriteString(kind)
		for _, a := range c.Attrs {
			b.WriteByte(' ')
			pair(b, a.Name, a.Value, false)
		}
	}
	if n := x.Network; n != nil {
		l.next()
		b.WriteString("network")
		for _, a := range n.Attrs {
			b.WriteByte(' ')
			pair(b, a.Name, a.Value, false)
		}
		for _, m := range n.Ports {
			b.WriteString(" port-mapping")
			if m.ID != "" {
				b.WriteByte(' ')
				pair(b, "id", m.ID, false)
			}
			for _, a := range m.Attrs {
				b.WriteByte(' ')
				pair(b, a.Name, a.Value, false)
			}
		}
	}
	if x.StorageSet || len(x.Storage) > 0 {
		l.next()
		b.WriteString("storage")
		for _, m := range x.Storage {
			b.WriteString(" storage-mapping")
			if m.ID != "" {
				b.WriteByte(' ')
				pair(b, "id", m.ID, false)
			}
			for _, a := range m.Attrs {
				b.WriteByte(' ')
				pair(b, a.Name, a.Value, false)
			}
		}
	}
	// crmsh shows meta before the primitive (it sorts contained
	// resources last) and cannot read meta before the container.
	p.sets(&l, "meta", x.Meta)
	if x.Primitive != nil {
		l.next()
		b.WriteString("primitive ")
		b.WriteString(x.Primitive.ID)
	}
}
