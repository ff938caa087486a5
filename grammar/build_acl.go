package grammar

import (
	"strings"

	"gocrm/cib"
	"gocrm/cib/xmltree"
)

// ACL permission specs: crm names -> XML attributes (ref and reference,
// tag and type are the same), and the xpath shortcuts.
var (
	aclSpecs = map[string]string{
		"xpath": "xpath", "ref": "reference", "reference": "reference",
		"tag": "object-type", "type": "object-type",
		"attr": "attribute", "attribute": "attribute",
	}
	aclShortcuts = map[string][]string{
		"meta":        {"//primitive[@id='@@']/meta_attributes", "/nvpair[@name='@@']"},
		"params":      {"//primitive[@id='@@']/instance_attributes", "/nvpair[@name='@@']"},
		"utilization": {"//primitive[@id='@@']/utilization"},
		"location":    {"//rsc_location[@id='cli-prefer-@@' and @rsc='@@']"},
		"property":    {"//crm_config/cluster_property_set", "/nvpair[@name='@@']"},
		"nodeattr":    {"//nodes/node/instance_attributes", "/nvpair[@name='@@']"},
		"nodeutil":    {"//nodes/node/utilization", "[@uname='@@']"},
		"node":        {"//nodes/node", "[@uname='@@']"},
		"status":      {"/cib/status"},
		"cib":         {"/cib"},
	}
)

func (b *Builder) acls() *cib.ACLs {
	if b.c.Config.ACLs == nil {
		b.c.Config.ACLs = &cib.ACLs{}
	}
	return b.c.Config.ACLs
}

func (b *Builder) role(st *RoleStmt, comments []string) error {
	r := &cib.ACLRole{ID: st.ID.Value, Extra: commentNodes(comments)}
	var old *cib.ACLRole
	if b.opts.Mode == ModeUpdate && b.objs[r.ID] == "role" {
		for _, x := range b.acls().Roles {
			if x.ID == r.ID {
				old = x
			}
		}
	}
	if old == nil {
		if err := b.checkNewID(st.ID.Pos, "role", r.ID); err != nil {
			return err
		}
	}
	if st.Desc.Type != 0 {
		_, r.Description = tokVal(st.Desc)
	}
	for _, p := range st.Perms {
		perms, err := aclPermissions(p)
		if err != nil {
			return err
		}
		r.Perms = append(r.Perms, perms...)
	}
	var own map[string]bool
	var olds []*cib.ACLPermission
	if old != nil {
		own, olds = ownIDs(old), old.Perms
	}
	a := b.assigner(st.Pos, own)
	a.explicit(r.ID)
	for _, p := range r.Perms {
		var oid *string
		if o, ok := pick(a, olds, p.ID, func(x *cib.ACLPermission) string { return x.ID }, nil); ok {
			oid = &o.ID
		}
		a.id(&p.ID, oid, r.ID, "")
	}
	if a.err != nil {
		return a.err
	}
	b.objs[r.ID] = "role"
	acls := b.acls()
	if old != nil {
		for i, x := range acls.Roles {
			if x == old {
				acls.Roles[i] = r
			}
		}
		return nil
	}
	acls.Roles = append(acls.Roles, r)
	return nil
}

// aclPermissions converts one read/write/deny permission; like crmsh it
// makes one acl_permission per kind of selector given (xpath, reference,
// object-type with attribute).
func aclPermissions(p *Perm) ([]*cib.ACLPermission, error) {
	base := cib.ACLPermission{Kind: strings.ToLower(p.Kind.Value)}
	if p.ID.Type != 0 {
		id, err := objectID(p.ID)
		if err != nil {
			return nil, err
		}
		base.ID = id
	}
	if p.Desc.Type != 0 {
		_, base.Description = tokVal(p.Desc)
	}
	specs := map[string]string{}
	for _, t := range p.Specs {
		typ, val, hasVal := strings.Cut(t.Value, ":")
		attr, isSpec := aclSpecs[typ]
		exp, isShortcut := aclShortcuts[typ]
		switch {
		case isShortcut:
			x, err := expandShortcut(exp, val, hasVal)
			if err != nil {
				return nil, errorf(t.Pos, "%s", err.Msg)
			}
			specs["xpath"] = x
		case !isSpec:
			return nil, errorf(t.Pos, "expected <type>:<spec> with type xpath, ref, type or attr (or a shortcut), found %q", t.Value)
		case !hasVal || val == "":
			return nil, errorf(t.Pos, "expected <type>:<spec>, found %q", t.Value)
		default:
			if attr != "xpath" && !bare(val) {
				return nil, errorf(t.Pos, "invalid %s %q", typ, val)
			}
			specs[attr] = val
		}
	}
	if specs["attribute"] != "" && specs["object-type"] == "" {
		return nil, errorf(p.Pos, "attribute is only valid in combination with tag/object-type")
	}
	var out []*cib.ACLPermission
	if x := specs["xpath"]; x != "" {
		q := base
		q.Xpath = x
		out = append(out, &q)
	}
	if x := specs["reference"]; x != "" {
		q := base
		q.Reference = x
		out = append(out, &q)
	}
	if x := specs["object-type"]; x != "" {
		q := base
		q.ObjectType, q.Attribute = x, specs["attribute"]
		out = append(out, &q)
	}
	if len(out) == 0 {
		return nil, errorf(p.Pos, "%s permission needs xpath:, ref:, type: or a shortcut", base.Kind)
	}
	for i := 1; i < len(out); i++ {
		out[i].ID = "" // a given $id names the first one only
	}
	return out, nil
}

// expandShortcut expands an xpath shortcut such as meta:rsc:attr.
func expandShortcut(exp []string, val string, hasVal bool) (string, *Error) {
	if !hasVal {
		if strings.Contains(exp[0], "@@") {
			return "", &Error{Msg: "missing argument to ACL shortcut"}
		}
		return exp[0], nil
	}
	var x strings.Builder
	i := 0
	for _, tok := range strings.Split(val, ":") {
		if i < len(exp) && !strings.Contains(exp[i], "@@") {
			x.WriteString(exp[i])
			i++
		}
		if i >= len(exp) {
			return "", &Error{Msg: "too many arguments to ACL shortcut"}
		}
		x.WriteString(strings.ReplaceAll(exp[i], "@@", tok))
		i++
	}
	return x.String(), nil
}

func (b *Builder) aclTarget(st *ACLTargetStmt, comments []string) error {
	kind := strings.ToLower(st.Keyword)
	id := st.ID.Value
	var roles []string
	for _, t := range st.Roles {
		if !validID(t.Value) {
			return errorf(t.Pos, "invalid role id %q", t.Value)
		}
		roles = append(roles, t.Value)
	}
	acls := b.acls()
	exists := b.objs[id] == kind
	if !(exists && b.opts.Mode == ModeUpdate) {
		if err := b.checkNewID(st.ID.Pos, kind, id); err != nil {
			return err
		}
	}
	b.ids.save(id)
	b.objs[id] = kind
	extra := commentNodes(comments)
	if kind == "acl_target" {
		t := &cib.ACLTarget{ID: id, Roles: roles, Extra: extra}
		for i, x := range acls.Targets {
			if x.ID == id {
				acls.Targets[i] = t
				return nil
			}
		}
		acls.Targets = append(acls.Targets, t)
		return nil
	}
	g := &cib.ACLGroup{ID: id, Roles: roles, Extra: extra}
	for i, x := range acls.Groups {
		if x.ID == id {
			acls.Groups[i] = g
			return nil
		}
	}
	acls.Groups = append(acls.Groups, g)
	return nil
}

// user is the ACL user of schemas before pacemaker-2.0, which crmsh
// refuses on newer schemas; it is kept as an acl_user element.
func (b *Builder) user(st *UserStmt) error {
	if v, _ := b.c.Attrs.Lookup(cib.AttrValidateWith); !schemaBefore(v, "2.0") {
		return errorf(st.Pos, "user not supported by the RNG schema %s: use role and acl_target", v)
	}
	if err := b.checkNewID(st.ID.Pos, "user", st.ID.Value); err != nil {
		return err
	}
	n := &xmltree.Node{Kind: xmltree.ElementNode, Name: "acl_user", Attrs: []xmltree.Attr{{Name: "id", Value: st.ID.Value}}}
	var rule *xmltree.Node
	for _, t := range st.Items {
		v := t.Value
		if r, ok := strings.CutPrefix(v, "role:"); ok && rule == nil {
			n.Children = append(n.Children, &xmltree.Node{Kind: xmltree.ElementNode, Name: "role_ref", Attrs: []xmltree.Attr{{Name: "id", Value: r}}})
			continue
		}
		switch lv := strings.ToLower(v); lv {
		case "read", "write", "deny":
			rule = &xmltree.Node{Kind: xmltree.ElementNode, Name: lv}
			n.Children = append(n.Children, rule)
			continue
		}
		typ, val, ok := strings.Cut(v, ":")
		exp, isShortcut := aclShortcuts[typ]
		if rule == nil || !ok && !isShortcut {
			return errorf(t.Pos, "expected role:<role> or read|write|deny <spec>, found %q", v)
		}
		if isShortcut {
			x, err := expandShortcut(exp, val, ok)
			if err != nil {
				return errorf(t.Pos, "%s", err.Msg)
			}
			typ, val = "xpath", x
		}
		switch typ {
		case "xpath", "ref", "tag", "attribute":
			rule.Set(typ, val)
		default:
			return errorf(t.Pos, "unknown ACL spec %q", typ)
		}
	}
	for i, c := range n.Children {
		if c.Name != "role_ref" {
			id := b.ids.gen(st.ID.Value, c.Name)
			c.Attrs = append([]xmltree.Attr{{Name: "id", Value: id}}, c.Attrs...)
			n.Children[i] = c
		}
	}
	b.ids.save(st.ID.Value)
	b.objs[st.ID.Value] = "user"
	acls := b.acls()
	acls.Extra.Nodes = append(acls.Extra.Nodes, n)
	return nil
}
