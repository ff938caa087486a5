package transport

import (
	"fmt"
	"net"
	"os"
	"strings"
)

// LocalNodeID finds this host in the nodelist, as corosync does: by host
// name, then short host name, then by an address of this host.
func LocalNodeID(cfg *Config) (uint32, error) {
	host, _ := os.Hostname()
	var ips []net.IP
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if ipn, ok := a.(*net.IPNet); ok {
				ips = append(ips, ipn.IP)
			}
		}
	}
	return cfg.localNodeID(host, ips)
}

// localNodeID matches a host name and local addresses against the
// nodelist.
func (c *Config) localNodeID(host string, ips []net.IP) (uint32, error) {
	short, _, _ := strings.Cut(host, ".")
	for _, try := range []func(ConfNode) bool{
		func(n ConfNode) bool { return host != "" && (n.Name == host || n.Addrs[0] == host) },
		func(n ConfNode) bool { return short != "" && (n.Name == short || n.Addrs[0] == short) },
		func(n ConfNode) bool {
			nshort, _, _ := strings.Cut(n.Name, ".")
			return short != "" && nshort == short
		},
	} {
		for _, n := range c.Nodes {
			if try(n) {
				return n.NodeID, nil
			}
		}
	}
	for _, n := range c.Nodes {
		for _, a := range n.Addrs {
			ip := net.ParseIP(a)
			for _, local := range ips {
				if ip != nil && ip.Equal(local) {
					return n.NodeID, nil
				}
			}
		}
	}
	return 0, fmt.Errorf("%s: %w: this host (%q) is not in the nodelist by name or address; give its nodeid", c.File, ErrConfig, host)
}
