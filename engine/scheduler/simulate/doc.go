// Package simulate renders and replays scheduler transitions the way
// crm_simulate 2.1.5 does: the current cluster status, the allocation
// scores, the Transition Summary, a simulated execution of the transition
// graph (every action succeeds and is recorded in a copy of the status
// section) and the revised cluster status computed from that copy. It also
// renders the explain table (why a resource lands where it does).
//
// Like the scheduler it is pure: the caller passes the CIB and "now"; no
// clock, files or processes are used.
package simulate
