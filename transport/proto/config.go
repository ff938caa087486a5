package proto

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"gocrm/transport/quorum"
)

// MaxLinks is the most links a node may have (knet's limit, ring0..ring7).
const MaxLinks = 8

// LinkMode says which links carry protocol traffic (heartbeats always go on
// every link).
type LinkMode int

// Link modes (totem.link_mode).
const (
	LinkPassive    LinkMode = iota // the up link with the highest priority, lowest number on ties
	LinkActive                     // every up link; receivers drop the copies
	LinkRoundRobin                 // up links in turn
)

// NodeConfig is one node of the nodelist.
type NodeConfig struct {
	ID    NodeID
	Name  string
	Links []int // link numbers this node has an address on
}

// LinkConfig is one of this node's links.
type LinkConfig struct {
	Number   int // 0..7
	Priority int // knet_link_priority: higher wins in passive mode
}

// Config configures one node's protocol state machine. The transport
// package fills it from corosync.conf; tests fill it directly.
type Config struct {
	NodeID      NodeID
	Nodes       []NodeConfig
	Links       []LinkConfig
	LinkMode    LinkMode
	ClusterName string

	// Key is the authkey; KeyBits the AES key size (128, 192 or 256).
	Key     []byte
	KeyBits int

	// Incarnation distinguishes this run of the node from earlier ones; it
	// must grow from one start to the next (the run loop uses the start
	// time). MinRingSeq is the highest ring sequence number persisted by an
	// earlier run: rings installed by this run will be above it.
	Incarnation uint64
	MinRingSeq  uint64

	// Token: a node silent on every link this long leaves the view.
	Token time.Duration
	// Consensus: how long a membership round may take before the nodes
	// that did not answer are left out.
	Consensus time.Duration
	// Join: how often join, propose and accept messages are resent, and
	// how long a node gathers before proposing.
	Join time.Duration
	// Merge: how long after installing a view a node waits before merging
	// with a node it hears outside the view.
	Merge time.Duration
	// PingInterval and PingTimeout: heartbeats per link, and the silence
	// after which a link is marked faulty. PongCount heartbeats bring it
	// back.
	PingInterval time.Duration
	PingTimeout  time.Duration
	PongCount    int
	// Retransmit: how long a sender waits for an acknowledgement before it
	// sends again.
	Retransmit time.Duration

	// MaxPacket bounds a sealed packet; FragmentSize bounds one ordered
	// unit, larger messages are cut into units of this size.
	MaxPacket    int
	FragmentSize int
	// Window bounds the units ordered but not yet received by every
	// member; Inflight bounds the units a member has sent to the leader
	// and not yet seen ordered.
	Window   int
	Inflight int
	// SendQueue bounds the bytes a node queues for sending; beyond it Send
	// returns ErrBackpressure. MaxMessage bounds one message.
	SendQueue  int
	MaxMessage int

	Quorum quorum.Config

	// Rand jitters timers; seeded, so that a simulation reproduces.
	Rand *rand.Rand

	// Trace, if set, receives a line for every membership step (for
	// debugging a simulation seed).
	Trace func(format string, args ...any)
}

// Defaults for the fields of Config that corosync.conf does not set.
const (
	DefaultFragmentSize = 16 << 10
	DefaultWindow       = 8192
	DefaultInflight     = 2048
	DefaultSendQueue    = 8 << 20
	DefaultMaxMessage   = 64 << 20
	DefaultMaxPacket    = 65000
)

// ErrBadConfig is wrapped by Validate's errors.
var ErrBadConfig = errors.New("bad protocol configuration")

func (c *Config) setDefaults() {
	if c.KeyBits == 0 {
		c.KeyBits = 256
	}
	if c.Token == 0 {
		c.Token = 3000 * time.Millisecond
	}
	if c.Consensus == 0 {
		c.Consensus = c.Token * 12 / 10
	}
	if c.Join == 0 {
		c.Join = 50 * time.Millisecond
	}
	if c.Merge == 0 {
		c.Merge = 200 * time.Millisecond
	}
	if c.PongCount == 0 {
		c.PongCount = 2
	}
	if c.PingInterval == 0 {
		c.PingInterval = c.Token / time.Duration(c.PongCount*2)
	}
	if c.PingTimeout == 0 {
		c.PingTimeout = c.Token / time.Duration(c.PongCount)
	}
	if c.Retransmit == 0 {
		c.Retransmit = min(max(c.Token/50, 5*time.Millisecond), 50*time.Millisecond)
	}
	if c.MaxPacket == 0 {
		c.MaxPacket = DefaultMaxPacket
	}
	if c.FragmentSize == 0 {
		c.FragmentSize = min(DefaultFragmentSize, c.MaxPacket-Overhead-64)
	}
	if c.Window == 0 {
		c.Window = DefaultWindow
	}
	if c.Inflight == 0 {
		c.Inflight = min(DefaultInflight, c.Window)
	}
	if c.SendQueue == 0 {
		c.SendQueue = DefaultSendQueue
	}
	if c.MaxMessage == 0 {
		c.MaxMessage = DefaultMaxMessage
	}
	if len(c.Links) == 0 {
		c.Links = []LinkConfig{{Number: 0}}
	}
	for i := range c.Nodes {
		if len(c.Nodes[i].Links) == 0 {
			c.Nodes[i].Links = []int{0}
		}
	}
	if c.Rand == nil {
		c.Rand = rand.New(rand.NewPCG(uint64(c.NodeID), c.Incarnation))
	}
}

// validate checks the configuration after defaults; errors name the field.
func (c *Config) validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrBadConfig}, args...)...)
	}
	if c.NodeID == 0 {
		return bad("NodeID is 0; give this node a nodeid in the nodelist")
	}
	seen := map[NodeID]bool{}
	self := false
	for _, n := range c.Nodes {
		if n.ID == 0 || seen[n.ID] {
			return bad("Nodes: node id %d is zero or repeated", n.ID)
		}
		seen[n.ID] = true
		self = self || n.ID == c.NodeID
		for _, l := range n.Links {
			if l < 0 || l >= MaxLinks {
				return bad("node %d: link %d out of 0..%d", n.ID, l, MaxLinks-1)
			}
		}
	}
	if !self {
		return bad("NodeID %d is not in Nodes", c.NodeID)
	}
	nums := map[int]bool{}
	for _, l := range c.Links {
		if l.Number < 0 || l.Number >= MaxLinks || nums[l.Number] {
			return bad("Links: link number %d out of 0..%d or repeated", l.Number, MaxLinks-1)
		}
		nums[l.Number] = true
	}
	if len(c.Key) < 16 {
		return bad("Key has %d bytes; want at least 16 (corosync-keygen writes 128 to 4096)", len(c.Key))
	}
	if !slices.Contains([]int{128, 192, 256}, c.KeyBits) {
		return bad("KeyBits %d; want 128, 192 or 256", c.KeyBits)
	}
	if c.Token <= 0 || c.Consensus <= 0 || c.Join <= 0 || c.PingInterval <= 0 || c.PingTimeout <= 0 || c.Retransmit <= 0 {
		return bad("timeouts must be positive")
	}
	if c.MaxPacket < 512 || c.MaxPacket > 65507 {
		return bad("MaxPacket %d out of 512..65507", c.MaxPacket)
	}
	if c.FragmentSize < 64 || c.FragmentSize > c.MaxPacket-Overhead-64 {
		return bad("FragmentSize %d out of 64..%d", c.FragmentSize, c.MaxPacket-Overhead-64)
	}
	if c.Window < 16 || c.Inflight < 1 || c.Inflight > c.Window {
		return bad("Window %d and Inflight %d: want 16 <= Window and 1 <= Inflight <= Window", c.Window, c.Inflight)
	}
	return nil
}
