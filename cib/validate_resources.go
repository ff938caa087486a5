package cib

import (
	"fmt"
	"strconv"
	"strings"

	"gocrm/cib/xmltree"
)

func (v *validator) checkNodes() {
	ids := make(map[string]*Node)
	unames := make(map[string]*Node)
	for _, n := range v.c.Config.Nodes {
		e := n
		if n.ID != "" {
			if first, dup := ids[n.ID]; dup {
				v.errorf(e, "node id %q is already used by node %s; node ids must be unique", n.ID, first.Uname)
			}
			ids[n.ID] = e
		}
		if n.Uname == "" {
			v.errorf(e, "node %s has no uname; set uname to the node's name", n.ID)
		} else {
			if first, dup := unames[n.Uname]; dup {
				v.errorf(e, "node name %q is already used by node id %s", n.Uname, first.ID)
			}
			unames[n.Uname] = e
		}
		switch n.Type {
		case "", "member", "normal", "remote", "ping":
		default:
			v.errorf(e, "bad node type %q: want member, remote or ping", n.Type)
		}
		if n.Score != "" {
			if _, err := ParseScore(n.Score); err != nil {
				v.errorf(e, "bad node score: %v", err)
			}
		}
		for _, s := range n.Attributes {
			v.checkSetScore(s)
		}
		v.checkUtilization(n.Utilization)
	}
}

func (v *validator) checkUtilization(sets []*NVSet) {
	for _, s := range sets {
		v.checkSetScore(s)
		for _, p := range s.Pairs {
			if p.Name == "" || p.NoValue {
				continue
			}
			if _, err := strconv.Atoi(strings.TrimSpace(p.Value)); err != nil {
				v.warnf(p, "utilization %q=%q is not an integer; the scheduler will count it as 0", p.Name, p.Value)
			}
		}
	}
}

func (v *validator) checkResources() {
	for _, r := range v.c.Config.Resources {
		v.checkResource(r, nil, false)
	}
}

// checkResource checks r; promo says whether it is (inside) a promotable
// clone or bundle.
func (v *validator) checkResource(r Resource, parent Resource, promo bool) {
	switch r := r.(type) {
	case *Primitive:
		v.checkPrimitive(r, r, "primitive", parent, promo)
	case *Template:
		v.checkPrimitive(r, (*Primitive)(r), "template", nil, true)
	case *Group:
		e := r
		if len(r.Children) == 0 {
			v.errorf(e, "the group has no resources; add primitives or delete it")
		}
		for _, n := range r.Extra.Nodes {
			if isResourceElement(n) {
				v.errorf(e, "a group may contain only primitives, not the %s %q; move it out of the group", n.Name, n.Get("id"))
			}
		}
		v.checkMetaSets(r.Meta, r.ID, promo)
		for _, c := range r.Children {
			v.checkPrimitive(c, c, "primitive", r, promo)
		}
	case *Clone:
		e := r
		if r.Child == nil {
			v.errorf(e, "%s %s has no resource to clone", cloneKind(r), r.ID)
		}
		for _, n := range r.Extra.Nodes {
			if isResourceElement(n) {
				v.errorf(e, "a %s contains exactly one primitive or group; %s %q is one too many", cloneKind(r), n.Name, n.Get("id"))
			}
		}
		promo = r.Promotable()
		v.checkMetaSets(r.Meta, r.ID, promo)
		if r.Child != nil {
			v.checkResource(r.Child, r, promo)
		}
	case *Bundle:
		v.checkBundle(r)
	case *RawResource:
		if r.Node == nil || r.Node.Kind != xmltree.ElementNode {
			return // a comment
		}
		v.errorf(r, "unknown resource element <%s>; resources are primitive, group, clone, master, bundle or template", r.Node.Name)
	}
}

func (v *validator) checkBundle(b *Bundle) {
	e := b
	if b.Container == nil {
		v.errorf(e, "bundle %s has no container (docker, podman or rkt)", b.ID)
	} else {
		switch b.Container.Kind {
		case "docker", "podman", "rkt":
		default:
			v.errorf(e, "bundle %s: unknown container kind %q: want docker, podman or rkt", b.ID, b.Container.Kind)
		}
		if b.Container.Attrs.Get("image") == "" {
			v.errorf(e, "bundle %s: the container has no image", b.ID)
		}
		for _, n := range []string{"replicas", "replicas-per-host", "promoted-max", "masters"} {
			if val, ok := b.Container.Attrs.Lookup(n); ok {
				if k, err := strconv.Atoi(val); err != nil || k < 0 {
					v.errorf(e, "bundle %s: %s=%q is not a non-negative integer", b.ID, n, val)
				}
			}
		}
	}
	promo := false
	if b.Container != nil {
		for _, n := range []string{"promoted-max", "masters"} {
			if k, err := strconv.Atoi(b.Container.Attrs.Get(n)); err == nil && k > 0 {
				promo = true
			}
		}
	}
	v.checkMetaSets(b.Meta, b.ID, promo)
	for _, n := range b.Extra.Nodes {
		if isResourceElement(n) {
			v.errorf(e, "a bundle contains at most one primitive; %s %q is one too many", n.Name, n.Get("id"))
		}
	}
	if b.Primitive != nil {
		v.checkPrimitive(b.Primitive, b.Primitive, "primitive", b, promo)
	}
}

// agentOf returns the class, provider and type of a primitive, taken from
// its template when it has one, and the template's entry (or nil).
func (v *validator) agentOf(p *Primitive) (class, provider, typ string, tmpl *Template) {
	class, provider, typ = p.Class, p.Provider, p.Type
	if p.Template != "" {
		for e := v.ix.byID[p.Template]; e != nil; e = e.next {
			if t, ok := e.Obj.(*Template); ok {
				tmpl = t
				if class == "" {
					class, provider = t.Class, t.Provider
				}
				if typ == "" {
					typ = t.Type
				}
				break
			}
		}
	}
	return class, provider, typ, tmpl
}

func (v *validator) checkPrimitive(e any, p *Primitive, kind string, parent Resource, promo bool) {
	if p.Template != "" {
		found := false
		for te := v.ix.byID[p.Template]; te != nil; te = te.next {
			if _, ok := te.Obj.(*Template); ok {
				found = true
			}
		}
		if !found {
			v.errorf(e, "uses template %q, which does not exist", p.Template)
		}
	}
	class, provider, typ, tmpl := v.agentOf(p)
	if p.Template == "" || tmpl != nil {
		v.checkAgent(e, kind, p.ID, class, provider, typ)
	}
	if p.Template != "" && p.Class != "" {
		v.warnf(e, "%s %s names both a template and an agent class; the class is ignored", kind, p.ID)
	}
	if _, isBundle := parent.(*Bundle); isBundle && class != "" && class != "ocf" {
		v.errorf(e, "primitive %s in bundle %s must be an ocf resource, not %s", p.ID, parent.ResourceID(), class)
	}
	for _, s := range p.Params {
		v.checkSetScore(s)
	}
	v.checkMetaSets(p.Meta, p.ID, promo)
	v.checkUtilization(p.Utilization)
	v.checkOps(p)
	if class != "" && typ != "" && v.opts.Metadata != nil {
		params := p.Params
		if tmpl != nil {
			params = append(append([]*NVSet(nil), tmpl.Params...), p.Params...)
		}
		v.checkParams(e, kind, p.ID, class, provider, typ, params)
	}
}

func (v *validator) checkAgent(e any, kind, id, class, provider, typ string) {
	known := false
	for _, c := range AgentClasses {
		if c == class {
			known = true
		}
	}
	switch {
	case class == "":
		v.errorf(e, "no agent class; write class:provider:type, e.g. ocf:heartbeat:IPaddr2")
	case !known:
		msg := fmt.Sprintf("unknown agent class %q; known classes are %s", class, strings.Join(AgentClasses, ", "))
		if s := Suggest(class, AgentClasses); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		v.errorf(e, "%s", msg)
	case class == "ocf" && provider == "":
		v.errorf(e, "ocf agent without a provider; write ocf:PROVIDER:%s (e.g. ocf:heartbeat:%s)", typ, typ)
	case class != "ocf" && provider != "":
		v.errorf(e, "%s agents take no provider, but %q is given; drop it", class, provider)
	case class == "heartbeat":
		v.warnf(e, "the heartbeat agent class is deprecated; use an ocf agent")
	}
	if typ == "" {
		v.errorf(e, "no agent type; write class:provider:type, e.g. ocf:heartbeat:IPaddr2")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func cloneKind(c *Clone) string {
	if c.Legacy {
		return "ms"
	}
	return "clone"
}

// isResourceElement reports whether n is a resource element the decoder
// left in Extra because it does not belong where it is.
func isResourceElement(n *xmltree.Node) bool {
	if n.Kind != xmltree.ElementNode {
		return false
	}
	switch n.Name {
	case "primitive", "group", "clone", "master", "bundle", "template":
		return true
	}
	return false
}
