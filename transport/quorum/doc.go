// Package quorum decides whether a partition of the cluster may run
// resources, with the votequorum rules corosync 3 documents in votequorum(5):
//
//   - quorum = max(EV/2+1, TV/2+1) where EV is the highest expected votes
//     known among the members and TV the total votes present; expected votes
//     are sticky (they rise to the votes seen and never fall on their own) and
//     so is quorum;
//   - two_node sets quorum to 1 while at most two nodes are members and
//     implies wait_for_all;
//   - wait_for_all withholds quorum until every expected vote has been seen at
//     once, and re-arms whenever quorum is lost;
//   - last_man_standing lowers expected votes to the members present once a
//     membership that lost nodes has stayed quorate for
//     last_man_standing_window;
//   - auto_tie_breaker grants quorum to the half of an even split that holds
//     the lowest node id, the highest, or the first listed node id.
//
// A Tracker is a pure state machine: the membership protocol tells it about
// each new view (SyncInit), hands it every member's NodeInfo in the view's
// total order (Receive), and closes the exchange (SyncActivate). Time only
// enters through Tick. The numbers it keeps are the ones
// corosync-quorumtool -s prints (see Status).
package quorum
