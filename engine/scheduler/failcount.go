package scheduler

import (
	"strconv"
	"strings"
)

// failCount is pe_get_failcount: the sum of the resource's fail-count node
// attributes on n (fail-count-RSC and fail-count-RSC#op_interval), zero
// when the failure-timeout has passed (if effective is set). It also
// returns the time of the last failure.
func (c *cluster) failCount(r *resource, n *node, effective bool) (int, int64) {
	name := r.id
	anonymous := r.cloneBase != "" && !r.has(fUnique)
	if anonymous {
		name = r.cloneBase
	}
	if n.fails == nil {
		n.fails = parseFailAttrs(n.attrs)
	}
	var total Score
	var last int64
	found := false
	for key, f := range n.fails {
		// An anonymous instance's counts may be recorded under any
		// instance number (RSC:N), as older versions did.
		if key != name && !(anonymous && isInstanceOf(key, name)) {
			continue
		}
		found = true
		total = add(total, f.count)
		if f.last > last {
			last = f.last
		}
	}
	if !found {
		return 0, 0
	}
	if effective && total > 0 && r.failureTimeout > 0 && last > 0 {
		if c.now.Unix() > last+int64(r.failureTimeout) {
			total = 0
		}
	}
	return int(total), last
}

// isInstanceOf reports whether id is base:N for a number N.
func isInstanceOf(id, base string) bool {
	if len(id) <= len(base)+1 || id[:len(base)] != base || id[len(base)] != ':' {
		return false
	}
	for _, ch := range id[len(base)+1:] {
		if ch < '0' || ch > '9' {
			return false
		}
	}
	return true
}

type failInfo struct {
	count Score
	last  int64
}

// parseFailAttrs collects a node's fail-count-RSC[#op_interval] and
// last-failure-RSC[#op_interval] attributes by resource.
func parseFailAttrs(attrs map[string]string) map[string]*failInfo {
	out := map[string]*failInfo{}
	get := func(name string) *failInfo {
		if i := strings.IndexByte(name, '#'); i >= 0 {
			name = name[:i]
		}
		f := out[name]
		if f == nil {
			f = &failInfo{}
			out[name] = f
		}
		return f
	}
	for k, v := range attrs {
		switch {
		case strings.HasPrefix(k, "fail-count-"):
			if s, err := parseScoreLoose(v); err == nil {
				f := get(k[len("fail-count-"):])
				f.count = add(f.count, s)
			}
		case strings.HasPrefix(k, "last-failure-"):
			if t, err := strconv.ParseInt(v, 10, 64); err == nil {
				f := get(k[len("last-failure-"):])
				if t > f.last {
					f.last = t
				}
			}
		}
	}
	return out
}

func parseScoreLoose(v string) (Score, error) {
	v = strings.TrimSpace(v)
	switch strings.ToLower(v) {
	case "infinity", "+infinity":
		return inf, nil
	case "-infinity":
		return negInf, nil
	}
	n, ok := scanLL(v)
	if !ok {
		return 0, strconv.ErrSyntax
	}
	if n > int64(inf) {
		n = int64(inf)
	}
	if n < -int64(inf) {
		n = -int64(inf)
	}
	return Score(n), nil
}

// checkOperationExpiry reports whether a failed history entry is older
// than the resource's failure-timeout, scheduling a fail-count clear when
// the whole fail-count has expired.
func (c *cluster) checkOperationExpiry(r *resource, n *node, oi opInfo) bool {
	expired := false
	unexpired := 0
	isLastFailure := strings.HasSuffix(oi.op.ID, "_last_failure_0")
	if r.failureTimeout > 0 && oi.op.LastRCChange != "" {
		if c.now.Unix() >= oi.lastRC+int64(r.failureTimeout) {
			expired = true
		}
		unexpired, _ = c.failCount(r, n, true)
	}
	clearReason := ""
	if expired {
		if fc, _ := c.failCount(r, n, false); fc != 0 {
			if unexpired == 0 {
				clearReason = "it expired"
			} else {
				expired = false
			}
		}
	}
	_ = isLastFailure
	if clearReason != "" {
		c.clearFailcount(r, n, clearReason)
	}
	if expired && oi.interval == 0 && oi.task == "monitor" {
		switch oi.rc {
		case ocfOK, ocfNotRunning, ocfRunningPromoted, ocfDegraded, ocfDegradedPromoted:
			expired = false
		}
	}
	return expired
}

// clearFailcount schedules a clear_failcount cluster action.
func (c *cluster) clearFailcount(r *resource, n *node, reason string) *action {
	a := c.customAction(r, r.key("clear_failcount"), "clear_failcount", n, false, true)
	a.set(aDC)
	a.setReason(reason, false)
	return a
}

// scanLL parses a leading integer the way strtoll does, ignoring trailing
// characters ("1.0" is 1).
func scanLL(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j == i {
		return 0, false
	}
	n, err := strconv.ParseInt(s[:j], 10, 64)
	if err != nil {
		if s[0] == '-' {
			return -int64(inf), true
		}
		return int64(inf), true
	}
	return n, true
}
