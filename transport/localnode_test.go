package transport

import (
	"net"
	"path/filepath"
	"testing"
)

func TestLocalNodeID(t *testing.T) {
	cfg, err := ParseConfig("c", []byte(`totem {
	version: 2
}
nodelist {
	node {
		name: alpha.example.com
		nodeid: 1
		ring0_addr: 10.0.0.1
	}
	node {
		name: beta
		nodeid: 2
		ring0_addr: 10.0.0.2
	}
	node {
		nodeid: 3
		ring0_addr: gamma
	}
}
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		host string
		ips  []string
		want uint32
	}{
		{"beta", nil, 2},
		{"beta.example.com", nil, 2},         // short name
		{"alpha.example.com", nil, 1},        // full name
		{"alpha.other.org", nil, 1},          // short names match
		{"gamma", nil, 3},                    // ring0_addr as a name
		{"unknown", []string{"10.0.0.2"}, 2}, // by address
		{"", []string{"127.0.0.1", "10.0.0.1"}, 1},
		{"unknown", []string{"192.168.0.1"}, 0},
	} {
		var ips []net.IP
		for _, s := range tc.ips {
			ips = append(ips, net.ParseIP(s))
		}
		got, err := cfg.localNodeID(tc.host, ips)
		if got != tc.want || (tc.want == 0) != (err != nil) {
			t.Errorf("localNodeID(%q, %v) = %d, %v; want %d", tc.host, tc.ips, got, err, tc.want)
		}
	}
}

func TestStateFile(t *testing.T) {
	dir := t.TempDir()
	s, err := openState(dir, 4)
	if err != nil || s.seq != 0 {
		t.Fatalf("fresh state: %+v %v", s, err)
	}
	if inc := s.nextIncarnation(100); inc != 100 {
		t.Errorf("incarnation %d, want 100", inc)
	}
	s.seq = 42
	if err := s.save(); err != nil {
		t.Fatal(err)
	}
	s2, err := openState(dir, 4)
	if err != nil || s2.seq != 42 || s2.inc != 100 {
		t.Fatalf("reloaded state: %+v %v", s2, err)
	}
	// A clock that went back still gives a higher incarnation.
	if inc := s2.nextIncarnation(50); inc != 101 {
		t.Errorf("incarnation %d, want 101", inc)
	}
	if filepath.Base(s2.path) != "ringid_4" {
		t.Errorf("state file %s", s2.path)
	}
	mem, _ := openState("", 4)
	if err := mem.save(); err != nil || mem.path != "" {
		t.Errorf("memory-only state: %v", err)
	}
}
