package proto

// DropReason says why a received packet was thrown away.
type DropReason int

// Reasons for dropping a packet. Values are indexes into Counters.Dropped.
const (
	DropNone        DropReason = iota
	DropShort                  // shorter than header and tag
	DropVersion                // unknown wire version
	DropUnknownNode            // sender not in the nodelist, or ourselves
	DropAuth                   // wrong key or tampered bytes
	DropStale                  // from an incarnation older than the sender's current one
	DropReplay                 // sequence number already seen (or a copy sent on two links)
	DropTooOld                 // sequence number left the replay window
	DropMalformed              // authenticated but undecodable
	DropLeft                   // from a node that left cleanly
	numDropReasons
)

var dropNames = [numDropReasons]string{
	"none", "short", "version", "unknown_node", "auth", "stale_incarnation",
	"replay", "too_old", "malformed", "left",
}

func (r DropReason) String() string {
	if r < 0 || r >= numDropReasons {
		return "unknown"
	}
	return dropNames[r]
}

// Counters are a node's packet and protocol statistics.
type Counters struct {
	PacketsSent     uint64
	PacketsReceived uint64 // accepted packets
	BytesSent       uint64
	Dropped         [numDropReasons]uint64
	ViewsInstalled  uint64
	UnitsOrdered    uint64 // units this node ordered as leader
	UnitsDelivered  uint64
	Retransmits     uint64 // units sent again (data, ordered, recovery)
	Delivered       uint64 // application messages delivered
}

// DroppedTotal sums the drops of every reason.
func (c *Counters) DroppedTotal() uint64 {
	var n uint64
	for _, v := range c.Dropped[1:] {
		n += v
	}
	return n
}

// DropReasons lists the reasons with their counter names, for reports.
func DropReasons() []DropReason {
	r := make([]DropReason, 0, numDropReasons-1)
	for i := DropShort; i < numDropReasons; i++ {
		r = append(r, i)
	}
	return r
}
