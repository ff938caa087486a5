package cib

import "gocrm/cib/xmltree"

// Section element names, in the order Encode writes them.
const (
	secCRMConfig   = "crm_config"
	secNodes       = "nodes"
	secResources   = "resources"
	secConstraints = "constraints"
	secRscDefaults = "rsc_defaults"
	secOpDefaults  = "op_defaults"
	secFencing     = "fencing-topology"
	secTags        = "tags"
	secAlerts      = "alerts"
	secACLs        = "acls"
)

var sectionBits = map[string]uint16{
	secCRMConfig: 1 << 0, secNodes: 1 << 1, secResources: 1 << 2, secConstraints: 1 << 3,
	secRscDefaults: 1 << 4, secOpDefaults: 1 << 5, secFencing: 1 << 6, secTags: 1 << 7,
	secAlerts: 1 << 8, secACLs: 1 << 9,
}

func (d *decoder) configuration(tok xmltree.Token, cfg *Configuration) error {
	for _, a := range tok.Attrs {
		extraAttr(&cfg.Extra, a)
	}
	var seen uint16
	return d.children(&cfg.Extra, func(t xmltree.Token) (bool, error) {
		bit := sectionBits[t.Name]
		if bit == 0 || seen&bit != 0 {
			return false, nil // unknown, or a second copy: kept raw
		}
		seen |= bit
		switch t.Name {
		case secResources:
			return true, d.resources(t, cfg)
		case secConstraints:
			return true, d.constraints(t, cfg)
		case secACLs:
			acls, err := d.acls(t)
			cfg.ACLs = acls
			return true, err
		}
		return true, d.section(t, cfg)
	})
}

// section decodes one of the sections that hold a list of one kind of
// element. Its own attributes and unknown children go to SectionExtra. An
// optional section that is present but empty gets an empty SectionExtra
// entry, so that it is written back.
func (d *decoder) section(tok xmltree.Token, cfg *Configuration) error {
	x := &Extra{}
	for _, a := range tok.Attrs {
		extraAttr(x, a)
	}
	var n int
	err := d.children(x, func(t xmltree.Token) (bool, error) {
		var err error
		switch {
		case tok.Name == secCRMConfig && t.Name == "cluster_property_set":
			var s *NVSet
			s, err = d.nvset(t)
			cfg.CRMConfig = append(cfg.CRMConfig, s)
		case tok.Name == secNodes && t.Name == "node":
			var nd *Node
			nd, err = d.node(t)
			cfg.Nodes = append(cfg.Nodes, nd)
		case tok.Name == secRscDefaults && t.Name == "meta_attributes":
			var s *NVSet
			s, err = d.nvset(t)
			cfg.RscDefaults = append(cfg.RscDefaults, s)
		case tok.Name == secOpDefaults && t.Name == "meta_attributes":
			var s *NVSet
			s, err = d.nvset(t)
			cfg.OpDefaults = append(cfg.OpDefaults, s)
		case tok.Name == secFencing && t.Name == "fencing-level":
			var l *FencingLevel
			l, err = d.fencingLevel(t)
			cfg.FencingTopology = append(cfg.FencingTopology, l)
		case tok.Name == secTags && t.Name == "tag":
			var g *Tag
			g, err = d.tag(t)
			cfg.Tags = append(cfg.Tags, g)
		case tok.Name == secAlerts && t.Name == "alert":
			var al *Alert
			al, err = d.alert(t)
			cfg.Alerts = append(cfg.Alerts, al)
		default:
			return false, nil
		}
		n++
		return true, err
	})
	if err != nil {
		return err
	}
	mandatory := tok.Name == secCRMConfig || tok.Name == secNodes
	if !x.IsZero() || (n == 0 && !mandatory) {
		cfg.sectionExtra(tok.Name, x)
	}
	return nil
}

func (cfg *Configuration) sectionExtra(name string, x *Extra) {
	if cfg.SectionExtra == nil {
		cfg.SectionExtra = make(map[string]*Extra)
	}
	cfg.SectionExtra[name] = x
}

func (d *decoder) nvset(tok xmltree.Token) (*NVSet, error) {
	s := &NVSet{}
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&s.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			s.ID = a.Value
		case "id-ref":
			s.IDRef = a.Value
		case "score":
			s.Score = a.Value
		default:
			extraAttr(&s.Extra, a)
		}
	}
	if tok.SelfClosing {
		return s, d.leaf(tok, &s.Extra)
	}
	return s, d.children(&s.Extra, func(t xmltree.Token) (bool, error) {
		switch t.Name {
		case "nvpair":
			p, err := d.nvpair(t)
			s.Pairs = append(s.Pairs, p)
			return true, err
		case "rule":
			r, err := d.rule(t)
			s.Rules = append(s.Rules, r)
			return true, err
		}
		return false, nil
	})
}

func (d *decoder) nvpair(tok xmltree.Token) (*NVPair, error) {
	p := &NVPair{NoValue: true}
	for _, a := range tok.Attrs {
		if a.Name == "value" {
			p.Value, p.NoValue = a.Value, false
			continue
		}
		if a.Value == "" {
			extraAttr(&p.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			p.ID = a.Value
		case "id-ref":
			p.IDRef = a.Value
		case "name":
			p.Name = a.Value
		default:
			extraAttr(&p.Extra, a)
		}
	}
	return p, d.leaf(tok, &p.Extra)
}

// nvsetInto decodes an nvset child into *list, for the children switches.
func (d *decoder) nvsetInto(list *[]*NVSet, t xmltree.Token) (bool, error) {
	s, err := d.nvset(t)
	*list = append(*list, s)
	return true, err
}

func (d *decoder) node(tok xmltree.Token) (*Node, error) {
	n := &Node{}
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&n.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			n.ID = a.Value
		case "uname":
			n.Uname = a.Value
		case "type":
			n.Type = a.Value
		case "description":
			n.Description = a.Value
		case "score":
			n.Score = a.Value
		default:
			extraAttr(&n.Extra, a)
		}
	}
	return n, d.children(&n.Extra, func(t xmltree.Token) (bool, error) {
		switch t.Name {
		case "instance_attributes":
			return d.nvsetInto(&n.Attributes, t)
		case "utilization":
			return d.nvsetInto(&n.Utilization, t)
		}
		return false, nil
	})
}

func (d *decoder) fencingLevel(tok xmltree.Token) (*FencingLevel, error) {
	l := &FencingLevel{}
	for _, a := range tok.Attrs {
		if a.Value == "" {
			extraAttr(&l.Extra, a)
			continue
		}
		switch a.Name {
		case "id":
			l.ID = a.Value
		case "target":
			l.Target = a.Value
		case "target-pattern":
			l.TargetPattern = a.Value
		case "target-attribute":
			l.TargetAttribute = a.Value
		case "target-value":
			l.TargetValue = a.Value
		case "index":
			l.Index = a.Value
		case "devices":
			l.Devices = a.Value
		default:
			extraAttr(&l.Extra, a)
		}
	}
	return l, d.leaf(tok, &l.Extra)
}

func (d *decoder) tag(tok xmltree.Token) (*Tag, error) {
	g := &Tag{}
	idOnly(tok, &g.ID, &g.Extra)
	return g, d.children(&g.Extra, func(t xmltree.Token) (bool, error) {
		if t.Name != "obj_ref" {
			return false, nil
		}
		return d.ref(t, &g.Refs, &g.Extra)
	})
}

// idOnly decodes the attributes of an element whose only known attribute
// is id.
func idOnly(tok xmltree.Token, id *string, x *Extra) {
	for _, a := range tok.Attrs {
		if a.Name == "id" && a.Value != "" {
			*id = a.Value
		} else {
			extraAttr(x, a)
		}
	}
}

// ref decodes a reference element (obj_ref, role, resource_ref) into its
// id in *refs, or keeps it raw in x when it holds more than an id.
func (d *decoder) ref(tok xmltree.Token, refs *[]string, x *Extra) (bool, error) {
	if tok.SelfClosing && len(tok.Attrs) == 1 && tok.Attrs[0].Name == "id" && tok.Attrs[0].Value != "" {
		*refs = append(*refs, tok.Attrs[0].Value)
		_, err := d.sc.Next()
		return true, err
	}
	n, err := d.lookahead(tok)
	if err != nil {
		return true, err
	}
	if onlyID(n) {
		*refs = append(*refs, n.Attrs[0].Value)
	} else {
		x.Nodes = append(x.Nodes, n)
	}
	return true, nil
}
