package grammar

import (
	"strings"

	"gocrm/cib"
	"gocrm/cib/xmltree"
)

// Default ids of the property, rsc_defaults and op_defaults sets.
const (
	propertyID    = "cib-bootstrap-options"
	rscDefaultsID = "rsc-options"
	opDefaultsID  = "op-options"
)

// property adds pairs (and rules) to a cluster property set, rsc_defaults
// or op_defaults set, creating the set when it does not exist. As in
// crmsh a pair with a name already in the set only changes its value.
func (b *Builder) property(st *PropertyStmt, comments []string) error {
	kind := strings.ToLower(st.Keyword)
	var sets *[]*cib.NVSet
	defID := ""
	switch kind {
	case "property":
		sets, defID = &b.c.Config.CRMConfig, propertyID
	case "rsc_defaults":
		sets, defID = &b.c.Config.RscDefaults, rscDefaultsID
	default:
		sets, defID = &b.c.Config.OpDefaults, opDefaultsID
	}
	s := &cib.NVSet{Extra: commentNodes(comments)}
	if t := st.ID; t.Type != 0 {
		if t.Type == TokIDSpec {
			if name, v := tokVal(t); strings.EqualFold(name, "$id-ref") {
				s.IDRef = v
			} else {
				s.ID = v
			}
		} else {
			id, err := objectID(t)
			if err != nil {
				return err
			}
			s.ID = id
		}
	}
	if s.IDRef != "" {
		return errorf(st.ID.Pos, "%s $id-ref= is not supported: give the set's id with $id= or <id>:", kind)
	}
	if s.ID == "" {
		s.ID = defID
	}
	if !validID(s.ID) {
		return errorf(st.Pos, "invalid id %q", s.ID)
	}
	for _, r := range st.Rules {
		rule, err := b.rule(r)
		if err != nil {
			return err
		}
		s.Rules = append(s.Rules, rule)
	}
	var err error
	if s.Pairs, err = b.nvpairs(st.Pairs, pairsProperty); err != nil {
		return err
	}
	var old *cib.NVSet
	for _, x := range *sets {
		if x.ID == s.ID {
			old = x
		}
	}
	if old == nil {
		if k := b.objs[s.ID]; k != "" {
			return errorf(st.Pos, "cannot create %s with ID '%s': found existing %s with same ID", kind, s.ID, k)
		}
		if b.ids.has(s.ID) {
			return errorf(st.Pos, "cannot create %s with ID '%s': the id is already in use", kind, s.ID)
		}
	}
	// crmsh names the new elements after the set (the pairs' generated
	// ids of a pair already in the set are dropped with it).
	a := b.assigner(st.Pos, ownSetIDs(old))
	a.ids.save(s.ID)
	a.rules(s.Rules, nil, s.ID)
	for _, p := range s.Pairs {
		if p.IDRef != "" {
			continue
		}
		if p.ID != "" {
			if old == nil || !hasPairID(old, p.ID) {
				a.explicit(p.ID)
			}
			continue
		}
		p.ID = b.ids.gen(s.ID, p.Name)
	}
	if a.err != nil {
		return a.err
	}
	if old == nil {
		*sets = append(*sets, s)
		b.objs[s.ID] = kind
		return nil
	}
	copyPairs(old, s)
	return nil
}

func hasPairID(s *cib.NVSet, id string) bool {
	for _, p := range s.Pairs {
		if p.ID == id {
			return true
		}
	}
	return false
}

func ownSetIDs(s *cib.NVSet) map[string]bool {
	if s == nil {
		return nil
	}
	return ownIDs(&cib.Node{Attributes: []*cib.NVSet{s}})
}

// copyPairs merges src into dst like crmsh's copy_nvpairs: comments not
// already there are added, pairs update the value of a pair with the same
// name or are added, rules replace the rule with the same id or are
// added.
func copyPairs(dst, src *cib.NVSet) {
	for _, c := range src.Extra.Nodes {
		dup := false
		for _, d := range dst.Extra.Nodes {
			if d.Kind == xmltree.CommentNode && d.Text == c.Text {
				dup = true
			}
		}
		if !dup {
			dst.Extra.Nodes = append(dst.Extra.Nodes, c)
		}
	}
	for _, r := range src.Rules {
		replaced := false
		for i, d := range dst.Rules {
			if d.ID == r.ID {
				dst.Rules[i] = r
				replaced = true
			}
		}
		if !replaced {
			dst.Rules = append(dst.Rules, r)
		}
	}
	for _, p := range src.Pairs {
		if p.NoValue || p.IDRef != "" {
			dst.Pairs = append(dst.Pairs, p)
			continue
		}
		found := false
		for _, q := range dst.Pairs {
			if q.Name == p.Name {
				q.Value, q.NoValue = p.Value, false
				found = true
				break
			}
		}
		if !found {
			dst.Pairs = append(dst.Pairs, p)
		}
	}
}
