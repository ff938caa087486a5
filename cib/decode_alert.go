package cib

import "gocrm/cib/xmltree"

func (d *decoder) alert(tok xmltree.Token) (*Alert, error) {
	al := &Alert{}
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&al.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			al.ID = a.Value
		case "path":
			al.Path = a.Value
		case "description":
			al.Description = a.Value
		default:
			extraAttr(&al.Extra, a)
		}
	}
	return al, d.children(&al.Extra, func(t xmltree.Token) (bool, error) {
		switch t.Name {
		case "select":
			if al.Select != nil {
				return false, nil
			}
			sel, err := d.alertSelect(t)
			al.Select = sel
			return true, err
		case "instance_attributes":
			return d.nvsetInto(&al.Params, t)
		case "meta_attributes":
			return d.nvsetInto(&al.Meta, t)
		case "recipient":
			r, err := d.recipient(t)
			al.Recipients = append(al.Recipients, r)
			return true, err
		}
		return false, nil
	})
}

func (d *decoder) recipient(tok xmltree.Token) (*Recipient, error) {
	r := &Recipient{}
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&r.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			r.ID = a.Value
		case "value":
			r.Value = a.Value
		case "description":
			r.Description = a.Value
		default:
			extraAttr(&r.Extra, a)
		}
	}
	return r, d.children(&r.Extra, func(t xmltree.Token) (bool, error) {
		switch t.Name {
		case "instance_attributes":
			return d.nvsetInto(&r.Params, t)
		case "meta_attributes":
			return d.nvsetInto(&r.Meta, t)
		}
		return false, nil
	})
}

// alertSelect decodes <select>. Its select_* children carry no content the
// model could hold; one that does (or a second copy) is kept raw.
func (d *decoder) alertSelect(tok xmltree.Token) (*AlertSelect, error) {
	sel := &AlertSelect{}
	for _, a := range tok.Attrs {
		extraAttr(&sel.Extra, a)
	}
	return sel, d.children(&sel.Extra, func(t xmltree.Token) (bool, error) {
		var flag *bool
		switch t.Name {
		case "select_fencing":
			flag = &sel.Fencing
		case "select_nodes":
			flag = &sel.Nodes
		case "select_resources":
			flag = &sel.Resources
		case "select_attributes":
			flag = &sel.Attributes
		default:
			return false, nil
		}
		n, err := d.lookahead(t)
		if err != nil {
			return true, err
		}
		var names []AlertAttribute
		ok := !*flag && len(n.Attrs) == 0
		if ok && t.Name == "select_attributes" {
			names, ok = selectAttributes(n)
		} else if ok {
			ok = allElements(n, "")
		}
		if !ok {
			sel.Extra.Nodes = append(sel.Extra.Nodes, n)
			return true, nil
		}
		*flag = true
		sel.AttributeNames = append(sel.AttributeNames, names...)
		return true, nil
	})
}

// selectAttributes returns the <attribute> children of select_attributes,
// or false when they hold more than the model can keep.
func selectAttributes(n *xmltree.Node) ([]AlertAttribute, bool) {
	if !allElements(n, "attribute") {
		return nil, false
	}
	var names []AlertAttribute
	for _, c := range n.Children {
		if c.Kind != xmltree.ElementNode {
			continue
		}
		if !allElements(c, "") {
			return nil, false
		}
		var aa AlertAttribute
		for _, a := range c.Attrs {
			switch {
			case a.Value == "":
				return nil, false
			case a.Name == "id":
				aa.ID = a.Value
			case a.Name == "name":
				aa.Name = a.Value
			default:
				return nil, false
			}
		}
		names = append(names, aa)
	}
	return names, true
}

func (d *decoder) acls(tok xmltree.Token) (*ACLs, error) {
	acls := &ACLs{}
	for _, a := range tok.Attrs {
		extraAttr(&acls.Extra, a)
	}
	return acls, d.children(&acls.Extra, func(t xmltree.Token) (bool, error) {
		switch t.Name {
		case "acl_target":
			at := &ACLTarget{}
			acls.Targets = append(acls.Targets, at)
			return true, d.aclSubject(t, &at.ID, &at.Name, &at.Roles, &at.Extra)
		case "acl_group":
			ag := &ACLGroup{}
			acls.Groups = append(acls.Groups, ag)
			return true, d.aclSubject(t, &ag.ID, &ag.Name, &ag.Roles, &ag.Extra)
		case "acl_role":
			r, err := d.aclRole(t)
			acls.Roles = append(acls.Roles, r)
			return true, err
		}
		return false, nil
	})
}

// aclSubject decodes acl_target and acl_group, which have the same shape.
func (d *decoder) aclSubject(tok xmltree.Token, id, name *string, roles *[]string, x *Extra) error {
	for _, a := range tok.Attrs {
		switch {
		case a.Value == "":
			extraAttr(x, a)
		case a.Name == "id":
			*id = a.Value
		case a.Name == "name":
			*name = a.Value
		default:
			extraAttr(x, a)
		}
	}
	return d.children(x, func(t xmltree.Token) (bool, error) {
		if t.Name != "role" {
			return false, nil
		}
		return d.ref(t, roles, x)
	})
}

func (d *decoder) aclRole(tok xmltree.Token) (*ACLRole, error) {
	r := &ACLRole{}
	for _, a := range tok.Attrs {
		switch {
		case a.Value == "":
			extraAttr(&r.Extra, a)
		case a.Name == "id":
			r.ID = a.Value
		case a.Name == "description":
			r.Description = a.Value
		default:
			extraAttr(&r.Extra, a)
		}
	}
	return r, d.children(&r.Extra, func(t xmltree.Token) (bool, error) {
		if t.Name != "acl_permission" {
			return false, nil
		}
		p, err := d.aclPermission(t)
		r.Perms = append(r.Perms, p)
		return true, err
	})
}

func (d *decoder) aclPermission(tok xmltree.Token) (*ACLPermission, error) {
	p := &ACLPermission{}
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&p.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			p.ID = a.Value
		case "kind":
			p.Kind = a.Value
		case "xpath":
			p.Xpath = a.Value
		case "reference":
			p.Reference = a.Value
		case "object-type":
			p.ObjectType = a.Value
		case "attribute":
			p.Attribute = a.Value
		case "description":
			p.Description = a.Value
		default:
			extraAttr(&p.Extra, a)
		}
	}
	return p, d.leaf(tok, &p.Extra)
}
