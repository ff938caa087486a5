package scheduler

import (
	"strconv"
	"strings"

	"gocrm/cib"
)

// targetRCFromKey extracts the expected result from a transition key
// (action:transition:target-rc:uuid); -1 when absent.
func targetRCFromKey(k string) int {
	i := strings.IndexByte(k, ':')
	if i < 0 {
		return -1
	}
	j := strings.IndexByte(k[i+1:], ':')
	if j < 0 {
		return -1
	}
	rest := k[i+1+j+1:]
	e := strings.IndexByte(rest, ':')
	if e < 0 {
		return -1
	}
	n, ok := fastAtoi(rest[:e])
	if !ok {
		return -1
	}
	return n
}

func magicTransitionID(m string) (uuid string, id int, ok bool) {
	// status:rc;action:transition:target:uuid
	i := strings.IndexByte(m, ';')
	if i < 0 {
		return "", 0, false
	}
	parts := strings.SplitN(m[i+1:], ":", 4)
	if len(parts) < 4 {
		return "", 0, false
	}
	id, err := strconv.Atoi(parts[1])
	if err != nil {
		return "", 0, false
	}
	return parts[3], id, true
}

// compareOps orders history entries the way Pacemaker's sort_op_by_callid
// does (call id, then last-rc-change, pending operations by transition).
func compareOps(a, b *cib.LRMOp) int {
	// Entries without on_node (older CIBs, or results injected by a
	// simulation) count as being on the same node as each other.
	return compareOpsOn(a, b, a.OnNode == b.OnNode)
}

// compareOpsOn is compareOps with the same-node question answered by the
// caller.
func compareOpsOn(a, b *cib.LRMOp, sameNode bool) int {
	if sameNode && a.ID == b.ID {
		return 0
	}
	ac, bc := atoiDefault(a.CallID, -1), atoiDefault(b.CallID, -1)
	switch {
	case ac == -1 && bc == -1:
		return 0
	case sameNode && ac >= 0 && ac < bc:
		return -1
	case sameNode && bc >= 0 && ac > bc:
		return 1
	case ac >= 0 && bc >= 0 && (!sameNode || ac == bc):
		la, err1 := strconv.ParseInt(a.LastRCChange, 10, 64)
		lb, err2 := strconv.ParseInt(b.LastRCChange, 10, 64)
		if err1 != nil {
			la = -1
		}
		if err2 != nil {
			lb = -1
		}
		if la >= 0 && la < lb {
			return -1
		}
		if lb >= 0 && la > lb {
			return 1
		}
		return 0
	}
	au, aid, ok1 := magicTransitionID(a.TransitionMagic)
	bu, bid, ok2 := magicTransitionID(b.TransitionMagic)
	if !ok1 || !ok2 {
		return 0
	}
	if au != bu || aid == bid {
		if bc == -1 {
			return -1
		}
		if ac == -1 {
			return 1
		}
	} else if (aid >= 0 && aid < bid) || bid == -1 {
		return -1
	} else if (bid >= 0 && aid > bid) || aid == -1 {
		return 1
	}
	return 0
}

// glibSort sorts like GLib's g_list_sort (a top-down merge sort that keeps
// equal elements in order), so that comparators that are not strict weak
// orders give the same result as Pacemaker. It sorts in place.
func glibSort[T any](list []T, cmp func(a, b T) int) []T {
	switch len(list) {
	case 0, 1:
		return list
	case 2:
		if cmp(list[0], list[1]) > 0 {
			list[0], list[1] = list[1], list[0]
		}
		return list
	}
	tmp := make([]T, len(list))
	glibSortRec(list, tmp, cmp)
	return list
}

func glibSortRec[T any](list, tmp []T, cmp func(a, b T) int) {
	n := len(list)
	if n < 2 {
		return
	}
	h := n / 2
	glibSortRec(list[:h], tmp[:h], cmp)
	glibSortRec(list[h:], tmp[h:], cmp)
	copy(tmp, list)
	left, right := tmp[:h], tmp[h:n]
	i, j, k := 0, 0, 0
	for i < len(left) && j < len(right) {
		if cmp(left[i], right[j]) <= 0 {
			list[k] = left[i]
			i++
		} else {
			list[k] = right[j]
			j++
		}
		k++
	}
	k += copy(list[k:], left[i:])
	copy(list[k:], right[j:])
}

// opsStrictlySorted reports whether a history is already strictly in the
// order the sort produces (the common case), so no copy is needed.
func opsStrictlySorted(ops []*cib.LRMOp) bool {
	for i := 1; i < len(ops); i++ {
		if compareOps(ops[i-1], ops[i]) >= 0 {
			return false
		}
	}
	return true
}

// activeRange is calculate_active_ops: the index of the last start and of
// the last successful stop in a sorted history.
func activeRange(ops []*cib.LRMOp) (start, stop int) {
	start, stop = -1, -1
	impliedMonitor, impliedClone := -1, -1
	for i, o := range ops {
		switch {
		case o.Operation == "stop" && o.OpStatus == "0":
			stop = i
		case o.Operation == "start" || o.Operation == "migrate_from":
			start = i
		case impliedMonitor <= stop && o.Operation == "monitor":
			if o.RCCode == "0" || o.RCCode == "8" {
				impliedMonitor = i
			}
		case o.Operation == "promote" || o.Operation == "demote":
			impliedClone = i
		}
	}
	if start == -1 {
		if impliedClone != -1 {
			start = impliedClone
		} else if impliedMonitor != -1 {
			start = impliedMonitor
		}
	}
	return start, stop
}
