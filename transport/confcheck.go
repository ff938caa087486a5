package transport

import (
	"fmt"
	"slices"

	"gocrm/transport/quorum"
)

// MaxNodes is the largest nodelist gocrm accepts.
const MaxNodes = 32

// check fills the defaults that depend on other keys and rejects what
// corosync rejects, plus what gocrm cannot run.
func (d *decoder) check(root *Section) error {
	c := d.cfg
	t := &c.Totem
	lineOf := func(name string) int {
		for _, s := range root.Sections {
			if s.Name == name {
				return s.Line
			}
		}
		return 1
	}
	tl := lineOf("totem")
	if t.Version != 2 {
		return d.errorf(tl, "totem.version is %d; the only valid version is 2", t.Version)
	}
	if t.SecAuth && t.CryptoCipher == "none" && t.CryptoHash == "none" {
		t.CryptoCipher, t.CryptoHash = "aes256", "sha256"
	}
	if t.CryptoCipher != "none" && t.CryptoHash == "none" {
		return d.errorf(tl, "totem.crypto_cipher %s requires a totem.crypto_hash other than none", t.CryptoCipher)
	}
	if t.CryptoCipher == "none" {
		d.warn(tl, "totem.crypto_cipher is none: gocrm encrypts and authenticates every packet anyway, with AES-256-GCM and the authkey")
	}
	if t.Transport != "knet" {
		d.warn(tl, "totem.transport is %s: gocrm runs its own protocol over UDP, with knet's links and encryption", t.Transport)
	}
	if t.NetMTU == 0 {
		t.NetMTU = 65536
		if t.Transport != "knet" {
			t.NetMTU = 1500
		}
	}
	if t.Consensus != 0 && t.Consensus < t.Token*12/10 {
		d.warn(tl, "totem.consensus %v is below 1.2 × token; corosync documents 1.2 × token as the minimum", t.Consensus)
	}
	if len(t.Interfaces) > 8 {
		return d.errorf(t.Interfaces[8].Line, "%d totem.interface sections; knet allows 8", len(t.Interfaces))
	}
	seen := map[int]int{}
	for i := range t.Interfaces {
		in := &t.Interfaces[i]
		if prev, dup := seen[in.LinkNumber]; dup {
			return d.errorf(in.Line, "totem.interface linknumber %d is already used at line %d", in.LinkNumber, prev)
		}
		seen[in.LinkNumber] = in.Line
	}
	if err := d.checkNodes(lineOf("nodelist")); err != nil {
		return err
	}
	// Every link the nodes have gets an interface, with knet's defaults.
	used := map[int]bool{}
	for l := range 8 {
		if c.Nodes[0].Addrs[l] != "" {
			used[l] = true
			if _, ok := seen[l]; !ok {
				t.Interfaces = append(t.Interfaces, Interface{LinkNumber: l})
			}
		}
	}
	t.Interfaces = slices.DeleteFunc(t.Interfaces, func(in Interface) bool {
		if !used[in.LinkNumber] {
			d.warn(in.Line, "totem.interface for link %d, but no node has a ring%d_addr; it is ignored", in.LinkNumber, in.LinkNumber)
		}
		return !used[in.LinkNumber]
	})
	for i := range t.Interfaces {
		in := &t.Interfaces[i]
		if in.KnetLinkPriority == 0 {
			in.KnetLinkPriority = 1
		}
		if in.KnetPongCount == 0 {
			in.KnetPongCount = 2
		}
		if in.KnetPingPrecision == 0 {
			in.KnetPingPrecision = 2048
		}
		if in.KnetTransport == "" {
			in.KnetTransport = "udp"
		}
		if in.McastPort == 0 {
			in.McastPort = 5405
		}
		if in.TTL == 0 {
			in.TTL = 1
		}
	}
	slices.SortFunc(t.Interfaces, func(a, b Interface) int { return a.LinkNumber - b.LinkNumber })
	if t.LinkMode != "passive" && len(used) == 1 {
		t.LinkMode = "passive" // "If only one interface directive is specified, passive is automatically chosen."
	}
	return d.checkQuorum(lineOf("quorum"))
}

func (d *decoder) checkNodes(line int) error {
	c := d.cfg
	if len(c.Nodes) == 0 {
		return d.errorf(line, "no nodelist with node sections: gocrm needs every node listed with its nodeid and ring0_addr")
	}
	if len(c.Nodes) > MaxNodes {
		return d.errorf(c.Nodes[MaxNodes].Line, "%d nodes; gocrm supports up to %d", len(c.Nodes), MaxNodes)
	}
	ids := map[uint32]int{}
	names := map[string]int{}
	for _, n := range c.Nodes {
		switch {
		case n.NodeID == 0:
			return d.errorf(n.Line, "nodelist.node has no nodeid; every node needs one (1..4294967295)")
		case n.Addrs[0] == "":
			return d.errorf(n.Line, "nodelist.node %d has no ring0_addr", n.NodeID)
		}
		if prev, dup := ids[n.NodeID]; dup {
			return d.errorf(n.Line, "nodeid %d is already used by the node at line %d", n.NodeID, prev)
		}
		ids[n.NodeID] = n.Line
		if n.Name != "" {
			if prev, dup := names[n.Name]; dup {
				return d.errorf(n.Line, "node name %q is already used at line %d", n.Name, prev)
			}
			names[n.Name] = n.Line
		}
		for l := range 8 {
			if (n.Addrs[l] == "") != (c.Nodes[0].Addrs[l] == "") {
				return d.errorf(n.Line, "nodelist.node %d and node %d differ in ring%d_addr: every node needs an address on the same links",
					n.NodeID, c.Nodes[0].NodeID, l)
			}
		}
	}
	return nil
}

func (d *decoder) checkQuorum(line int) error {
	q := &d.cfg.Quorum
	switch q.Provider {
	case "corosync_votequorum":
	case "":
		d.warn(line, "quorum.provider is not set: gocrm uses corosync_votequorum anyway, so that a partition without a majority stops")
	default:
		return d.errorf(line, "quorum.provider %q is not supported; use corosync_votequorum", q.Provider)
	}
	if !q.WaitForAllSet {
		q.WaitForAll = q.TwoNode
	}
	if q.AllowDownscale {
		d.warn(line, "quorum.allow_downscale is incomplete and unsupported in corosync, and not implemented by gocrm; it is ignored")
	}
	if q.ExpectedVotesTracking {
		d.warn(line, "quorum.expected_votes_tracking is not implemented by gocrm; it is ignored")
	}
	_, warns, err := d.cfg.QuorumConfig(d.cfg.Nodes[0].NodeID).Normalize()
	for _, w := range warns {
		d.warn(line, "%s", w)
	}
	if err != nil {
		return d.errorf(line, "%v", err)
	}
	return nil
}

// QuorumConfig returns votequorum's configuration for the given node.
func (c *Config) QuorumConfig(id uint32) quorum.Config {
	q := c.Quorum
	qc := quorum.Config{
		NodeID:                id,
		Votes:                 1,
		NodeCount:             len(c.Nodes),
		TwoNode:               q.TwoNode,
		WaitForAll:            q.WaitForAll,
		LastManStanding:       q.LastManStanding,
		LastManStandingWindow: q.LastManStandingWindow,
	}
	for _, n := range c.Nodes {
		qc.ExpectedVotes += n.QuorumVotes
		if n.NodeID == id {
			qc.Votes = n.QuorumVotes
		}
	}
	if q.ExpectedVotes != 0 {
		qc.ExpectedVotes = q.ExpectedVotes
	}
	if q.AutoTieBreaker {
		mode, ids, ok := parseTieBreaker(q.AutoTieBreakerNode)
		switch {
		case !ok:
			qc.TieBreaker = quorum.TieBreakerList // no ids: Normalize disables it, with a warning
		case mode == "lowest":
			qc.TieBreaker = quorum.TieBreakerLowest
		case mode == "highest":
			qc.TieBreaker = quorum.TieBreakerHighest
		default:
			qc.TieBreaker, qc.TieBreakerNodes = quorum.TieBreakerList, ids
		}
	}
	return qc
}

// String names a node for messages: its name, or its id.
func (n ConfNode) String() string {
	if n.Name != "" {
		return n.Name
	}
	return fmt.Sprint(n.NodeID)
}
