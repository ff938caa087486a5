package cib

import (
	"bytes"
	"cmp"
	"slices"
	"strconv"
	"strings"

	"gocrm/cib/xmltree"
)

// normalise returns a copy of a parsed document in a form where the
// codec's legitimate changes do not show: attributes sorted, whitespace
// removed from text, elements the codec always writes dropped when empty,
// the version attributes of <cib> canonical. With strict, child order is
// kept in the containers whose order the model keeps (resources,
// constraints, rule) and elsewhere sorted stably by kind and name, so that
// same-named siblings must stay in order; without strict, children are
// sorted completely (for fuzz inputs, where raw fall-backs move elements).
func normalise(n *xmltree.Node, strict bool) *xmltree.Node {
	n = n.Clone()
	normaliseNode(n, strict)
	return n
}

// alwaysWritten are elements the encoder writes even when the input did
// not have them.
var alwaysWritten = map[string]bool{
	"configuration": true, "crm_config": true, "nodes": true, "resources": true,
	"constraints": true, "status": true, "lrm_resources": true,
}

var orderedChildren = map[string]bool{"resources": true, "constraints": true, "rule": true}

func normaliseNode(n *xmltree.Node, strict bool) {
	if n.Name == "cib" {
		for _, v := range []string{"epoch", "num_updates", "admin_epoch"} {
			x, _ := strconv.Atoi(n.Get(v))
			n.Set(v, strconv.Itoa(x))
		}
	}
	slices.SortStableFunc(n.Attrs, func(a, b xmltree.Attr) int { return strings.Compare(a.Name, b.Name) })
	var kids []*xmltree.Node
	var text strings.Builder
	for _, c := range n.Children {
		switch c.Kind {
		case xmltree.TextNode:
			text.WriteString(strings.Join(strings.Fields(c.Text), ""))
			continue
		case xmltree.ElementNode:
			normaliseNode(c, strict)
			if alwaysWritten[c.Name] && len(c.Attrs) == 0 && len(c.Children) == 0 {
				continue
			}
		}
		kids = append(kids, c)
	}
	switch {
	case !strict:
		keys := make(map[*xmltree.Node][]byte, len(kids))
		for _, k := range kids {
			keys[k] = xmltree.Marshal(k)
		}
		slices.SortStableFunc(kids, func(a, b *xmltree.Node) int { return bytes.Compare(keys[a], keys[b]) })
	case !orderedChildren[n.Name]:
		slices.SortStableFunc(kids, func(a, b *xmltree.Node) int {
			return cmp.Or(cmp.Compare(a.Kind, b.Kind), strings.Compare(a.Name, b.Name))
		})
	}
	if text.Len() > 0 {
		kids = append(kids, &xmltree.Node{Kind: xmltree.TextNode, Text: text.String()})
	}
	n.Children = kids
}
