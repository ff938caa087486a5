package grammar

import (
	"strconv"
	"strings"

	"gocrm/cib"
)

// alert builds an alert with its select and recipients; recipients get
// crmsh's ids <alert>-recipient-<n>.
func (b *Builder) alert(st *AlertStmt, comments []string) error {
	al := &cib.Alert{ID: st.ID.Value, Path: st.Path.Value, Extra: commentNodes(comments)}
	var old *cib.Alert
	if b.opts.Mode == ModeUpdate && b.objs[al.ID] == "alert" {
		for _, x := range b.c.Config.Alerts {
			if x.ID == al.ID {
				old = x
			}
		}
	}
	if old == nil {
		if err := b.checkNewID(st.ID.Pos, "alert", al.ID); err != nil {
			return err
		}
	}
	if st.Desc.Type != 0 {
		_, al.Description = tokVal(st.Desc)
	}
	n := 0
	for _, part := range st.Parts {
		switch {
		case part.Set != nil:
			s, err := b.nvset(part.Set.Body, part.Set.Pos, pairsNormal)
			if err != nil {
				return err
			}
			if strings.EqualFold(part.Set.Keyword, "meta") {
				al.Meta = append(al.Meta, s)
			} else {
				al.Params = append(al.Params, s)
			}
		case part.Select != nil:
			// each select starts over, as in crmsh
			sel := &cib.AlertSelect{}
			for _, k := range part.Select.Kinds {
				switch {
				case k.Attrs != nil:
					sel.Attributes = true
					for _, t := range k.Attrs.Names {
						if err := checkBare(t.Pos, "attribute name", t.Value); err != nil {
							return err
						}
						sel.AttributeNames = append(sel.AttributeNames, cib.AlertAttribute{Name: t.Value})
					}
				case strings.EqualFold(k.Kind, "nodes"):
					sel.Nodes = true
				case strings.EqualFold(k.Kind, "fencing"):
					sel.Fencing = true
				default:
					sel.Resources = true
				}
			}
			al.Select = sel
		case part.Recipient != nil:
			n++
			body := part.Recipient.Body
			r := &cib.Recipient{ID: al.ID + "-recipient-" + strconv.Itoa(n), Value: body.Value.Value}
			if body.Desc.Type != 0 {
				_, r.Description = tokVal(body.Desc)
			}
			for _, set := range body.Sets {
				s, err := b.nvset(set.Body, set.Pos, pairsNormal)
				if err != nil {
					return err
				}
				if strings.EqualFold(set.Keyword, "meta") {
					r.Meta = append(r.Meta, s)
				} else {
					r.Params = append(r.Params, s)
				}
			}
			al.Recipients = append(al.Recipients, r)
		}
	}
	var own map[string]bool
	if old != nil {
		own = ownIDs(old)
	}
	a := b.assigner(st.Pos, own)
	a.explicit(al.ID)
	var op, om []*cib.NVSet
	if old != nil {
		op, om = old.Params, old.Meta
	}
	if al.Select != nil {
		var oldAttrs []*cib.AlertAttribute
		if old != nil && old.Select != nil {
			for i := range old.Select.AttributeNames {
				oldAttrs = append(oldAttrs, &old.Select.AttributeNames[i])
			}
		}
		for i := range al.Select.AttributeNames {
			x := &al.Select.AttributeNames[i]
			var oid *string
			if o, ok := pick(a, oldAttrs, "", func(y *cib.AlertAttribute) string { return y.ID }, nil); ok {
				oid = &o.ID
			}
			a.id(&x.ID, oid, al.ID, "")
		}
	}
	a.sets(al.Params, op, al.ID, sfxInstance)
	a.sets(al.Meta, om, al.ID, sfxMeta)
	for _, r := range al.Recipients {
		a.explicit(r.ID)
		var rp, rm []*cib.NVSet
		if old != nil {
			for _, o := range old.Recipients {
				if o.ID == r.ID && o.Value == r.Value {
					rp, rm = o.Params, o.Meta
				}
			}
		}
		a.sets(r.Params, rp, r.ID, sfxInstance)
		a.sets(r.Meta, rm, r.ID, sfxMeta)
	}
	if a.err != nil {
		return a.err
	}
	b.objs[al.ID] = "alert"
	if old != nil {
		for i, x := range b.c.Config.Alerts {
			if x == old {
				b.c.Config.Alerts[i] = al
			}
		}
		return nil
	}
	b.c.Config.Alerts = append(b.c.Config.Alerts, al)
	return nil
}
