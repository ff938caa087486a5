package cib

func (v *validator) checkTags() {
	for _, t := range v.c.Config.Tags {
		e := t
		if len(t.Refs) == 0 {
			v.errorf(e, "the tag is empty; list at least one object")
		}
		for _, r := range t.Refs {
			if v.ix.byID[r] == nil {
				v.errorf(e, "refers to %q, which does not exist", r)
			}
		}
	}
}

func (v *validator) checkACLs() {
	a := v.c.Config.ACLs
	if a == nil {
		return
	}
	checkRoles := func(e any, id string, roles []string) {
		for _, r := range roles {
			ok := false
			for x := v.ix.byID[r]; x != nil; x = x.next {
				if _, is := x.Obj.(*ACLRole); is {
					ok = true
				}
			}
			if !ok {
				v.errorf(e, "%s refers to role %q, which is not an acl_role", id, r)
			}
		}
	}
	for _, t := range a.Targets {
		checkRoles(t, t.ID, t.Roles)
	}
	for _, g := range a.Groups {
		checkRoles(g, g.ID, g.Roles)
	}
	for _, r := range a.Roles {
		for _, p := range r.Perms {
			e := p
			v.checkEnum(e, "permission kind", p.Kind, []string{"read", "write", "deny"})
			if p.Kind == "" {
				v.errorf(e, "acl_permission %s has no kind (read, write or deny)", p.ID)
			}
			n := 0
			for _, set := range []bool{p.Xpath != "", p.Reference != "", p.ObjectType != ""} {
				if set {
					n++
				}
			}
			if n != 1 {
				v.errorf(e, "acl_permission %s must have exactly one of xpath, reference and object-type", p.ID)
			}
			if p.Reference != "" && v.ix.byID[p.Reference] == nil {
				v.warnf(e, "acl_permission %s refers to %q, which does not exist", p.ID, p.Reference)
			}
		}
	}
}

func (v *validator) checkAlerts() {
	for _, a := range v.c.Config.Alerts {
		e := a
		if a.Path == "" {
			v.errorf(e, "alert %s has no path to an alert agent", a.ID)
		}
		for _, s := range a.Meta {
			v.checkOptionSet(s, AlertMetaOptions, false)
		}
		for _, r := range a.Recipients {
			re := r
			if r.Value == "" {
				v.errorf(re, "recipient %s has no value", r.ID)
			}
			for _, s := range r.Meta {
				v.checkOptionSet(s, AlertMetaOptions, false)
			}
		}
	}
}
