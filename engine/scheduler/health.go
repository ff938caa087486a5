package scheduler

import (
	"strings"

	"gocrm/cib"
)

// Node health (node-health-strategy): #health-* node attributes become
// location scores for every resource, and unhealthy nodes are shown with
// their health.

type healthScores struct{ red, yellow, green Score }

func (c *cluster) healthStrategy() (string, healthScores) {
	s := strings.ToLower(c.prop("node-health-strategy", "none"))
	var h healthScores
	switch s {
	case "migrate-on-red":
		h = healthScores{red: negInf}
	case "only-green":
		h = healthScores{red: negInf, yellow: negInf}
	case "progressive", "custom":
		h.red, _ = cib.ParseScore(c.prop("node-health-red", "0"))
		h.yellow, _ = cib.ParseScore(c.prop("node-health-yellow", "0"))
		h.green, _ = cib.ParseScore(c.prop("node-health-green", "0"))
	default:
		return "none", h
	}
	return s, h
}

func healthValue(v string, h healthScores) Score {
	switch strings.ToLower(v) {
	case "red":
		return h.red
	case "yellow":
		return h.yellow
	case "green":
		return h.green
	}
	s, _ := parseScoreLoose(v)
	return s
}

// applyNodeHealth adds a location score per node from its health.
func (c *cluster) applyNodeHealth() {
	strategy, h := c.healthStrategy()
	if strategy == "none" {
		return
	}
	base := Score(0)
	if strategy == "progressive" {
		base, _ = cib.ParseScore(c.prop("node-health-base", "0"))
	}
	for _, n := range c.nodes {
		health := base
		for k, v := range n.attrs {
			if strings.HasPrefix(k, "#health") {
				health = add(healthValue(v, h), health)
			}
		}
		if health == 0 {
			continue
		}
		for _, r := range c.resources {
			if health < 0 && cib.IsTrue(r.meta["allow-unhealthy-nodes"]) {
				continue
			}
			c.locations = append(c.locations, &location{id: strategy, rsc: r, nodes: []nodeScore{{n, health}}})
		}
	}
}

// healthText is how a node's health is shown: "" (green or no strategy),
// "YELLOW" or "RED".
func (c *cluster) healthText(n *node) string {
	strategy, h := c.healthStrategy()
	if strategy == "none" {
		return ""
	}
	rc := 1
	for k, v := range n.attrs {
		if !strings.HasPrefix(k, "#health") {
			continue
		}
		switch strings.ToLower(v) {
		case "red":
			return "RED"
		case "yellow":
			rc = 0
			continue
		}
		s, _ := parseScoreLoose(v)
		if s <= h.red {
			return "RED"
		}
		if s <= h.yellow && h.yellow != h.green {
			rc = 0
		}
	}
	if rc == 0 {
		return "YELLOW"
	}
	return ""
}
