package transport

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

var totemFields = map[string]field{
	"version":      integer(0, 1<<31, func(c *Config, v int) { c.Totem.Version = v }),
	"cluster_name": text(func(c *Config, v string) { c.Totem.ClusterName = v }),
	"config_version": func(d *decoder, path string, kv KeyValue) error {
		v, err := d.uint(path, kv, 0, 1<<64-1)
		d.cfg.Totem.ConfigVersion = v
		return err
	},
	"transport":     oneOf([]string{"knet", "udpu", "udp"}, func(c *Config, v string) { c.Totem.Transport = v }),
	"link_mode":     oneOf([]string{"passive", "active", "rr"}, func(c *Config, v string) { c.Totem.LinkMode = v }),
	"ip_version":    oneOf([]string{"ipv4", "ipv6", "ipv4-6", "ipv6-4"}, func(c *Config, v string) { c.Totem.IPVersion = v }),
	"crypto_cipher": oneOf([]string{"none", "aes256", "aes192", "aes128"}, func(c *Config, v string) { c.Totem.CryptoCipher = v }),
	"crypto_hash":   oneOf([]string{"none", "md5", "sha1", "sha256", "sha384", "sha512"}, func(c *Config, v string) { c.Totem.CryptoHash = v }),
	"crypto_model":  text(func(c *Config, v string) { c.Totem.CryptoModel = v }),
	"secauth":       boolean(func(c *Config, v bool) { c.Totem.SecAuth = v }),
	"keyfile":       text(func(c *Config, v string) { c.Totem.KeyFile = v }),
	"key":           text(func(c *Config, v string) { c.Totem.Key = v }),

	"token":                               millis(func(c *Config, v time.Duration) { c.Totem.Token = v }),
	"token_coefficient":                   millis(func(c *Config, v time.Duration) { c.Totem.TokenCoefficient = v }),
	"token_warning":                       integer(0, 100, func(c *Config, v int) { c.Totem.TokenWarning = v }),
	"token_retransmit":                    millis(func(c *Config, v time.Duration) { c.Totem.TokenRetransmit = v }),
	"hold":                                millis(func(c *Config, v time.Duration) { c.Totem.Hold = v }),
	"token_retransmits_before_loss_const": integer(1, 1<<31, func(c *Config, v int) { c.Totem.TokenRetransmitsBeforeLossConst = v }),
	"join":                                millis(func(c *Config, v time.Duration) { c.Totem.Join = v }),
	"send_join":                           millis(func(c *Config, v time.Duration) { c.Totem.SendJoin = v }),
	"consensus":                           millis(func(c *Config, v time.Duration) { c.Totem.Consensus = v }),
	"merge":                               millis(func(c *Config, v time.Duration) { c.Totem.Merge = v }),
	"downcheck":                           millis(func(c *Config, v time.Duration) { c.Totem.Downcheck = v }),
	"fail_recv_const":                     integer(0, 1<<31, func(c *Config, v int) { c.Totem.FailRecvConst = v }),
	"seqno_unchanged_const":               integer(0, 1<<31, func(c *Config, v int) { c.Totem.SeqnoUnchangedConst = v }),
	"heartbeat_failures_allowed":          integer(0, 1<<31, func(c *Config, v int) { c.Totem.HeartbeatFailuresAllowed = v }),
	"max_network_delay":                   millis(func(c *Config, v time.Duration) { c.Totem.MaxNetworkDelay = v }),
	"window_size":                         integer(1, 1<<31, func(c *Config, v int) { c.Totem.WindowSize = v }),
	"max_messages":                        integer(1, 1<<31, func(c *Config, v int) { c.Totem.MaxMessages = v }),
	"miss_count_const":                    integer(0, 1<<31, func(c *Config, v int) { c.Totem.MissCountConst = v }),
	"netmtu":                              integer(0, 1<<31, func(c *Config, v int) { c.Totem.NetMTU = v }),
	"knet_mtu":                            integer(0, 1<<31, func(c *Config, v int) { c.Totem.KnetMTU = v }),
	"knet_pmtud_interval":                 integer(0, 1<<31, func(c *Config, v int) { c.Totem.KnetPMTUDInterval = v }),
	"knet_compression_model":              text(func(c *Config, v string) { c.Totem.KnetCompressionModel = v }),
	"knet_compression_threshold":          integer(0, 1<<31, func(c *Config, v int) { c.Totem.KnetCompressionThreshold = v }),
	"knet_compression_level":              integer(0, 1<<31, func(c *Config, v int) { c.Totem.KnetCompressionLevel = v }),
	"block_unlisted_ips":                  boolean(func(c *Config, v bool) { c.Totem.BlockUnlistedIPs = v }),
	"cancel_token_hold_on_retransmit":     boolean(func(c *Config, v bool) { c.Totem.CancelTokenHoldOnRetransmit = v }),
	"clear_node_high_bit":                 boolean(func(c *Config, v bool) { c.Totem.ClearNodeHighBit = v }),
	"threads":                             ignored,
}

func ifaceField(set func(*Interface, *decoder, string, KeyValue) error) field {
	return func(d *decoder, path string, kv KeyValue) error {
		ifs := d.cfg.Totem.Interfaces
		return set(&ifs[len(ifs)-1], d, path, kv)
	}
}

func ifaceInt(lo, hi uint64, set func(*Interface, int)) field {
	return ifaceField(func(i *Interface, d *decoder, path string, kv KeyValue) error {
		v, err := d.uint(path, kv, lo, hi)
		set(i, int(v))
		return err
	})
}

var interfaceFields = map[string]field{
	"linknumber":          ifaceInt(0, 7, func(i *Interface, v int) { i.LinkNumber = v }),
	"ringnumber":          ifaceInt(0, 7, func(i *Interface, v int) { i.LinkNumber = v }),
	"knet_link_priority":  ifaceInt(0, 255, func(i *Interface, v int) { i.KnetLinkPriority = v }),
	"knet_ping_interval":  ifaceInt(0, 1<<32-1, func(i *Interface, v int) { i.KnetPingInterval = time.Duration(v) * time.Millisecond }),
	"knet_ping_timeout":   ifaceInt(0, 1<<32-1, func(i *Interface, v int) { i.KnetPingTimeout = time.Duration(v) * time.Millisecond }),
	"knet_ping_precision": ifaceInt(0, 1<<32-1, func(i *Interface, v int) { i.KnetPingPrecision = v }),
	"knet_pong_count":     ifaceInt(1, 255, func(i *Interface, v int) { i.KnetPongCount = v }),
	"mcastport":           ifaceInt(1, 65535, func(i *Interface, v int) { i.McastPort = v }),
	"ttl":                 ifaceInt(0, 255, func(i *Interface, v int) { i.TTL = v }),
	"knet_transport": ifaceField(func(i *Interface, d *decoder, path string, kv KeyValue) error {
		if kv.Value != "udp" && kv.Value != "sctp" {
			return d.errorf(kv.Line, "%s: %q is not one of udp, sctp", path, kv.Value)
		}
		if kv.Value == "sctp" {
			d.warn(kv.Line, "%s: gocrm runs over UDP; sctp is not supported and udp is used", path)
		}
		i.KnetTransport = "udp"
		return nil
	}),
	"bindnetaddr": ifaceField(func(i *Interface, _ *decoder, _ string, kv KeyValue) error { i.BindNetAddr = kv.Value; return nil }),
	"mcastaddr":   ifaceField(func(i *Interface, _ *decoder, _ string, kv KeyValue) error { i.McastAddr = kv.Value; return nil }),
	"broadcast": ifaceField(func(i *Interface, d *decoder, path string, kv KeyValue) error {
		v, err := d.boolean(path, kv)
		i.Broadcast = v
		return err
	}),
}

func (d *decoder) totem(s *Section) error {
	if err := d.decodeKeys("totem", s, totemFields); err != nil {
		return err
	}
	for _, sub := range s.Sections {
		if sub.Name != "interface" {
			d.warn(sub.Line, "unknown section %q in totem; it is ignored", sub.Name)
			continue
		}
		d.cfg.Totem.Interfaces = append(d.cfg.Totem.Interfaces, Interface{Line: sub.Line})
		if err := d.decodeKeys("totem.interface", sub, interfaceFields); err != nil {
			return err
		}
		for _, x := range sub.Sections {
			d.warn(x.Line, "unknown section %q in totem.interface; it is ignored", x.Name)
		}
	}
	return nil
}

func nodeField(set func(*ConfNode, *decoder, string, KeyValue) error) field {
	return func(d *decoder, path string, kv KeyValue) error {
		return set(&d.cfg.Nodes[len(d.cfg.Nodes)-1], d, path, kv)
	}
}

var nodeFields = func() map[string]field {
	f := map[string]field{
		"nodeid": nodeField(func(n *ConfNode, d *decoder, path string, kv KeyValue) error {
			v, err := d.uint(path, kv, 1, 1<<32-1)
			n.NodeID = uint32(v)
			return err
		}),
		"name": nodeField(func(n *ConfNode, _ *decoder, _ string, kv KeyValue) error { n.Name = kv.Value; return nil }),
		"quorum_votes": nodeField(func(n *ConfNode, d *decoder, path string, kv KeyValue) error {
			v, err := d.uint(path, kv, 0, 1<<32-1)
			n.QuorumVotes = uint32(v)
			return err
		}),
	}
	for i := range 8 {
		f[fmt.Sprintf("ring%d_addr", i)] = nodeField(func(n *ConfNode, _ *decoder, _ string, kv KeyValue) error {
			n.Addrs[i] = kv.Value
			return nil
		})
	}
	return f
}()

func (d *decoder) nodelist(s *Section) error {
	for _, kv := range s.Keys {
		d.warn(kv.Line, "unknown key %q in nodelist; it is ignored", kv.Key)
	}
	for _, sub := range s.Sections {
		if sub.Name != "node" {
			d.warn(sub.Line, "unknown section %q in nodelist; it is ignored", sub.Name)
			continue
		}
		d.cfg.Nodes = append(d.cfg.Nodes, ConfNode{QuorumVotes: 1, Line: sub.Line})
		if err := d.decodeKeys("nodelist.node", sub, nodeFields); err != nil {
			return err
		}
		for _, x := range sub.Sections {
			d.warn(x.Line, "unknown section %q in nodelist.node; it is ignored", x.Name)
		}
	}
	return nil
}

var quorumFields = map[string]field{
	"provider":       text(func(c *Config, v string) { c.Quorum.Provider = v }),
	"expected_votes": u32(func(c *Config, v uint32) { c.Quorum.ExpectedVotes = v }),
	"votes":          u32(func(c *Config, v uint32) { c.Quorum.Votes = v }),
	"two_node":       boolean(func(c *Config, v bool) { c.Quorum.TwoNode = v }),
	"wait_for_all": boolean(func(c *Config, v bool) {
		c.Quorum.WaitForAll, c.Quorum.WaitForAllSet = v, true
	}),
	"last_man_standing":        boolean(func(c *Config, v bool) { c.Quorum.LastManStanding = v }),
	"last_man_standing_window": millis(func(c *Config, v time.Duration) { c.Quorum.LastManStandingWindow = v }),
	"auto_tie_breaker":         boolean(func(c *Config, v bool) { c.Quorum.AutoTieBreaker = v }),
	"auto_tie_breaker_node":    text(func(c *Config, v string) { c.Quorum.AutoTieBreakerNode = v }),
	"allow_downscale":          boolean(func(c *Config, v bool) { c.Quorum.AllowDownscale = v }),
	"expected_votes_tracking":  boolean(func(c *Config, v bool) { c.Quorum.ExpectedVotesTracking = v }),
}

func (d *decoder) quorum(s *Section) error {
	if err := d.decodeKeys("quorum", s, quorumFields); err != nil {
		return err
	}
	for _, sub := range s.Sections {
		if sub.Name == "device" {
			d.warn(sub.Line, "quorum devices (qdevice) are not supported; quorum.device is ignored")
			continue
		}
		d.warn(sub.Line, "unknown section %q in quorum; it is ignored", sub.Name)
	}
	return nil
}

var priorities = []string{"alert", "crit", "debug", "emerg", "err", "info", "notice", "warning"}

func logFields(get func(*Config) *LogSettings) map[string]field {
	return map[string]field{
		"subsys":           text(func(c *Config, v string) { get(c).Subsys = v }),
		"to_stderr":        boolean(func(c *Config, v bool) { get(c).ToStderr = v }),
		"to_logfile":       boolean(func(c *Config, v bool) { get(c).ToLogfile = v }),
		"to_syslog":        boolean(func(c *Config, v bool) { get(c).ToSyslog = v }),
		"logfile":          text(func(c *Config, v string) { get(c).Logfile = v }),
		"logfile_priority": oneOf(priorities, func(c *Config, v string) { get(c).LogfilePriority = v }),
		"syslog_facility": oneOf([]string{"daemon", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"},
			func(c *Config, v string) { get(c).SyslogFacility = v }),
		"syslog_priority": oneOf(priorities, func(c *Config, v string) { get(c).SyslogPriority = v }),
		"debug":           oneOf([]string{"on", "off", "trace"}, func(c *Config, v string) { get(c).Debug = v }),
	}
}

func (d *decoder) logging(s *Section) error {
	top := logFields(func(c *Config) *LogSettings { return &c.Logging.LogSettings })
	delete(top, "subsys")
	top["timestamp"] = oneOf([]string{"on", "off", "hires"}, func(c *Config, v string) { c.Logging.Timestamp = v })
	top["fileline"] = boolean(func(c *Config, v bool) { c.Logging.FileLine = v })
	top["function_name"] = boolean(func(c *Config, v bool) { c.Logging.FunctionName = v })
	top["blackbox"] = boolean(func(c *Config, v bool) { c.Logging.Blackbox = v })
	if err := d.decodeKeys("logging", s, top); err != nil {
		return err
	}
	sub := logFields(func(c *Config) *LogSettings { return &c.Logging.Subsystems[len(c.Logging.Subsystems)-1] })
	for _, x := range s.Sections {
		if x.Name != "logger_subsys" {
			d.warn(x.Line, "unknown section %q in logging; it is ignored", x.Name)
			continue
		}
		d.cfg.Logging.Subsystems = append(d.cfg.Logging.Subsystems, d.cfg.Logging.LogSettings)
		d.cfg.Logging.Subsystems[len(d.cfg.Logging.Subsystems)-1].Subsys = ""
		if err := d.decodeKeys("logging.logger_subsys", x, sub); err != nil {
			return err
		}
		if d.cfg.Logging.Subsystems[len(d.cfg.Logging.Subsystems)-1].Subsys == "" {
			return d.errorf(x.Line, "logging.logger_subsys needs a subsys key naming the subsystem")
		}
	}
	return nil
}

// parseTieBreaker reads auto_tie_breaker_node: lowest, highest, or node ids
// separated by spaces.
func parseTieBreaker(s string) (mode string, ids []uint32, ok bool) {
	switch s {
	case "lowest", "highest":
		return s, nil, true
	}
	for _, f := range strings.Fields(s) {
		v, err := strconv.ParseUint(f, 10, 32)
		if err != nil || v == 0 {
			return "", nil, false
		}
		ids = append(ids, uint32(v))
	}
	return "list", ids, len(ids) > 0
}
