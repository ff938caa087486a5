package grammar

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"gocrm/cib"
)

var (
	unameRe = lazyRegexp(`(?i)^([^:]+)(:(normal|member|ping|remote))?$`)
	labelID = lazyRegexp(`^[\w-]+:$`)
)

// objectID returns the id given as $id=<id> or <id>: before a node or
// property set.
func objectID(t lexer.Token) (string, error) {
	switch t.Type {
	case TokIDSpec:
		name, v := tokVal(t)
		if !strings.EqualFold(name, "$id") {
			return "", errorf(t.Pos, "expected $id=<id> or <id>:, found %q", t.Value)
		}
		return v, nil
	case TokLabel:
		if !labelID().MatchString(t.Value) {
			return "", errorf(t.Pos, "invalid id %q", strings.TrimSuffix(t.Value, ":"))
		}
		return strings.TrimSuffix(t.Value, ":"), nil
	}
	return "", nil
}

func (b *Builder) node(st *NodeStmt, comments []string) error {
	id, err := objectID(st.ID)
	if err != nil {
		return err
	}
	if err := checkBare(st.Uname.Pos, "node name", st.Uname.Value); err != nil {
		return err
	}
	m := unameRe().FindStringSubmatch(st.Uname.Value)
	if m == nil {
		return errorf(st.Uname.Pos, "expected <uname>[:<type>] with type normal, member, ping or remote, found %q", st.Uname.Value)
	}
	n := &cib.Node{ID: id, Uname: m[1], Type: m[3], Extra: commentNodes(comments)}
	if st.Desc.Type != 0 {
		_, n.Description = tokVal(st.Desc)
	}
	if st.Implicit != nil {
		s, err := b.nvset(st.Implicit, st.Implicit.Pos, pairsNormal)
		if err != nil {
			return err
		}
		n.Attributes = append(n.Attributes, s)
	}
	for _, set := range st.Sets {
		s, err := b.nvset(set.Body, set.Pos, pairsNormal)
		if err != nil {
			return err
		}
		if strings.EqualFold(set.Keyword, "utilization") {
			n.Utilization = append(n.Utilization, s)
		} else {
			n.Attributes = append(n.Attributes, s)
		}
	}
	key := n.ID
	if key == "" {
		key = n.Uname
	}
	old := b.findNode(key)
	if old != nil && b.opts.Mode == ModeCreate {
		// crmsh adds to an existing node instead of failing.
		a := b.assigner(st.Pos, nil)
		a.nodeSets(n, nil)
		if a.err != nil {
			return a.err
		}
		mergeNode(old, n)
		return nil
	}
	if n.ID == "" {
		n.ID = n.Uname
	}
	var own map[string]bool
	if old != nil {
		own = ownIDs(old)
	} else if b.ids.has(n.ID) {
		return errorf(st.Pos, "cannot create node %s: id %s is already in use", n.Uname, n.ID)
	}
	a := b.assigner(st.Pos, own)
	a.nodeSets(n, old)
	if a.err != nil {
		return a.err
	}
	b.ids.save(n.ID)
	if old != nil {
		b.replaceNode(old, n)
		return nil
	}
	b.c.Config.Nodes = append(b.c.Config.Nodes, n)
	b.addNode(n)
	return nil
}

func (b *Builder) findNode(key string) *cib.Node {
	if n := b.nodeIDs[key]; n != nil {
		return n
	}
	return b.unames[key]
}

func (b *Builder) replaceNode(old, n *cib.Node) {
	for i, x := range b.c.Config.Nodes {
		if x == old {
			b.c.Config.Nodes[i] = n
		}
	}
	delete(b.nodeIDs, old.ID)
	delete(b.unames, old.Uname)
	b.addNode(n)
}

// mergeNode adds the sets of n to old the way crmsh's merge_nodes does:
// pairs of a set go into the first existing set of the same kind (a pair
// with an existing name only changes its value); sets of a kind old does
// not have yet are added. The node's own attributes are not changed.
func mergeNode(old, n *cib.Node) {
	old.Attributes = mergeSets(old.Attributes, n.Attributes)
	old.Utilization = mergeSets(old.Utilization, n.Utilization)
}

func mergeSets(dst, src []*cib.NVSet) []*cib.NVSet {
	for _, s := range src {
		if len(dst) == 0 {
			dst = append(dst, s)
			continue
		}
		mergePairs(dst[0], s)
	}
	return dst
}

func mergePairs(dst, src *cib.NVSet) {
	for _, p := range src.Pairs {
		found := false
		for _, q := range dst.Pairs {
			if q.Name == p.Name && p.Name != "" {
				q.Value, q.NoValue = p.Value, p.NoValue
				found = true
				break
			}
		}
		if !found {
			dst.Pairs = append(dst.Pairs, p)
		}
	}
}
