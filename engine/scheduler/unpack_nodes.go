package scheduler

import (
	"sort"
	"strings"

	"gocrm/cib"
)

// unpackNodes creates the nodes from the configuration, sorted by name
// the way Pacemaker sorts them (numbers compared numerically).
func (c *cluster) unpackNodes() {
	c.nodeByName = map[string]*node{}
	c.nodeByID = map[string]*node{}
	for _, cn := range c.cib.Config.Nodes {
		if cn.ID == "" || cn.Uname == "" {
			continue
		}
		kind := cn.Type
		if kind == "" || kind == "normal" {
			kind = "member"
		}
		if kind == "ping" {
			continue
		}
		if _, dup := c.nodeByName[cn.Uname]; dup {
			continue
		}
		n := &node{id: cn.ID, name: cn.Uname, kind: kind, conf: cn, kindAttr: "cluster"}
		n.weight, _ = cib.ParseScore(cn.Score)
		if cn.Score == "" {
			n.weight = 0
		}
		if kind == "remote" {
			// startup fencing waits for the connection resource
			// (handle_startup_fencing)
			n.kindAttr = "remote"
		} else {
			if c.stonithEnabled && c.startupFencing {
				n.unclean = true
			}
			n.unseen = true
		}
		n.attrs = map[string]string{}
		c.addNodeAttrs(n, cn.Attributes, cn.Utilization, false)
		c.nodes = append(c.nodes, n)
		c.nodeByName[n.name] = n
		c.nodeByID[n.id] = n
	}
	c.guestConns = c.remoteNodesFromResources()
	sort.SliceStable(c.nodes, func(i, j int) bool { return naturalLess(c.nodes[i].name, c.nodes[j].name) < 0 })
	for i, n := range c.nodes {
		n.idx = i
		if n.isRemote() {
			c.haveRemote = true
		}
	}
	// pe__show_node_weights lists nodes in strcmp order of their names
	c.byName = make([]int, len(c.nodes))
	for i := range c.byName {
		c.byName[i] = i
	}
	sort.SliceStable(c.byName, func(a, b int) bool { return c.nodes[c.byName[a]].name < c.nodes[c.byName[b]].name })
}

func (c *cluster) addNodeAttrs(n *node, sets, util []*cib.NVSet, overwrite bool) {
	n.attrs["#uname"] = n.name
	n.attrs["#id"] = n.id
	n.attrs["#kind"] = n.kindAttr
	if n.id == c.dcUUID && c.dcUUID != "" {
		n.isDC = true
		n.attrs["#is_dc"] = "true"
	} else {
		n.attrs["#is_dc"] = "false"
	}
	if c.clusterName != "" {
		n.attrs["#cluster-name"] = c.clusterName
	}
	ctx := ruleCtx{now: c.now, attrs: n.attrs}
	if overwrite {
		fresh := map[string]string{}
		evalNVSets(c, sets, n, fresh, ctx)
		for k, v := range fresh {
			n.attrs[k] = v
		}
	} else {
		evalNVSets(c, sets, n, n.attrs, ctx)
	}
	if util != nil {
		if n.utilization == nil {
			n.utilization = map[string]int{}
		}
		u := map[string]string{}
		evalNVSets(c, util, n, u, ctx)
		for k, v := range u {
			if _, ok := n.utilization[k]; !ok {
				n.utilization[k] = atoiDefault(v, 0)
			}
		}
	}
	if _, ok := n.attrs["#site-name"]; !ok {
		if s, ok := n.attrs["site-name"]; ok {
			n.attrs["#site-name"] = s
		} else if c.clusterName != "" {
			n.attrs["#site-name"] = c.clusterName
		}
	}
}

// unpackNodeStates applies the status section's node_state entries:
// transient attributes, then membership (online, unclean, pending, ...).
func (c *cluster) unpackNodeStates() {
	for _, st := range c.cib.Status.Nodes {
		if st.ID == "" || st.Uname == "" {
			continue
		}
		n := c.nodeByID[st.ID]
		if n == nil {
			n = c.nodeByName[st.Uname]
		}
		if n == nil || n.state != nil {
			continue
		}
		n.state = st
		if n.isRemote() {
			// a remote node's state waits for its connection's history
			n.remoteWasFenced = atoiDefault(st.NodeFenced, 0) != 0
			continue
		}
		var sets []*cib.NVSet
		if st.Transient != nil {
			sets = st.Transient.Sets
		}
		c.addNodeAttrs(n, sets, nil, true)
		if cib.IsTrue(n.attrs["standby"]) {
			n.standby = true
		}
		if cib.IsTrue(n.attrs["maintenance"]) {
			n.maintenance = true
		}
		n.unclean = false
		n.unseen = false
		c.determineOnline(n, st)
		if !c.haveQuorum && n.online && c.noQuorumPolicy == nqSuicide {
			c.fenceNode(n, "cluster does not have quorum")
		}
	}
}

func (c *cluster) determineOnline(n *node, st *cib.NodeState) {
	expected := st.Expected
	if sd, ok := n.attrs["shutdown"]; ok && sd != "0" && sd != "" {
		n.shutdown = true
	} else if strings.EqualFold(expected, "member") {
		n.expectedUp = true
	}
	var online bool
	if !c.stonithEnabled {
		online = c.onlineNoFencing(n, st)
	} else {
		online = c.onlineFencing(n, st)
	}
	if online {
		n.online = true
	} else {
		n.weight = negInf
	}
	if online && n.shutdown {
		n.weight = negInf
	}
}

func inCluster(st *cib.NodeState) (val bool, present bool) {
	if st.InCCM == "" {
		return false, false
	}
	if cib.IsTrue(st.InCCM) {
		return true, true
	}
	if cib.IsFalse(st.InCCM) {
		return false, true
	}
	// since 2.1.7 a timestamp means "member since"
	return st.InCCM != "0", true
}

func crmdOnline(st *cib.NodeState) bool {
	if strings.EqualFold(st.Crmd, "online") {
		return true
	}
	if st.Crmd == "" || strings.EqualFold(st.Crmd, "offline") {
		return false
	}
	return st.Crmd != "0" && isDigit(st.Crmd[0])
}

func (c *cluster) onlineNoFencing(n *node, st *cib.NodeState) bool {
	in, _ := inCluster(st)
	switch {
	case !in:
		return false
	case crmdOnline(st):
		return strings.EqualFold(st.Join, "member")
	case !n.expectedUp:
		return false
	default:
		c.fenceNode(n, "peer is unexpectedly down")
		return false
	}
}

func (c *cluster) onlineFencing(n *node, st *cib.NodeState) bool {
	in, present := inCluster(st)
	online := in
	crmdOn := crmdOnline(st)
	exp := st.Expected
	if exp == "" {
		exp = "down"
	}
	terminate := false
	if t, ok := n.attrs["terminate"]; ok {
		if cib.IsTrue(t) {
			terminate = true
		} else if t != "" && t[0] != '0' && isDigit(t[0]) {
			terminate = true
		}
	}
	join := st.Join
	switch {
	case n.shutdown:
		online = crmdOn
	case !present:
		c.fenceNode(n, "peer has not been seen by the cluster")
	case strings.EqualFold(join, "banned") || strings.EqualFold(join, "nack"):
		c.fenceNode(n, "peer failed Pacemaker membership criteria")
	case !terminate && strings.EqualFold(exp, "down"):
		if in || crmdOn {
			n.standby = true
			n.pending = true
		}
	case terminate && strings.EqualFold(join, "down") && !in && !crmdOn:
		online = false
	case !in:
		c.fenceNode(n, "peer is no longer part of the cluster")
	case !crmdOn:
		c.fenceNode(n, "peer process is no longer available")
	case terminate:
		c.fenceNode(n, "termination was requested")
	case strings.EqualFold(join, "member"):
	case strings.EqualFold(join, "pending") || strings.EqualFold(join, "down"):
		n.standby = true
		n.pending = true
	default:
		c.fenceNode(n, "peer was in an unknown state")
	}
	return online
}

// fenceNode marks a node unclean and records why (pe_fence_node).
func (c *cluster) fenceNode(n *node, reason string) {
	if c.fenceRemoteNode(n, reason) {
		return
	}
	if n.unclean {
		return
	}
	n.unclean = true
	c.fenceOp(n, "", true, reason)
}
