package simnet

import (
	"fmt"
	"math/rand/v2"
	"time"

	"gocrm/transport/proto"
)

// ClusterConfig describes a simulated cluster.
type ClusterConfig struct {
	Nodes int    // node ids 1..Nodes
	Links int    // links per node, 1..8
	Seed  uint64 // seeds the network and the nodes' random sources
	// Proto is the template for every node's configuration: NodeID,
	// Nodes, Links, Key, Incarnation, MinRingSeq and Rand are filled in.
	Proto proto.Config
}

// SimNode is one node of a Cluster.
type SimNode struct {
	ID   proto.NodeID
	Node *proto.Node // nil while crashed
	Inc  uint64      // incarnation of the running node
	Disk uint64      // ring sequence number persisted; survives crashes

	timerAt  time.Duration
	timerGen uint64
}

// Up reports whether the node is running.
func (s *SimNode) Up() bool { return s.Node != nil }

// Cluster runs proto nodes over a Network on a Scheduler.
type Cluster struct {
	Sched *Scheduler
	Net   *Network
	cfg   ClusterConfig
	nodes map[proto.NodeID]*SimNode
	ids   []proto.NodeID
	key   []byte
	rng   *rand.Rand
	inc   uint64

	// Observe, if set, sees every event of every node, in order, with the
	// incarnation that produced it.
	Observe func(id proto.NodeID, inc uint64, e proto.Event)
	// OnStart, if set, runs after a node (re)starts, before it is stepped:
	// the place to join process groups.
	OnStart func(s *SimNode)
}

// NewCluster builds a cluster; nodes start with Start.
func NewCluster(cfg ClusterConfig) *Cluster {
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x6e6574))
	s := &Scheduler{}
	c := &Cluster{Sched: s, Net: NewNetwork(s, rng), cfg: cfg, nodes: map[proto.NodeID]*SimNode{}, rng: rng}
	c.key = make([]byte, 128)
	for i := range c.key {
		c.key[i] = byte(rng.Uint32())
	}
	for i := 1; i <= cfg.Nodes; i++ {
		id := proto.NodeID(i)
		c.ids = append(c.ids, id)
		c.nodes[id] = &SimNode{ID: id}
		sn := c.nodes[id]
		c.Net.Attach(uint32(id), func(link int, pkt []byte) {
			if sn.Node != nil {
				sn.Node.Receive(c.Sched.Now(), link, pkt)
				c.process(sn)
			}
		})
		c.Net.SetDown(uint32(id), true)
	}
	return c
}

// IDs returns the node ids.
func (c *Cluster) IDs() []proto.NodeID { return c.ids }

// Node returns a node by id.
func (c *Cluster) Node(id proto.NodeID) *SimNode { return c.nodes[id] }

func (c *Cluster) config(id proto.NodeID) proto.Config {
	cfg := c.cfg.Proto
	cfg.NodeID = id
	cfg.Key = c.key
	if cfg.ClusterName == "" {
		cfg.ClusterName = "sim"
	}
	cfg.Nodes = nil
	cfg.Links = nil
	links := []int{}
	for l := range max(c.cfg.Links, 1) {
		links = append(links, l)
		cfg.Links = append(cfg.Links, proto.LinkConfig{Number: l, Priority: l})
	}
	for _, nid := range c.ids {
		cfg.Nodes = append(cfg.Nodes, proto.NodeConfig{ID: nid, Name: fmt.Sprintf("node%d", nid), Links: links})
	}
	return cfg
}

// Start starts a node that is down, with a new incarnation and the ring
// sequence number it persisted.
func (c *Cluster) Start(id proto.NodeID) error {
	sn := c.nodes[id]
	if sn.Node != nil {
		return fmt.Errorf("node %d is already up", id)
	}
	c.inc++
	cfg := c.config(id)
	cfg.Incarnation = uint64(c.Sched.Now()) + c.inc
	cfg.MinRingSeq = sn.Disk
	cfg.Rand = rand.New(rand.NewPCG(c.cfg.Seed, cfg.Incarnation))
	n, err := proto.New(cfg, c.Sched.Now())
	if err != nil {
		return err
	}
	sn.Node, sn.Inc, sn.timerAt = n, cfg.Incarnation, 0
	c.Net.SetDown(uint32(id), false)
	if c.OnStart != nil {
		c.OnStart(sn)
	}
	c.process(sn)
	return nil
}

// Crash stops a node at once, as kill -9 would.
func (c *Cluster) Crash(id proto.NodeID) {
	sn := c.nodes[id]
	sn.Node = nil
	sn.timerGen++
	c.Net.SetDown(uint32(id), true)
}

// Leave shuts a node down cleanly.
func (c *Cluster) Leave(id proto.NodeID) {
	sn := c.nodes[id]
	if sn.Node == nil {
		return
	}
	sn.Node.Leave()
	c.process(sn)
	c.Crash(id)
}

// Do runs f on a running node and then processes what it produced, as the
// run loop would after an API call. It returns f's error, or an error if
// the node is down.
func (c *Cluster) Do(id proto.NodeID, f func(n *proto.Node) error) error {
	sn := c.nodes[id]
	if sn.Node == nil {
		return fmt.Errorf("node %d is down", id)
	}
	err := f(sn.Node)
	c.process(sn)
	return err
}

// process takes a node's Ready and acts on it, then arms its timer.
func (c *Cluster) process(sn *SimNode) {
	n := sn.Node
	if n == nil {
		return
	}
	r := n.Ready()
	if r.PersistRingSeq > sn.Disk {
		sn.Disk = r.PersistRingSeq
	}
	for _, p := range r.Packets {
		c.Net.Send(uint32(sn.ID), uint32(p.To), p.Link, p.Data)
	}
	if c.Observe != nil {
		for _, e := range r.Events {
			c.Observe(sn.ID, sn.Inc, e)
		}
	}
	t := n.NextTimeout()
	if sn.timerAt > c.Sched.Now() && sn.timerAt <= t {
		return // the armed timer comes first; it re-arms
	}
	sn.timerGen++
	gen := sn.timerGen
	sn.timerAt = t
	c.Sched.At(t, func() {
		if sn.timerGen != gen || sn.Node == nil {
			return
		}
		sn.timerAt = 0
		sn.Node.Tick(c.Sched.Now())
		c.process(sn)
	})
}

// RunFor runs the simulation for d of virtual time, calling check after
// every event.
func (c *Cluster) RunFor(d time.Duration, check func() error) error {
	return c.Sched.RunUntil(c.Sched.Now()+d, check)
}
