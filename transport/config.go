package transport

import (
	"errors"
	"fmt"
	"os"
	"time"
)

// ErrConfig is wrapped by the errors for corosync.conf files that parse
// but say something invalid.
var ErrConfig = errors.New("invalid configuration")

// Config is a corosync.conf file: the parts gocrm uses, typed, with
// corosync 3's defaults filled in (see DefaultConfig), and the warnings
// found while reading it.
type Config struct {
	File     string
	Totem    Totem
	Nodes    []ConfNode
	Quorum   Quorum
	Logging  Logging
	Warnings []string // "file:line: message"
	// Other keeps sections gocrm does not act on (system, resources,
	// nozzle), as parsed.
	Other []*Section
}

// Totem is the totem section. Durations are in milliseconds in the file.
type Totem struct {
	Version       int
	ClusterName   string
	ConfigVersion uint64
	Transport     string // knet (default), udpu, udp
	LinkMode      string // passive (default), active, rr
	IPVersion     string

	CryptoCipher string // none (default), aes256, aes192, aes128
	CryptoHash   string // none (default), md5, sha1, sha256, sha384, sha512
	CryptoModel  string // nss (default), openssl
	SecAuth      bool
	KeyFile      string // /etc/corosync/authkey
	Key          string // inline key, used when KeyFile is not set

	Token                           time.Duration // 3000 ms
	TokenCoefficient                time.Duration // 650 ms
	TokenWarning                    int           // percent, 75
	TokenRetransmit                 time.Duration // 0: computed
	Hold                            time.Duration // 0: computed
	TokenRetransmitsBeforeLossConst int           // 4
	Join                            time.Duration // 50 ms
	SendJoin                        time.Duration // 0
	Consensus                       time.Duration // 0: 1.2 × token
	Merge                           time.Duration // 200 ms
	Downcheck                       time.Duration // 1000 ms
	FailRecvConst                   int           // 2500
	SeqnoUnchangedConst             int           // 30
	HeartbeatFailuresAllowed        int           // 0
	MaxNetworkDelay                 time.Duration // 50 ms
	WindowSize                      int           // 50
	MaxMessages                     int           // 17
	MissCountConst                  int           // 5
	NetMTU                          int           // 65536 for knet, 1500 for udp(u)
	KnetMTU                         int           // 0: automatic
	KnetPMTUDInterval               int           // seconds, 30
	KnetCompressionModel            string        // none
	KnetCompressionThreshold        int
	KnetCompressionLevel            int
	BlockUnlistedIPs                bool // yes
	CancelTokenHoldOnRetransmit     bool
	ClearNodeHighBit                bool

	Interfaces []Interface // by link number
}

// Interface is a totem.interface section: one knet link.
type Interface struct {
	LinkNumber        int
	KnetLinkPriority  int           // 1
	KnetPingInterval  time.Duration // 0: token / (pong count × 2)
	KnetPingTimeout   time.Duration // 0: token / pong count
	KnetPingPrecision int           // 2048
	KnetPongCount     int           // 2
	KnetTransport     string        // udp
	McastPort         int           // 5405
	BindNetAddr       string
	McastAddr         string
	Broadcast         bool
	TTL               int // 1
	Line              int
}

// ConfNode is a nodelist.node section.
type ConfNode struct {
	NodeID      uint32
	Name        string
	Addrs       [8]string // ring0_addr..ring7_addr
	QuorumVotes uint32    // 1
	Line        int
}

// Quorum is the quorum section (votequorum(5)).
type Quorum struct {
	Provider              string // corosync_votequorum
	ExpectedVotes         uint32 // 0: from the nodelist
	Votes                 uint32 // deprecated per-node votes without a nodelist
	TwoNode               bool
	WaitForAll            bool // default: TwoNode
	WaitForAllSet         bool // wait_for_all was given explicitly
	LastManStanding       bool
	LastManStandingWindow time.Duration // 10000 ms
	AutoTieBreaker        bool
	AutoTieBreakerNode    string // lowest (default), highest, or node ids
	AllowDownscale        bool
	ExpectedVotesTracking bool
}

// Logging is the logging section; Subsystems are its logger_subsys
// sections, with the same keys.
type Logging struct {
	LogSettings
	Timestamp    string // hires
	FileLine     bool
	FunctionName bool
	Blackbox     bool // on
	Subsystems   []LogSettings
}

// LogSettings are the keys a logger_subsys section may override.
type LogSettings struct {
	Subsys          string
	ToStderr        bool // yes
	ToLogfile       bool
	ToSyslog        bool // yes
	Logfile         string
	LogfilePriority string // info
	SyslogFacility  string // daemon
	SyslogPriority  string // info
	Debug           string // off
}

// DefaultConfig returns the defaults corosync 3 documents in
// corosync.conf(5) and votequorum(5), before any file is read.
func DefaultConfig() *Config {
	return &Config{
		Totem: Totem{
			Version:                         2,
			Transport:                       "knet",
			LinkMode:                        "passive",
			CryptoCipher:                    "none",
			CryptoHash:                      "none",
			CryptoModel:                     "nss",
			KeyFile:                         "", // see KeyPath
			Token:                           3000 * time.Millisecond,
			TokenCoefficient:                650 * time.Millisecond,
			TokenWarning:                    75,
			TokenRetransmitsBeforeLossConst: 4,
			Join:                            50 * time.Millisecond,
			Merge:                           200 * time.Millisecond,
			Downcheck:                       1000 * time.Millisecond,
			FailRecvConst:                   2500,
			SeqnoUnchangedConst:             30,
			MaxNetworkDelay:                 50 * time.Millisecond,
			WindowSize:                      50,
			MaxMessages:                     17,
			MissCountConst:                  5,
			KnetPMTUDInterval:               30,
			KnetCompressionModel:            "none",
			BlockUnlistedIPs:                true,
		},
		Quorum: Quorum{LastManStandingWindow: 10 * time.Second, AutoTieBreakerNode: "lowest"},
		Logging: Logging{
			LogSettings: LogSettings{ToStderr: true, ToSyslog: true, LogfilePriority: "info",
				SyslogFacility: "daemon", SyslogPriority: "info", Debug: "off"},
			Timestamp: "hires",
			Blackbox:  true,
		},
	}
}

// DefaultKeyFile is where corosync and corosync-keygen keep the authkey.
const DefaultKeyFile = "/etc/corosync/authkey"

// KeyPath returns the authkey file: totem.keyfile, or the default.
func (c *Config) KeyPath() string {
	if c.Totem.KeyFile != "" {
		return c.Totem.KeyFile
	}
	return DefaultKeyFile
}

// LoadConfig reads and parses a corosync.conf file.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading cluster configuration: %w", err)
	}
	return ParseConfig(path, data)
}

// NodeByID returns the nodelist entry with the given id.
func (c *Config) NodeByID(id uint32) (ConfNode, bool) {
	for _, n := range c.Nodes {
		if n.NodeID == id {
			return n, true
		}
	}
	return ConfNode{}, false
}
