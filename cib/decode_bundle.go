package cib

import "gocrm/cib/xmltree"

func (d *decoder) bundle(tok xmltree.Token) (*Bundle, error) {
	b := &Bundle{}
	describe(tok, &b.ID, &b.Description, &b.Extra)
	return b, d.children(&b.Extra, func(t xmltree.Token) (bool, error) {
		switch t.Name {
		case "docker", "podman", "rkt":
			if b.Container != nil {
				return false, nil
			}
			b.Container = &BundleContainer{Kind: t.Name, Attrs: nilIfEmpty(append(Attrs(nil), t.Attrs...))}
			return true, d.leaf(t, &b.Container.Extra)
		case "network":
			if b.Network != nil {
				return false, nil
			}
			n, err := d.network(t)
			b.Network = n
			return true, err
		case "storage":
			if b.StorageSet {
				return false, nil
			}
			return true, d.storage(t, b)
		case "primitive":
			if b.Primitive != nil {
				return false, nil
			}
			p, err := d.primitive(t)
			b.Primitive = p
			return true, err
		case "meta_attributes":
			return d.nvsetInto(&b.Meta, t)
		}
		return false, nil
	})
}

func (d *decoder) network(tok xmltree.Token) (*BundleNetwork, error) {
	n := &BundleNetwork{Attrs: nilIfEmpty(append(Attrs(nil), tok.Attrs...))}
	return n, d.children(&n.Extra, func(t xmltree.Token) (bool, error) {
		if t.Name != "port-mapping" {
			return false, nil
		}
		m := &PortMapping{}
		m.ID, m.Attrs = idAndAttrs(t.Attrs)
		n.Ports = append(n.Ports, m)
		return true, d.leaf(t, &m.Extra)
	})
}

// storage decodes <storage>, which the model holds only as a list of
// storage-mapping elements: one with attributes or other content is kept
// raw in the bundle's Extra.
func (d *decoder) storage(tok xmltree.Token, b *Bundle) error {
	n, err := d.lookahead(tok)
	if err != nil {
		return err
	}
	if len(n.Attrs) > 0 || !allElements(n, "storage-mapping") {
		b.Extra.Nodes = append(b.Extra.Nodes, n)
		return nil
	}
	b.StorageSet = true
	sub := newTreeDecoder(n)
	if _, err := sub.sc.Next(); err != nil { // <storage>
		return err
	}
	return sub.children(&b.Extra, func(t xmltree.Token) (bool, error) {
		m := &StorageMapping{}
		m.ID, m.Attrs = idAndAttrs(t.Attrs)
		b.Storage = append(b.Storage, m)
		return true, sub.leaf(t, &m.Extra)
	})
}
