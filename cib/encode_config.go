package cib

import (
	"strconv"

	"gocrm/cib/xmltree"
)

func (e *enc) cib(c *CIB) {
	e.start("cib", &c.Extra)
	// Pacemaker's order: feature set and schema, then the version, then
	// the rest as they came.
	for _, a := range c.Attrs {
		if (a.Name == AttrFeatureSet || a.Name == AttrValidateWith) && !e.has(a.Name) {
			e.attrAlways(a.Name, a.Value)
		}
	}
	e.attrAlways("epoch", strconv.Itoa(c.Version.Epoch))
	e.attrAlways("num_updates", strconv.Itoa(c.Version.Updates))
	e.attrAlways("admin_epoch", strconv.Itoa(c.Version.Admin))
	e.attrs(c.Attrs)
	e.extra(&c.Extra)
	e.configuration(&c.Config)
	e.status(&c.Status)
	e.end(&c.Extra)
}

func (e *enc) configuration(cfg *Configuration) {
	e.start("configuration", &cfg.Extra)
	e.extra(&cfg.Extra)
	e.section(cfg, secCRMConfig, true, func() { e.nvsets("cluster_property_set", cfg.CRMConfig) })
	e.section(cfg, secNodes, true, func() {
		for _, n := range cfg.Nodes {
			e.clusterNode(n)
		}
	})
	e.sectionMixed(cfg, secResources, rawText(cfg.Resources), func() {
		for _, r := range cfg.Resources {
			e.resource(r)
		}
	})
	e.sectionMixed(cfg, secConstraints, rawText(cfg.Constraints), func() {
		for _, c := range cfg.Constraints {
			e.constraint(c)
		}
	})
	e.section(cfg, secRscDefaults, len(cfg.RscDefaults) > 0, func() { e.nvsets("meta_attributes", cfg.RscDefaults) })
	e.section(cfg, secOpDefaults, len(cfg.OpDefaults) > 0, func() { e.nvsets("meta_attributes", cfg.OpDefaults) })
	e.section(cfg, secFencing, len(cfg.FencingTopology) > 0, func() {
		for _, l := range cfg.FencingTopology {
			e.fencingLevel(l)
		}
	})
	e.section(cfg, secTags, len(cfg.Tags) > 0, func() {
		for _, t := range cfg.Tags {
			e.tag(t)
		}
	})
	e.section(cfg, secAlerts, len(cfg.Alerts) > 0, func() {
		for _, a := range cfg.Alerts {
			e.alert(a)
		}
	})
	e.acls(cfg.ACLs)
	e.end(&cfg.Extra)
}

// sectionMixed writes the resources or constraints section, which is
// mixed content when raw text nodes are among its children.
func (e *enc) sectionMixed(cfg *Configuration, name string, text bool, body func()) {
	x := cfg.SectionExtra[name]
	e.startMixed(name, x, text)
	if x != nil {
		e.extra(x)
	}
	body()
	e.end(x)
}

// rawText reports whether a list of resources or constraints holds a raw
// text node.
func rawText[T any](list []T) bool {
	for _, v := range list {
		var n *xmltree.Node
		switch r := any(v).(type) {
		case *RawResource:
			n = r.Node
		case *RawConstraint:
			n = r.Node
		}
		if n != nil && n.Kind == xmltree.TextNode {
			return true
		}
	}
	return false
}

// section writes a section element when it is wanted (mandatory or not
// empty) or has a SectionExtra entry (which records an empty optional
// section that was present).
func (e *enc) section(cfg *Configuration, name string, want bool, body func()) {
	x := cfg.SectionExtra[name]
	if !want && x == nil {
		return
	}
	e.start(name, x)
	if x != nil {
		e.extra(x)
	}
	body()
	e.end(x)
}

func (e *enc) clusterNode(n *Node) {
	if n == nil {
		return
	}
	e.start("node", &n.Extra)
	e.attr("id", n.ID)
	e.attr("uname", n.Uname)
	e.attr("type", n.Type)
	e.attr("description", n.Description)
	e.attr("score", n.Score)
	e.extra(&n.Extra)
	e.nvsets("instance_attributes", n.Attributes)
	e.nvsets("utilization", n.Utilization)
	e.end(&n.Extra)
}

func (e *enc) fencingLevel(l *FencingLevel) {
	if l == nil {
		return
	}
	e.start("fencing-level", &l.Extra)
	e.attr("id", l.ID)
	e.attr("target", l.Target)
	e.attr("target-pattern", l.TargetPattern)
	e.attr("target-attribute", l.TargetAttribute)
	e.attr("target-value", l.TargetValue)
	e.attr("index", l.Index)
	e.attr("devices", l.Devices)
	e.leaf(&l.Extra)
}

func (e *enc) tag(t *Tag) {
	if t == nil {
		return
	}
	e.start("tag", &t.Extra)
	e.attr("id", t.ID)
	e.extra(&t.Extra)
	e.refs("obj_ref", t.Refs)
	e.end(&t.Extra)
}

// refs writes reference elements: <name id="ref"/> for each ref.
func (e *enc) refs(name string, refs []string) {
	for _, r := range refs {
		e.start(name, nil)
		e.attrAlways("id", r)
		e.end(nil)
	}
}

func (e *enc) alert(a *Alert) {
	if a == nil {
		return
	}
	e.start("alert", &a.Extra)
	e.attr("id", a.ID)
	e.attr("path", a.Path)
	e.attr("description", a.Description)
	e.extra(&a.Extra)
	if s := a.Select; s != nil {
		e.start("select", &s.Extra)
		e.extra(&s.Extra)
		e.flag("select_fencing", s.Fencing)
		e.flag("select_nodes", s.Nodes)
		e.flag("select_resources", s.Resources)
		if s.Attributes || len(s.AttributeNames) > 0 {
			e.start("select_attributes", nil)
			for _, an := range s.AttributeNames {
				e.start("attribute", nil)
				e.attr("id", an.ID)
				e.attr("name", an.Name)
				e.end(nil)
			}
			e.end(nil)
		}
		e.end(&s.Extra)
	}
	e.nvsets("instance_attributes", a.Params)
	e.nvsets("meta_attributes", a.Meta)
	for _, r := range a.Recipients {
		if r == nil {
			continue
		}
		e.start("recipient", &r.Extra)
		e.attr("id", r.ID)
		e.attr("value", r.Value)
		e.attr("description", r.Description)
		e.extra(&r.Extra)
		e.nvsets("instance_attributes", r.Params)
		e.nvsets("meta_attributes", r.Meta)
		e.end(&r.Extra)
	}
	e.end(&a.Extra)
}

// flag writes an empty element when on is set.
func (e *enc) flag(name string, on bool) {
	if on {
		e.start(name, nil)
		e.end(nil)
	}
}

func (e *enc) acls(a *ACLs) {
	if a == nil {
		return
	}
	e.start(secACLs, &a.Extra)
	e.extra(&a.Extra)
	for _, t := range a.Targets {
		if t != nil {
			e.aclSubject("acl_target", t.ID, t.Name, t.Roles, &t.Extra)
		}
	}
	for _, g := range a.Groups {
		if g != nil {
			e.aclSubject("acl_group", g.ID, g.Name, g.Roles, &g.Extra)
		}
	}
	for _, r := range a.Roles {
		if r != nil {
			e.aclRole(r)
		}
	}
	e.end(&a.Extra)
}

func (e *enc) aclSubject(name, id, uname string, roles []string, x *Extra) {
	e.start(name, x)
	e.attr("id", id)
	e.attr("name", uname)
	e.extra(x)
	e.refs("role", roles)
	e.end(x)
}

func (e *enc) aclRole(r *ACLRole) {
	e.start("acl_role", &r.Extra)
	e.attr("id", r.ID)
	e.attr("description", r.Description)
	e.extra(&r.Extra)
	for _, p := range r.Perms {
		if p != nil {
			e.aclPermission(p)
		}
	}
	e.end(&r.Extra)
}

func (e *enc) aclPermission(p *ACLPermission) {
	e.start("acl_permission", &p.Extra)
	e.attr("id", p.ID)
	e.attr("kind", p.Kind)
	e.attr("xpath", p.Xpath)
	e.attr("reference", p.Reference)
	e.attr("object-type", p.ObjectType)
	e.attr("attribute", p.Attribute)
	e.attr("description", p.Description)
	e.leaf(&p.Extra)
}
