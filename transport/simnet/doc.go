// Package simnet is a deterministic, in-memory stand-in for the network and
// the clock, to run protocol state machines in one goroutine on virtual
// time.
//
// A Scheduler runs events in time order (ties in the order they were
// scheduled). A Network carries datagrams between (node, link) endpoints
// and, driven by a seeded random source, drops, delays, duplicates and
// reorders them; it partitions nodes, cuts single links and takes crashed
// nodes off the wire. Cluster runs transport/proto nodes over both, with
// crash and restart (a restarted node keeps what it persisted, as on disk),
// and Checker verifies the membership and ordering guarantees after every
// step. The same seed gives the same run, event for event.
package simnet
