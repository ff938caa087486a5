package cib

import "gocrm/cib/xmltree"

// Attrs is an ordered list of XML attributes. It is used for elements whose
// attributes users write in their own order (op, date_spec, bundle container
// options) so that the order survives a round trip through crm text.
type Attrs []xmltree.Attr

// Lookup returns the value of the named attribute and whether it is present.
func (as Attrs) Lookup(name string) (string, bool) {
	for _, a := range as {
		if a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

// Get returns the value of the named attribute, or "" when it is absent.
func (as Attrs) Get(name string) string {
	v, _ := as.Lookup(name)
	return v
}

// Set sets the named attribute in place, appending it when absent.
func (as *Attrs) Set(name, value string) {
	for i := range *as {
		if (*as)[i].Name == name {
			(*as)[i].Value = value
			return
		}
	}
	*as = append(*as, xmltree.Attr{Name: name, Value: value})
}

// Delete removes the named attribute; it reports whether it was present.
func (as *Attrs) Delete(name string) bool {
	for i := range *as {
		if (*as)[i].Name == name {
			*as = append((*as)[:i], (*as)[i+1:]...)
			return true
		}
	}
	return false
}

// Extra holds what the typed model has no field for on one element:
// attributes and child nodes (elements, comments, text) in document order.
// The codec writes them back after the known attributes and children.
type Extra struct {
	Attrs Attrs
	Nodes []*xmltree.Node
}

// IsZero reports whether e holds nothing.
func (e *Extra) IsZero() bool { return len(e.Attrs) == 0 && len(e.Nodes) == 0 }
