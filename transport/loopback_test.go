package transport

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gocrm/transport/proto"
)

// loopbackConf writes a corosync.conf and an authkey for n nodes on
// 127.0.0.1..n, on a port free on all of them, and returns its path.
func loopbackConf(t testing.TB, dir string, n int, extraTotem string) (conf, key string) {
	t.Helper()
	port := freePort(t, n)
	var b strings.Builder
	fmt.Fprintf(&b, "totem {\n\tversion: 2\n\tcluster_name: loop\n\tcrypto_cipher: aes256\n\tcrypto_hash: sha256\n%s", extraTotem)
	fmt.Fprintf(&b, "\tkeyfile: %s\n\tinterface {\n\t\tlinknumber: 0\n\t\tmcastport: %d\n\t}\n}\n", filepath.Join(dir, "authkey"), port)
	b.WriteString("quorum {\n\tprovider: corosync_votequorum\n}\nnodelist {\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "\tnode {\n\t\tname: node%d\n\t\tnodeid: %d\n\t\tring0_addr: 127.0.0.%d\n\t}\n", i, i, i)
	}
	b.WriteString("}\n")
	conf = filepath.Join(dir, "corosync.conf")
	if err := os.WriteFile(conf, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	key = filepath.Join(dir, "authkey")
	if err := WriteAuthKey(key, DefaultKeySize, nil); err != nil {
		t.Fatal(err)
	}
	return conf, key
}

// freePort finds a UDP port free on 127.0.0.1..n.
func freePort(t testing.TB, n int) int {
	t.Helper()
	for range 50 {
		c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
		if err != nil {
			t.Fatal(err)
		}
		port := c.LocalAddr().(*net.UDPAddr).Port
		conns := []*net.UDPConn{c}
		ok := true
		for i := 2; i <= n; i++ {
			c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, byte(i)), Port: port})
			if err != nil {
				ok = false
				break
			}
			conns = append(conns, c)
		}
		for _, c := range conns {
			c.Close()
		}
		if ok {
			return port
		}
	}
	t.Fatal("no UDP port free on every loopback address")
	return 0
}

// watcher consumes a node's events and lets a test wait for conditions.
type watcher struct {
	views     chan proto.ViewEvent
	delivered chan proto.DeliverEvent
}

func watch(n *Node) *watcher {
	w := &watcher{views: make(chan proto.ViewEvent, 64), delivered: make(chan proto.DeliverEvent, 1<<16)}
	go func() {
		for e := range n.Events() {
			switch e := e.(type) {
			case proto.ViewEvent:
				select {
				case w.views <- e:
				default:
				}
			case proto.DeliverEvent:
				w.delivered <- e
			}
		}
	}()
	return w
}

// waitView waits until the node installs a view with the given number of
// members, or the deadline passes.
func (w *watcher) waitView(t testing.TB, members int, deadline time.Duration) proto.ViewEvent {
	t.Helper()
	timeout := time.After(deadline)
	for {
		select {
		case v := <-w.views:
			if len(v.Members) == members {
				return v
			}
		case <-timeout:
			t.Fatalf("no view with %d members within %v", members, deadline)
		}
	}
}

func startLoopback(t testing.TB, conf string, n int) ([]*Node, []*watcher) {
	t.Helper()
	cfg, err := LoadConfig(conf)
	if err != nil {
		t.Fatal(err)
	}
	var nodes []*Node
	var ws []*watcher
	for i := 1; i <= n; i++ {
		nd, err := Start(cfg, Options{NodeID: uint32(i), StateDir: filepath.Dir(conf)})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { nd.Close() })
		if err := nd.JoinGroup("test"); err != nil {
			t.Fatal(err)
		}
		nodes = append(nodes, nd)
		ws = append(ws, watch(nd))
	}
	return nodes, ws
}

// TestLoopbackCluster runs three nodes on real UDP sockets: they form one
// view and deliver every message in one order, large ones included.
func TestLoopbackCluster(t *testing.T) {
	dir := t.TempDir()
	conf, _ := loopbackConf(t, dir, 3, "\ttoken: 1000\n\ttoken_coefficient: 0\n")
	nodes, ws := startLoopback(t, conf, 3)
	var ring proto.RingID
	for i, w := range ws {
		v := w.waitView(t, 3, 10*time.Second)
		if i > 0 && v.Ring != ring {
			// A node may go through a smaller view first; wait for the
			// last one.
			t.Logf("node %d view %v, node 1 view %v", i+1, v.Ring, ring)
		}
		ring = v.Ring
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	big := bytes.Repeat([]byte("0123456789abcdef"), 20000) // 320 KB: many units
	const per = 50
	for i := range per {
		for j, nd := range nodes {
			payload := []byte(fmt.Sprintf("n%d-%d", j+1, i))
			if i == per/2 {
				payload = append(payload, big...)
			}
			if err := nd.Send(ctx, "test", payload); err != nil {
				t.Fatal(err)
			}
		}
	}
	var orders [3][]string
	for k, w := range ws {
		for len(orders[k]) < per*3 {
			select {
			case e := <-w.delivered:
				id := string(e.Payload)
				if len(id) > 16 {
					if !bytes.Equal(e.Payload[len(e.Payload)-len(big):], big) {
						t.Fatalf("node %d: large message damaged", k+1)
					}
					id = id[:len(e.Payload)-len(big)]
				}
				orders[k] = append(orders[k], id)
			case <-ctx.Done():
				t.Fatalf("node %d delivered %d of %d messages", k+1, len(orders[k]), per*3)
			}
		}
	}
	for k := 1; k < 3; k++ {
		if strings.Join(orders[k], " ") != strings.Join(orders[0], " ") {
			t.Fatalf("node %d order differs from node 1", k+1)
		}
	}
	st := nodes[0].Status()
	if !st.Quorum.Quorate || len(st.Members) != 3 {
		t.Errorf("status = %+v", st)
	}
	cfg, _ := LoadConfig(conf)
	t.Logf("\n%s\n%s", CfgtoolStatus(cfg, st), QuorumtoolStatus(cfg, st, time.Now()))
}
