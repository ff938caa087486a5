package scheduler

import (
	"strings"

	"gocrm/cib"
)

// Pacemaker Remote nodes come in two kinds: remote nodes, whose connection
// is an ocf:pacemaker:remote primitive of the configuration, and guest
// nodes, whose connection is implied by the remote-node meta attribute of
// the resource (usually a VM) the node runs in. Both are nodes of kind
// "remote"; a guest node's connection resource has a container.

// isRemote reports whether n is a remote or guest node
// (pe__is_guest_or_remote_node).
func (n *node) isRemote() bool { return n.kind == "remote" }

// isGuest reports whether n is a guest node (pe__is_guest_node).
func (n *node) isGuest() bool {
	return n.kind == "remote" && n.remoteRsc != nil && n.remoteRsc.container != nil
}

// isRemoteOnly reports whether n is a remote node that is not a guest
// (pe__is_remote_node).
func (n *node) isRemoteOnly() bool {
	return n.kind == "remote" && (n.remoteRsc == nil || n.remoteRsc.container == nil)
}

// isRemoteAgent reports whether a primitive is a Pacemaker Remote
// connection (xml_contains_remote_node).
func isRemoteAgent(p *cib.Primitive) bool {
	return p != nil && p.Class == "ocf" && p.Provider == "pacemaker" && p.Type == "remote"
}

// guestConnection returns the implicit connection primitive a resource's
// remote-node meta attribute defines, or nil (expand_remote_rsc_meta,
// pe_create_remote_xml). The meta attributes are read raw, without rules.
func guestConnection(p *cib.Primitive) *cib.Primitive {
	var name, server, port, allowMigrate, managed string
	timeout := "60s"
	for _, set := range p.Meta {
		for _, nv := range set.Pairs {
			switch strings.ToLower(nv.Name) {
			case "remote-node":
				name = nv.Value
			case "remote-addr":
				server = nv.Value
			case "remote-port":
				port = nv.Value
			case "remote-connect-timeout":
				timeout = nv.Value
			case "remote-allow-migrate":
				allowMigrate = nv.Value
			case "is-managed":
				managed = nv.Value
			}
		}
	}
	if name == "" {
		return nil
	}
	meta := &cib.NVSet{ID: name + "-meta_attributes"}
	pair := func(set *cib.NVSet, n, v string) {
		set.Pairs = append(set.Pairs, &cib.NVPair{ID: set.ID + "-" + n, Name: n, Value: v})
	}
	pair(meta, "internal_rsc", "true")
	pair(meta, "container", p.ID)
	if allowMigrate != "" {
		pair(meta, "allow-migrate", allowMigrate)
	}
	if managed != "" {
		pair(meta, "is-managed", managed)
	}
	conn := &cib.Primitive{ID: name, Class: "ocf", Provider: "pacemaker", Type: "remote", Meta: []*cib.NVSet{meta}}
	op := func(task, interval, timeout string) *cib.Op {
		return &cib.Op{ID: name + "-" + task + "-interval-" + interval, Name: task,
			Attrs: cib.Attrs{{Name: "interval", Value: interval}, {Name: "timeout", Value: timeout}}}
	}
	conn.Ops.Ops = append(conn.Ops.Ops, op("monitor", "30s", "30s"), op("start", "0", timeout))
	if server != "" || port != "" {
		params := &cib.NVSet{ID: name + "-instance_attributes"}
		if server != "" {
			pair(params, "addr", server)
		}
		if port != "" {
			pair(params, "port", port)
		}
		conn.Params = []*cib.NVSet{params}
	}
	return conn
}

// remoteNodesFromResources creates the remote and guest nodes the
// resource configuration defines (unpack_remote_nodes) and returns the
// implicit guest connection primitives, to be unpacked after the
// configured resources.
func (c *cluster) remoteNodesFromResources() []*cib.Primitive {
	var guests []*cib.Primitive
	add := func(name string) {
		if name == "" || c.nodeByName[name] != nil {
			return
		}
		c.addRemoteNode(name)
	}
	guest := func(p *cib.Primitive) {
		if conn := guestConnection(p); conn != nil {
			guests = append(guests, conn)
			add(conn.ID)
		}
	}
	for _, r := range c.cib.Config.Resources {
		switch x := r.(type) {
		case *cib.Primitive:
			if isRemoteAgent(x) {
				add(x.ID)
				continue
			}
			guest(x)
		case *cib.Group:
			for _, p := range x.Children {
				guest(p)
			}
		}
	}
	return guests
}

func (c *cluster) addRemoteNode(name string) *node {
	n := &node{id: name, name: name, kind: "remote", kindAttr: "remote"}
	n.attrs = map[string]string{}
	c.addNodeAttrs(n, nil, nil, false)
	c.nodes = append(c.nodes, n)
	c.nodeByName[n.name] = n
	if c.nodeByID[n.id] == nil {
		c.nodeByID[n.id] = n
	}
	return n
}

// setupContainers links resources to their container (container meta)
// and remote connections to their nodes (setup_container,
// link_rsc2remotenode).
func (c *cluster) setupContainers() {
	var walk func(r *resource)
	walk = func(r *resource) {
		if len(r.children) > 0 {
			for _, ch := range r.children {
				walk(ch)
			}
			return
		}
		id := r.meta["container"]
		if id == "" || strings.EqualFold(id, r.id) {
			return
		}
		if ct := c.rscByID[id]; ct != nil {
			r.container = ct
			ct.fillers = append(ct.fillers, r)
		}
	}
	for _, r := range c.resources {
		walk(r)
	}
	for _, r := range c.resources {
		c.linkRemoteNode(r)
	}
}

func (c *cluster) linkRemoteNode(r *resource) {
	if !r.isRemoteConn {
		return
	}
	n := c.nodeByName[r.id]
	if n == nil || !n.isRemote() {
		return
	}
	n.remoteRsc = r
	if r.container == nil {
		if c.stonithEnabled && c.startupFencing {
			n.unclean = true
		} else {
			n.unclean = false
		}
		n.unseen = true
	} else {
		n.kindAttr = "container"
		n.attrs["#kind"] = "container"
	}
}

// unpackRemoteConn sets what an ocf:pacemaker:remote primitive implies:
// remote connections (not guest ones) may migrate by default, and
// reconnect_interval replaces the failure timeout.
func (c *cluster) unpackRemoteConn(r *resource) {
	if !isRemoteAgent(r.prim) {
		return
	}
	r.isRemoteConn = true
	if r.meta["container"] != "" {
		return
	}
	params := map[string]string{}
	evalNVSets(c, r.prim.Params, nil, params, ruleCtx{now: c.now})
	if v, ok := params["reconnect_interval"]; ok {
		if ms, ok := parseIntervalMS(v); ok {
			r.reconnectMS = ms
			r.failureTimeout = ms / 1000
		}
	}
}
