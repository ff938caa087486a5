package transport

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"gocrm/transport/proto"
	"gocrm/transport/quorum"
)

var statusDate = time.Date(2026, 11, 22, 4, 29, 16, 0, time.UTC)

const threeNodeConf = `totem {
	version: 2
	cluster_name: oracle
	token: 1000
}
quorum {
	provider: corosync_votequorum
}
nodelist {
	node {
		name: n1
		nodeid: 1
		ring0_addr: 127.0.0.1
	}
	node {
		name: n2
		nodeid: 2
		ring0_addr: 127.0.0.2
	}
	node {
		name: n3
		nodeid: 3
		ring0_addr: 127.0.0.3
	}
}
`

// TestQuorumtoolMatchesCorosync compares with what corosync 3.1.7's
// corosync-quorumtool -s printed for node 1 of this cluster, alone.
func TestQuorumtoolMatchesCorosync(t *testing.T) {
	cfg, err := ParseConfig("c", []byte(threeNodeConf))
	if err != nil {
		t.Fatal(err)
	}
	st := proto.Status{NodeID: 1, Ring: proto.RingID{Seq: 5, Rep: 1}, Members: []proto.NodeID{1},
		Quorum: quorum.Status{NodeID: 1, ExpectedVotes: 3, HighestExpected: 3, TotalVotes: 1, Quorum: 2,
			Members: []quorum.Member{{NodeID: 1, Votes: 1}}}}
	want := "Quorum information\n" +
		"------------------\n" +
		"Date:             Sun Nov 22 04:29:16 2026\n" +
		"Quorum provider:  corosync_votequorum\n" +
		"Nodes:            1\n" +
		"Node ID:          1\n" +
		"Ring ID:          1.5\n" +
		"Quorate:          No\n" +
		"\n" +
		"Votequorum information\n" +
		"----------------------\n" +
		"Expected votes:   3\n" +
		"Highest expected: 3\n" +
		"Total votes:      1\n" +
		"Quorum:           2 Activity blocked\n" +
		"Flags:            \n" +
		"\n" +
		"Membership information\n" +
		"----------------------\n" +
		"    Nodeid      Votes Name\n" +
		"         1          1 n1 (local)\n"
	if got := QuorumtoolStatus(cfg, st, statusDate); got != want {
		t.Errorf("got\n%s\nwant (corosync-quorumtool -s)\n%s", got, want)
	}
	st.Links = []proto.LinkStatus{{Number: 0, Priority: 1, Peers: []proto.PeerLink{{Node: 2}, {Node: 3}}}}
	wantCfg := "Local node ID 1, transport knet\n" +
		"LINK ID 0 udp\n" +
		"\taddr\t= 127.0.0.1\n" +
		"\tstatus:\n" +
		"\t\tnodeid:          1:\tlocalhost\n" +
		"\t\tnodeid:          2:\tdisconnected\n" +
		"\t\tnodeid:          3:\tdisconnected\n"
	if got := CfgtoolStatus(cfg, st); got != wantCfg {
		t.Errorf("got\n%s\nwant (corosync-cfgtool -s)\n%s", got, wantCfg)
	}
}

// TestStatusGolden renders the status of simulated clusters and compares
// with testdata/status/*.golden (-update rewrites them).
func TestStatusGolden(t *testing.T) {
	two, err := ParseConfig("two-links.conf", mustRead(t, "testdata/conf/two-links.conf"))
	if err != nil {
		t.Fatal(err)
	}
	three, err := ParseConfig("c", []byte(threeNodeConf))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		cfg  *Config
		st   proto.Status
	}{
		{"three-quorate", three, proto.Status{NodeID: 2, Ring: proto.RingID{Seq: 0x1c, Rep: 1}, Members: []proto.NodeID{1, 2, 3},
			Links: []proto.LinkStatus{{Number: 0, Priority: 1, Peers: []proto.PeerLink{{Node: 1, Connected: true}, {Node: 3, Connected: true}}}},
			Quorum: quorum.Status{NodeID: 2, Quorate: true, ExpectedVotes: 3, HighestExpected: 3, TotalVotes: 3, Quorum: 2,
				Members: []quorum.Member{{NodeID: 1, Votes: 1}, {NodeID: 2, Votes: 1}, {NodeID: 3, Votes: 1}}}}},
		{"two-node-one-link-down", two, proto.Status{NodeID: 1, Ring: proto.RingID{Seq: 9, Rep: 1}, Members: []proto.NodeID{1},
			Links: []proto.LinkStatus{
				{Number: 0, Priority: 10, Peers: []proto.PeerLink{{Node: 2, Connected: false}}},
				{Number: 1, Priority: 20, Peers: []proto.PeerLink{{Node: 2, Connected: true}}},
			},
			Quorum: quorum.Status{NodeID: 1, Quorate: true, ExpectedVotes: 2, HighestExpected: 2, TotalVotes: 1, Quorum: 1,
				TwoNode: true, WaitForAll: true, Members: []quorum.Member{{NodeID: 1, Votes: 1}}}}},
	} {
		got := CfgtoolStatus(tc.cfg, tc.st) + "\n" + QuorumtoolStatus(tc.cfg, tc.st, statusDate)
		golden := filepath.Join("testdata/status", tc.name+".golden")
		if *update {
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if want := string(mustRead(t, golden)); got != want {
			t.Errorf("%s:\n--- got\n%s--- want\n%s", tc.name, got, want)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create golden files)", err)
	}
	return b
}
