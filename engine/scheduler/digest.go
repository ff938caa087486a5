package scheduler

import (
	"crypto/md5"
	"encoding/hex"
	"sort"
	"strings"

	"gocrm/cib"
)

// rscParams are a primitive's instance attributes as seen on node n (rules
// evaluated with the node's attributes; n may be nil).
func (c *cluster) rscParams(r *resource, n *node) map[string]string {
	if r.prim == nil {
		return map[string]string{}
	}
	// Without rules the parameters do not depend on the node: compute
	// them once (callers get their own copy).
	if !setsHaveRules(r.prim.Params) {
		if c.paramCache == nil {
			c.paramCache = map[*resource]map[string]string{}
		}
		base, ok := c.paramCache[r]
		if !ok {
			base = map[string]string{}
			evalNVSets(c, r.prim.Params, nil, base, ruleCtx{now: c.now, class: r.class, provider: r.provider, agent: r.agent})
			c.paramCache[r] = base
		}
		out := make(map[string]string, len(base)+1)
		for k, v := range base {
			out[k] = v
		}
		return out
	}
	out := map[string]string{}
	ctx := ruleCtx{now: c.now, class: r.class, provider: r.provider, agent: r.agent}
	if n != nil {
		ctx.attrs = n.attrs
	}
	evalNVSets(c, r.prim.Params, n, out, ctx)
	return out
}

// digestParams builds the parameter set Pacemaker hashes for an operation:
// instance attributes, the operation's own parameters and, for recurring
// operations, its timeout.
func (c *cluster) digestParams(r *resource, task string, interval int, n *node) map[string]string {
	p := c.rscParams(r, n)
	d := c.findOpDef(r, task, interval)
	if d != nil {
		for k, v := range d.params {
			p[k] = v
		}
	}
	for k := range p {
		if k == "id" || k == "crm_feature_set" || k == "op-digest" || k == "on_node" || k == "on_node_uuid" ||
			k == "pcmk_external_ip" || strings.HasPrefix(k, "CRM_meta_") {
			delete(p, k)
		}
	}
	if interval > 0 {
		p["CRM_meta_timeout"] = itoa(c.opTimeoutMS(r, task, interval))
	}
	return p
}

// paramsDigest is the MD5 of Pacemaker's canonical form of a parameter
// set: attributes sorted by name in a <parameters> element, written with a
// leading space and a trailing newline.
func paramsDigest(p map[string]string, only map[string]bool) string {
	keys := make([]string, 0, len(p))
	for k := range p {
		if only != nil && !only[k] {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(" <parameters")
	for _, k := range keys {
		b.WriteByte(' ')
		b.WriteString(k)
		b.WriteString(`="`)
		b.WriteString(xmlEscape(p[k]))
		b.WriteByte('"')
	}
	b.WriteString("/>\n")
	sum := md5.Sum([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

func xmlEscape(s string) string {
	if !strings.ContainsAny(s, "<>&\"\n\r\t") {
		return s
	}
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "\n", "&#10;", "\r", "&#13;", "\t", "&#9;")
	return r.Replace(s)
}

const (
	digestMatch = iota
	digestAll
	digestRestart
	digestUnknown
)

func (c *cluster) digestCompare(r *resource, o *cib.LRMOp, task string, n *node) int {
	interval := atoiDefault(o.Interval, 0)
	p := c.digestParams(r, task, interval, n)
	all := paramsDigest(p, nil)
	rc := digestMatch
	if c.forceReschedule[o] {
		rc = digestRestart
	}
	implied := false
	if interval == 0 {
		if d := c.findOpDef(r, task, interval); d != nil && len(d.params) > 0 {
			implied = true
		}
	}
	if o.OpRestartDigest != "" {
		only := map[string]bool{}
		for _, f := range strings.Fields(o.OpForceRestart) {
			only[f] = true
		}
		if paramsDigest(p, only) != o.OpRestartDigest {
			rc = digestRestart
		}
	}
	switch {
	case rc == digestRestart:
	case o.OpDigest == "":
		rc = digestUnknown
	case o.OpDigest != all:
		if implied {
			rc = digestRestart
		} else {
			rc = digestAll
		}
	}
	if rc != digestMatch && o.OpSecureDigest != "" && c.onlySanitizedChanged(r, o, p, n) {
		return digestMatch
	}
	return rc
}

// onlySanitizedChanged reports whether the only parameters that differ are
// the secret ones a sanitized CIB masks (as crm_simulate does, the history
// is then compared by its secure digest).
func (c *cluster) onlySanitizedChanged(r *resource, o *cib.LRMOp, all map[string]string, n *node) bool {
	secure := " " + o.OpSecureParams + " "
	old := cib.CompareVersions(o.CRMFeatureSet, "3.16.0") < 0
	p := all
	if old {
		p = c.rscParams(r, n)
	}
	q := map[string]string{}
	for k, v := range p {
		if strings.Contains(secure, " "+k+" ") {
			continue
		}
		if old && r.class == "stonith" && stonithParam(k) {
			continue
		}
		q[k] = v
	}
	return paramsDigest(q, nil) == o.OpSecureDigest
}

// stonithParam reports whether a parameter is one Pacemaker itself
// interprets for fence devices (pcmk_stonith_param).
func stonithParam(k string) bool {
	switch k {
	case "provides", "stonith-timeout", "pcmk_action_limit", "pcmk_delay_base", "pcmk_delay_max",
		"pcmk_host_argument", "pcmk_host_check", "pcmk_host_list", "pcmk_host_map":
		return true
	}
	if !strings.HasPrefix(k, "pcmk_") {
		return false
	}
	rest := k[5:]
	i := strings.IndexByte(rest, '_')
	if i < 0 {
		return false
	}
	switch rest[i:] {
	case "_action", "_timeout", "_retries":
		return true
	}
	return false
}

// handleConfigChanges compares each active resource's operation history
// with its current definition: changed parameters restart (or reload) the
// resource, recurring operations no longer configured are cancelled.
func (c *cluster) handleConfigChanges() {
	for _, n := range c.nodes {
		if !(n.maintenance || n.available()) {
			continue
		}
		for i := range c.nodeHistory[n.idx] {
			h := &c.nodeHistory[n.idx][i]
			c.processRscHistory(h.rsc, n, h, h.lr)
		}
	}
}

func (c *cluster) processRscHistory(r *resource, n *node, h *historyEntry, lr *cib.LRMResource) {
	if r.has(fOrphan) {
		// Orphaned instances of anonymous clones keep their history.
		if top := r.top(); top.kind != kindClone || top.has(fUnique) {
			c.deleteRsc(r, n, false)
		}
		return
	}
	running := false
	for _, x := range r.runningOn {
		if x == n {
			running = true
		}
	}
	if !running {
		if c.checkRscParameters(r, n, lr, false) {
			c.deleteRsc(r, n, false)
		}
		return
	}
	if c.checkRscParameters(r, n, lr, true) {
		c.deleteRsc(r, n, false)
	}
	if r.has(fMaintenance) {
		c.clearFailcount(r, n, "maintenance mode")
	}
	if h.startIndex < h.stopIndex {
		return
	}
	for i, o := range h.ops {
		if i < h.startIndex {
			continue
		}
		interval := atoiDefault(o.Interval, 0)
		task := o.Operation
		if interval > 0 && (r.has(fMaintenance) || n.maintenance) {
			c.cancelAction(r, task, interval, n)
		} else if interval > 0 || task == "monitor" || task == "start" || task == "promote" || task == "migrate_from" {
			if c.checkActionConfig(r, n, o) {
				if fc, _ := c.failCount(r, n, true); fc != 0 {
					c.clearFailcount(r, n, "action definition changed")
				}
			}
		}
	}
}

// checkRscParameters forces a restart when a resource's agent changed.
func (c *cluster) checkRscParameters(r *resource, n *node, lr *cib.LRMResource, active bool) bool {
	changed := lr.Class != r.class || lr.Type != r.agent
	if lr.Provider != "" && r.provider != "" && lr.Provider != r.provider {
		changed = true
	}
	if changed && active {
		c.stopAction(r, n, false)
		r.set(fStartPending)
	}
	return changed
}

// deleteRsc removes a resource's history from a node (DeleteRsc).
func (c *cluster) deleteRsc(r *resource, n *node, optional bool) {
	if r.has(fFailed) || n == nil || n.unclean || !n.online {
		return
	}
	c.customAction(r, r.key("delete"), "delete", n, optional, true)
	f := oOptional
	if optional {
		f = oImpliesThen
	}
	c.orderRscActions(r, "stop", r, "delete", f)
	c.orderRscActions(r, "delete", r, "start", f)
}

func (c *cluster) checkActionConfig(r *resource, n *node, o *cib.LRMOp) bool {
	task := o.Operation
	interval := atoiDefault(o.Interval, 0)
	if interval > 0 {
		d := c.findOpDef(r, task, interval)
		if d == nil || !d.enabled {
			if c.stopOrphanActions {
				c.cancelAction(r, task, interval, n)
			}
			return true
		}
	}
	dtask := task
	if interval == 0 && (task == "monitor" || task == "migrate_from" || task == "promote") {
		dtask = "start"
	}
	switch c.digestCompare(r, o, dtask, n) {
	case digestRestart:
		c.forceRestart(r, dtask, interval)
		return true
	case digestAll, digestUnknown:
		if interval > 0 {
			mon := c.customAction(r, opKey(r.id, task, interval), task, n, true, true)
			mon.reschedule = true
		} else if o.OpRestartDigest != "" {
			r.set(fReload)
			a := c.customAction(r, r.key("reload-agent"), "reload-agent", n, false, true)
			a.setReason("resource definition change", false)
			// a required stop or demote cancels the reload
			c.newOrdering(nil, "", a, r, r.key("stop"), nil, oOptional|oThenCancelsFirst)
			c.newOrdering(nil, "", a, r, r.key("demote"), nil, oOptional|oThenCancelsFirst)
		} else {
			c.forceRestart(r, dtask, interval)
		}
		return true
	}
	return false
}

func (c *cluster) forceRestart(r *resource, task string, interval int) {
	a := c.customAction(r, opKey(r.id, task, interval), task, nil, false, true)
	a.setReason("resource definition change", true)
}

// ParamsDigest is the op-digest Pacemaker records for an operation run
// with the given parameters (already filtered as GraphAction.Params is).
func ParamsDigest(p map[string]string) string { return paramsDigest(p, nil) }

func setsHaveRules(sets []*cib.NVSet) bool {
	for _, s := range sets {
		if len(s.Rules) > 0 || s.IDRef != "" {
			return true
		}
	}
	return false
}
