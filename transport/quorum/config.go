package quorum

import (
	"errors"
	"fmt"
	"time"
)

// TieBreaker selects the auto_tie_breaker rule.
type TieBreaker int

// auto_tie_breaker modes (votequorum(5), auto_tie_breaker_node).
const (
	TieBreakerNone    TieBreaker = iota // auto_tie_breaker: 0 (the default)
	TieBreakerLowest                    // lowest node id present wins (the default when enabled)
	TieBreakerHighest                   // highest node id present wins
	TieBreakerList                      // the first node of TieBreakerNodes present wins
)

// DefaultLastManStandingWindow is votequorum's last_man_standing_window
// default (10 seconds).
const DefaultLastManStandingWindow = 10 * time.Second

// Config is one node's votequorum configuration.
type Config struct {
	// NodeID is this node's id (nodelist.node.nodeid).
	NodeID uint32
	// Votes is this node's votes (nodelist.node.quorum_votes, default 1;
	// 0 is a node without a vote).
	Votes uint32
	// ExpectedVotes is quorum.expected_votes when set, otherwise the sum of
	// the votes of the nodelist.
	ExpectedVotes uint32
	// NodeCount is the number of nodes in the nodelist (0 without one).
	NodeCount int
	// TwoNode is quorum.two_node (default off).
	TwoNode bool
	// WaitForAll is quorum.wait_for_all (default: on with two_node, else off).
	WaitForAll bool
	// LastManStanding is quorum.last_man_standing (default off) and
	// LastManStandingWindow its window (default 10 s).
	LastManStanding       bool
	LastManStandingWindow time.Duration
	// TieBreaker and TieBreakerNodes are quorum.auto_tie_breaker and
	// quorum.auto_tie_breaker_node.
	TieBreaker      TieBreaker
	TieBreakerNodes []uint32
}

// ErrConfig is wrapped by the errors Normalize returns.
var ErrConfig = errors.New("quorum configuration error")

// Normalize applies votequorum's start-up rules to a configuration: it
// returns the configuration votequorum would run with, the warnings it would
// log for the features it switches off, and an error for the combinations it
// refuses to start with.
func (c Config) Normalize() (Config, []string, error) {
	var warns []string
	if c.ExpectedVotes == 0 {
		return c, nil, fmt.Errorf("%w: nodelist or quorum.expected_votes must be configured", ErrConfig)
	}
	if c.LastManStandingWindow <= 0 {
		c.LastManStandingWindow = DefaultLastManStandingWindow
	}
	if c.TieBreaker == TieBreakerList && len(c.TieBreakerNodes) == 0 {
		warns = append(warns, "quorum.auto_tie_breaker_node must be 'lowest', 'highest' or a space-separated list of node ids; auto_tie_breaker is disabled")
		c.TieBreaker = TieBreakerNone
	}
	if c.TwoNode && c.TieBreaker != TieBreakerNone {
		warns = append(warns, "quorum.two_node and quorum.auto_tie_breaker are not compatible; two_node is disabled")
		c.TwoNode = false
	}
	if c.TwoNode && c.NodeCount > 2 {
		warns = append(warns, fmt.Sprintf("quorum.two_node is set but the nodelist has %d nodes; it is ignored", c.NodeCount))
		c.TwoNode = false
	}
	if c.TieBreaker != TieBreakerNone && c.ExpectedVotes%2 == 1 && !c.WaitForAll {
		if c.LastManStanding {
			return c, warns, fmt.Errorf("%w: auto_tie_breaker and last_man_standing need wait_for_all in a cluster with an odd number of votes", ErrConfig)
		}
		warns = append(warns, "quorum.auto_tie_breaker needs quorum.wait_for_all with an odd number of votes; auto_tie_breaker is disabled")
		c.TieBreaker = TieBreakerNone
	}
	return c, warns, nil
}
