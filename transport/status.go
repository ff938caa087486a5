package transport

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"gocrm/transport/proto"
)

// CfgtoolStatus renders a node's links as corosync-cfgtool -s prints them:
// per link, the local address and every node's state on it.
func CfgtoolStatus(cfg *Config, st proto.Status) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Local node ID %d, transport %s\n", st.NodeID, cfg.Totem.Transport)
	local, _ := cfg.NodeByID(uint32(st.NodeID))
	for _, l := range st.Links {
		fmt.Fprintf(&b, "LINK ID %d udp\n", l.Number)
		fmt.Fprintf(&b, "\taddr\t= %s\n", local.Addrs[l.Number])
		fmt.Fprintf(&b, "\tstatus:\n")
		connected := map[proto.NodeID]bool{}
		for _, p := range l.Peers {
			connected[p.Node] = p.Connected
		}
		ids := []uint32{}
		for _, n := range cfg.Nodes {
			if n.Addrs[l.Number] != "" {
				ids = append(ids, n.NodeID)
			}
		}
		slices.Sort(ids)
		for _, id := range ids {
			state := "disconnected"
			switch {
			case id == uint32(st.NodeID):
				state = "localhost"
			case connected[proto.NodeID(id)]:
				state = "connected"
			}
			fmt.Fprintf(&b, "\t\tnodeid: %10d:\t%s\n", id, state)
		}
	}
	return b.String()
}

// QuorumtoolStatus renders a node's quorum state as corosync-quorumtool -s
// prints it, dated now.
func QuorumtoolStatus(cfg *Config, st proto.Status, now time.Time) string {
	var b strings.Builder
	q := st.Quorum
	yes := map[bool]string{true: "Yes", false: "No"}
	b.WriteString("Quorum information\n------------------\n")
	fmt.Fprintf(&b, "Date:             %s\n", now.Format("Mon Jan _2 15:04:05 2006"))
	fmt.Fprintf(&b, "Quorum provider:  corosync_votequorum\n")
	fmt.Fprintf(&b, "Nodes:            %d\n", len(st.Members))
	fmt.Fprintf(&b, "Node ID:          %d\n", st.NodeID)
	fmt.Fprintf(&b, "Ring ID:          %s\n", st.Ring)
	fmt.Fprintf(&b, "Quorate:          %s\n", yes[q.Quorate])
	b.WriteString("\nVotequorum information\n----------------------\n")
	fmt.Fprintf(&b, "Expected votes:   %d\n", q.ExpectedVotes)
	fmt.Fprintf(&b, "Highest expected: %d\n", q.HighestExpected)
	fmt.Fprintf(&b, "Total votes:      %d\n", q.TotalVotes)
	blocked := "Activity blocked"
	if q.Quorate {
		blocked = " "
	}
	fmt.Fprintf(&b, "Quorum:           %d %s\n", q.Quorum, blocked)
	b.WriteString("Flags:            ")
	for _, f := range []struct {
		on   bool
		name string
	}{{q.TwoNode, "2Node"}, {q.Quorate, "Quorate"}, {q.WaitForAll, "WaitForAll"},
		{q.LastManStanding, "LastManStanding"}, {q.AutoTieBreaker, "AutoTieBreaker"}} {
		if f.on {
			b.WriteString(f.name + " ")
		}
	}
	b.WriteString("\n")
	b.WriteString(QuorumtoolList(cfg, st))
	return b.String()
}

// QuorumtoolList renders the membership as corosync-quorumtool -l prints
// it: node id, votes and name (the nodelist name, else ring0_addr).
func QuorumtoolList(cfg *Config, st proto.Status) string {
	var b strings.Builder
	b.WriteString("\nMembership information\n----------------------\n")
	fmt.Fprintf(&b, "%10s %10s Name\n", "Nodeid", "Votes")
	votes := map[uint32]uint32{}
	for _, m := range st.Quorum.Members {
		votes[m.NodeID] = m.Votes
	}
	for _, id := range st.Members {
		name := ""
		if n, ok := cfg.NodeByID(uint32(id)); ok {
			name = n.Name
			if name == "" {
				name = n.Addrs[0]
			}
		}
		if id == st.NodeID {
			name += " (local)"
		}
		fmt.Fprintf(&b, "%10d %10d %s\n", id, votes[uint32(id)], name)
	}
	return b.String()
}
