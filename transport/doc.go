// Package transport is gocrm's cluster transport: the part Corosync plays
// under Pacemaker. It reads corosync.conf and the corosync authkey, and runs
// the protocol of package transport/proto on real UDP sockets.
//
// Configuration:
//
//	cfg, err := transport.LoadConfig("/etc/corosync/corosync.conf")
//	// cfg.Warnings: unknown keys and the like, "file:line: message"
//	rt := cfg.Runtime() // the timeouts corosync derives (token, consensus, ...)
//
// ParseConfig reads corosync.conf syntax with corosync 3's defaults;
// malformed files fail with "file:line: message". ReadAuthKey and
// WriteAuthKey handle corosync-keygen authkeys (128 to 4096 bytes, mode
// 0400).
//
// A running node:
//
//	n, err := transport.Start(cfg, transport.Options{StateDir: "/var/lib/gocrm"})
//	n.JoinGroup("crmd")
//	go func() {
//		for e := range n.Events() { ... } // views, messages, groups, quorum, links
//	}()
//	err = n.Send(ctx, "crmd", payload) // waits when the send queue is full
//	n.Leave()                          // the others see it go at once
//
// Status text for the shell: CfgtoolStatus (corosync-cfgtool -s),
// QuorumtoolStatus (corosync-quorumtool -s) and QuorumtoolList
// (corosync-quorumtool -l), from Node.Status.
//
// Subpackages: proto (the protocol state machine), quorum (votequorum's
// rules), simnet (an in-memory network and simulator for tests and for the
// node daemon's simulator).
package transport
