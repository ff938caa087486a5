package transport

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata")

// dumpConfig renders a parsed configuration, its warnings and its derived
// runtime values, one "key = value" per line.
func dumpConfig(c *Config) string {
	var b strings.Builder
	for _, w := range c.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	t := c.Totem
	ms := func(d time.Duration) int64 { return d.Milliseconds() }
	fmt.Fprintf(&b, "totem.cluster_name = %s\n", t.ClusterName)
	fmt.Fprintf(&b, "totem.transport = %s\ntotem.link_mode = %s\n", t.Transport, t.LinkMode)
	fmt.Fprintf(&b, "totem.crypto_cipher = %s\ntotem.crypto_hash = %s\n", t.CryptoCipher, t.CryptoHash)
	fmt.Fprintf(&b, "totem.keyfile = %s\ntotem.netmtu = %d\n", c.KeyPath(), t.NetMTU)
	r := c.Runtime()
	fmt.Fprintf(&b, "runtime.config.totem.token = %d\n", ms(r.Token))
	fmt.Fprintf(&b, "runtime.config.totem.token_retransmit = %d\n", ms(r.TokenRetransmit))
	fmt.Fprintf(&b, "runtime.config.totem.hold = %d\n", ms(r.Hold))
	fmt.Fprintf(&b, "runtime.config.totem.consensus = %d\n", ms(r.Consensus))
	fmt.Fprintf(&b, "runtime.config.totem.join = %d\n", ms(r.Join))
	fmt.Fprintf(&b, "runtime.config.totem.merge = %d\n", ms(r.Merge))
	for _, l := range r.Links {
		p := fmt.Sprintf("runtime.config.totem.interface.%d", l.Number)
		fmt.Fprintf(&b, "%s.knet_link_priority = %d\n", p, l.Priority)
		fmt.Fprintf(&b, "%s.knet_ping_interval = %d\n", p, ms(l.PingInterval))
		fmt.Fprintf(&b, "%s.knet_ping_timeout = %d\n", p, ms(l.PingTimeout))
		fmt.Fprintf(&b, "%s.knet_pong_count = %d\n", p, l.PongCount)
		fmt.Fprintf(&b, "%s.mcastport = %d\n", p, l.Port)
	}
	for i, n := range c.Nodes {
		fmt.Fprintf(&b, "nodelist.node.%d = nodeid %d name %q votes %d addrs %q\n", i, n.NodeID, n.Name, n.QuorumVotes, strings.Join(n.Addrs[:], ","))
	}
	q := c.QuorumConfig(c.Nodes[0].NodeID)
	qn, _, _ := q.Normalize()
	fmt.Fprintf(&b, "quorum = expected_votes %d two_node %v wait_for_all %v last_man_standing %v window %v tie_breaker %d %v\n",
		qn.ExpectedVotes, qn.TwoNode, qn.WaitForAll, qn.LastManStanding, qn.LastManStandingWindow, qn.TieBreaker, qn.TieBreakerNodes)
	l := c.Logging
	fmt.Fprintf(&b, "logging = to_stderr %v to_syslog %v to_logfile %v logfile %q debug %s timestamp %s\n",
		l.ToStderr, l.ToSyslog, l.ToLogfile, l.Logfile, l.Debug, l.Timestamp)
	for _, s := range l.Subsystems {
		fmt.Fprintf(&b, "logging.logger_subsys.%s = debug %s\n", s.Subsys, s.Debug)
	}
	for _, s := range c.Other {
		fmt.Fprintf(&b, "other section %s (%d keys)\n", s.Name, len(s.Keys))
	}
	return b.String()
}

// TestConfigGolden parses every testdata/conf/*.conf and compares the
// result (or the error) with the .golden file beside it; -update rewrites
// them.
func TestConfigGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/conf/*.conf")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test configurations: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(f)
			var got string
			cfg, err := ParseConfig(name, data)
			if err != nil {
				got = "error: " + err.Error() + "\n"
			} else {
				got = dumpConfig(cfg)
			}
			if strings.HasPrefix(name, "err-") != (err != nil) {
				t.Errorf("err-* files must fail and others parse; got %v", err)
			}
			golden := strings.TrimSuffix(f, ".conf") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("parse of %s differs from %s:\n--- got\n%s--- want\n%s", f, golden, got, want)
			}
		})
	}
}

// TestRuntimeMatchesCorosync checks the derived timeouts against what
// corosync 3.1.7's corosync-cmapctl reported for the same configuration
// (three nodes, token 1000).
func TestRuntimeMatchesCorosync(t *testing.T) {
	data, err := os.ReadFile("testdata/conf/three-nodes.conf")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := ParseConfig("three-nodes.conf", data)
	if err != nil {
		t.Fatal(err)
	}
	r := cfg.Runtime()
	for _, tc := range []struct {
		name      string
		got, want time.Duration
	}{
		{"token", r.Token, 1650 * time.Millisecond},
		{"consensus", r.Consensus, 1980 * time.Millisecond},
		{"token_retransmit", r.TokenRetransmit, 392 * time.Millisecond},
		{"hold", r.Hold, 303 * time.Millisecond},
		{"knet_ping_interval", r.Links[0].PingInterval, 412 * time.Millisecond},
		{"knet_ping_timeout", r.Links[0].PingTimeout, 825 * time.Millisecond},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %v, corosync says %v", tc.name, tc.got, tc.want)
		}
	}
}

func TestDefaultsTwoNodes(t *testing.T) {
	cfg, err := ParseConfig("c", []byte("totem {\nversion: 2\n}\nnodelist {\nnode {\nnodeid: 1\nring0_addr: a\n}\nnode {\nnodeid: 2\nring0_addr: b\n}\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := cfg.Runtime()
	// corosync.conf(5): token 3000, consensus 1.2 × token, join 50,
	// merge 200; token_retransmit 238 ms for two nodes at token 1000,
	// so 714 ms at 3000.
	if r.Token != 3*time.Second || r.Consensus != 3600*time.Millisecond || r.Join != 50*time.Millisecond ||
		r.Merge != 200*time.Millisecond || r.TokenRetransmit != 714*time.Millisecond {
		t.Errorf("runtime = %+v", r)
	}
	if cfg.Totem.NetMTU != 65536 || cfg.KeyPath() != DefaultKeyFile || cfg.Totem.LinkMode != "passive" {
		t.Errorf("totem = %+v", cfg.Totem)
	}
}

func TestParseTreeErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a {\n", "f:1: syntax error: section \"a\" opened here is never closed"},
		{"}\n", "f:1: syntax error: closing brace without an open section"},
		{"a {\n b\n}\n", "f:2: syntax error: want \"key: value\""},
		{"a {\n :x\n}\n", "f:2: syntax error: want \"key: value\""},
		{"a b {\n}\n", "f:1: syntax error: want \"name {\""},
		{"{\n}\n", "f:1: syntax error: want \"name {\""},
		{"a {\n k: v\x00\n}\n", "f:2: syntax error: NUL byte"},
	} {
		_, err := ParseTree("f", []byte(tc.in))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) || !errors.Is(err, ErrSyntax) {
			t.Errorf("ParseTree(%q) = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestParseTreeShapes(t *testing.T) {
	root, err := ParseTree("f", []byte("# c\r\na{\r\n  k :  v w  \r\n\tb {\n x: http://h:1/\n }\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	a := root.Sections[0]
	if a.Name != "a" || a.Keys[0] != (KeyValue{"k", "v w", 3}) || a.Sections[0].Keys[0].Value != "http://h:1/" {
		t.Errorf("tree = %+v %+v", a, a.Sections[0])
	}
}

// FuzzParseConfig: any input parses or fails with an error naming a line,
// and never panics.
func FuzzParseConfig(f *testing.F) {
	files, _ := filepath.Glob("testdata/conf/*.conf")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("totem {\n}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ParseConfig("fuzz.conf", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.conf:") {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		_ = cfg.Runtime()
		if _, err := cfg.ProtoConfig(cfg.Nodes[0].NodeID, make([]byte, 128)); err != nil {
			t.Fatalf("valid config, no protocol config: %v", err)
		}
	})
}
