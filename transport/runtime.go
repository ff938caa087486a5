package transport

import (
	"fmt"
	"time"

	"gocrm/transport/proto"
)

// Runtime holds the timeouts corosync derives from the configuration, as
// corosync-cmapctl shows them under runtime.config.totem.
type Runtime struct {
	Token           time.Duration // token + (nodes - 2) × token_coefficient, from 3 nodes
	TokenRetransmit time.Duration // token / (token_retransmits_before_loss_const + 0.2)
	Hold            time.Duration // token_retransmit × 0.8 - 10 ms
	Consensus       time.Duration // 1.2 × token unless set
	Join            time.Duration
	Merge           time.Duration
	Links           []RuntimeLink
}

// RuntimeLink is one link's derived settings.
type RuntimeLink struct {
	Number       int
	Priority     int
	PingInterval time.Duration // token / (pong count × 2) unless set
	PingTimeout  time.Duration // token / pong count unless set
	PongCount    int
	Port         int
}

// Runtime computes the derived timeouts.
func (c *Config) Runtime() Runtime {
	t := c.Totem
	r := Runtime{Token: t.Token, Join: t.Join, Merge: t.Merge}
	if n := len(c.Nodes); n > 2 {
		r.Token += time.Duration(n-2) * t.TokenCoefficient
	}
	r.TokenRetransmit = t.TokenRetransmit
	if r.TokenRetransmit == 0 {
		ms := float64(r.Token.Milliseconds()) / (float64(t.TokenRetransmitsBeforeLossConst) + 0.2)
		r.TokenRetransmit = time.Duration(int64(ms)) * time.Millisecond
	}
	r.Hold = t.Hold
	if r.Hold == 0 {
		ms := float64(r.TokenRetransmit.Milliseconds())*0.8 - 10
		r.Hold = time.Duration(int64(ms)) * time.Millisecond
	}
	r.Consensus = t.Consensus
	if r.Consensus == 0 {
		r.Consensus = time.Duration(float64(r.Token.Milliseconds())*1.2) * time.Millisecond
	}
	for _, in := range t.Interfaces {
		l := RuntimeLink{Number: in.LinkNumber, Priority: in.KnetLinkPriority, PongCount: in.KnetPongCount,
			PingInterval: in.KnetPingInterval, PingTimeout: in.KnetPingTimeout, Port: in.McastPort}
		if l.PingInterval == 0 {
			l.PingInterval = time.Duration(r.Token.Milliseconds()/int64(l.PongCount*2)) * time.Millisecond
		}
		if l.PingTimeout == 0 {
			l.PingTimeout = time.Duration(r.Token.Milliseconds()/int64(l.PongCount)) * time.Millisecond
		}
		r.Links = append(r.Links, l)
	}
	return r
}

// ProtoConfig returns the protocol configuration for node id, with the
// authkey. Fields corosync.conf does not set keep the protocol's defaults.
func (c *Config) ProtoConfig(id uint32, key []byte) (proto.Config, error) {
	if _, ok := c.NodeByID(id); !ok {
		return proto.Config{}, fmt.Errorf("%s: %w: node %d is not in the nodelist", c.File, ErrConfig, id)
	}
	r := c.Runtime()
	pc := proto.Config{
		NodeID:      proto.NodeID(id),
		ClusterName: c.Totem.ClusterName,
		Key:         key,
		KeyBits:     256,
		Token:       r.Token,
		Consensus:   r.Consensus,
		Join:        r.Join,
		Merge:       r.Merge,
		MaxPacket:   min(c.Totem.NetMTU, proto.DefaultMaxPacket),
		Quorum:      c.QuorumConfig(id),
	}
	if c.Totem.KnetMTU > 0 {
		pc.MaxPacket = min(pc.MaxPacket, c.Totem.KnetMTU)
	}
	pc.MaxPacket = max(pc.MaxPacket, 576)
	switch c.Totem.CryptoCipher {
	case "aes128":
		pc.KeyBits = 128
	case "aes192":
		pc.KeyBits = 192
	}
	switch c.Totem.LinkMode {
	case "active":
		pc.LinkMode = proto.LinkActive
	case "rr":
		pc.LinkMode = proto.LinkRoundRobin
	}
	var pingInterval, pingTimeout time.Duration
	for _, l := range r.Links {
		pc.Links = append(pc.Links, proto.LinkConfig{Number: l.Number, Priority: l.Priority})
		// The protocol uses one heartbeat schedule: the shortest of the links.
		if pingInterval == 0 || l.PingInterval < pingInterval {
			pingInterval, pingTimeout, pc.PongCount = l.PingInterval, l.PingTimeout, l.PongCount
		}
	}
	pc.PingInterval, pc.PingTimeout = pingInterval, pingTimeout
	for _, n := range c.Nodes {
		nc := proto.NodeConfig{ID: proto.NodeID(n.NodeID), Name: n.Name}
		for l, a := range n.Addrs {
			if a != "" {
				nc.Links = append(nc.Links, l)
			}
		}
		pc.Nodes = append(pc.Nodes, nc)
	}
	return pc, nil
}
