package shell

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"gocrm/cib"
)

// runVerify checks the working copy (or, at the top level, the CIB).
// Exit status of a one-shot verify: 0 clean, 1 errors, 3 warnings only.
func runVerify(s *Session, c *Call) error {
	w, err := s.workspace()
	if err != nil {
		return err
	}
	nerr, nwarn := s.reportProblems(s.validate(w.work), false)
	switch {
	case nerr > 0:
		s.errs += nerr
		return fmt.Errorf("%d error(s) and %d warning(s) found", nerr, nwarn)
	case nwarn > 0:
		s.exitHint = max(s.exitHint, ExitWarnings)
	}
	return nil
}

func runCommit(s *Session, c *Call) error {
	force := false
	for i, a := range c.Args {
		switch a {
		case "force":
			force = true
		case "replace":
		default:
			return c.ArgError(i, "unexpected %q: want force or replace", a)
		}
	}
	err := s.commit(force)
	if errors.Is(err, errNothingToCommit) {
		s.infof("apparently there is nothing to commit")
		return nil
	}
	return err
}

func runRefresh(s *Session, c *Call) error {
	if s.work != nil && s.work.changed() && !s.ask("All changes will be dropped. Do you want to proceed?") {
		return nil
	}
	s.work = nil
	_, err := s.workspace()
	return err
}

// resourceRunning reports whether the status section says the resource
// (or an instance of it, for clones) is active on an online node: its
// last operation there succeeded and left it running.
func resourceRunning(c *cib.CIB, id string) bool {
	for _, ns := range c.Status.Nodes {
		if ns.LRM == nil || (ns.Crmd != "online" && !cib.IsTrue(ns.InCCM)) {
			continue
		}
		for _, r := range ns.LRM.Resources {
			base, _, _ := strings.Cut(r.ID, ":")
			if base != id {
				continue
			}
			if lastOpRunning(r.Ops) {
				return true
			}
		}
	}
	return false
}

// removedRunning returns the resources running according to cur's status
// that next no longer has.
func removedRunning(cur, next *cib.CIB) []string {
	have := map[string]bool{}
	for _, o := range listObjects(next) {
		have[o.ID] = true
	}
	var out []string
	for _, o := range listObjects(cur) {
		if slices.Contains(resourceKinds, o.Kind) && !have[o.ID] && resourceRunning(cur, o.ID) {
			out = append(out, o.ID)
		}
	}
	return out
}

func lastOpRunning(ops []*cib.LRMOp) bool {
	var last *cib.LRMOp
	lastCall := -1
	for _, op := range ops {
		var n int
		if _, err := fmt.Sscan(op.CallID, &n); err != nil {
			continue
		}
		if n > lastCall {
			last, lastCall = op, n
		}
	}
	if last == nil {
		return false
	}
	switch last.Operation {
	case "stop":
		return last.RCCode != "0"
	case "start", "promote", "demote", "migrate_from", "migrate_to", "monitor", "notify":
		return last.RCCode == "0" || last.RCCode == "8"
	}
	return false
}

func runDelete(s *Session, c *Call) error {
	w, err := s.workspace()
	if err != nil {
		return err
	}
	force := false
	var ids []string
	var idPos []int
	for i, a := range c.Args {
		if a == "-f" || a == "--force" {
			force = true
			continue
		}
		ids, idPos = append(ids, a), append(idPos, i)
	}
	if len(ids) == 0 {
		return fmt.Errorf("usage: %s", usageLine(c.Cmd))
	}
	// Check everything first: all or nothing.
	var errs errorList
	for i, id := range ids {
		kind := findObject(w.work, id)
		switch {
		case kind == "":
			errs = append(errs, c.ArgError(idPos[i], "%v", noObject(w.work, id)))
		case slices.Contains(resourceKinds, kind) && resourceRunning(w.work, id) && !force:
			errs = append(errs, c.ArgError(idPos[i], "resource %s is running, can't delete it (stop it first, or delete --force)", id))
		}
	}
	if len(errs) > 0 {
		return errs
	}
	defer w.touch()
	for _, id := range ids {
		if force && resourceRunning(w.work, id) {
			s.warnf("deleting %s, which is running", id)
		}
		removeObject(w.work, id)
		for _, k := range removeReferences(w.work, id) {
			s.infof("constraint %s on %s removed too", k, id)
		}
	}
	return nil
}

func runRename(s *Session, c *Call) error {
	w, err := s.workspace()
	if err != nil {
		return err
	}
	old, new := c.Args[0], c.Args[1]
	if findObject(w.work, old) == "" {
		return c.ArgError(0, "%v", noObject(w.work, old))
	}
	if e, ok := cib.NewIndex(w.work).Lookup(new); ok || findObject(w.work, new) != "" {
		what := new
		if ok {
			what = e.ObjectName()
		}
		return c.ArgError(1, "id %s is already in use (%s)", new, what)
	}
	if !validID(new) {
		return c.ArgError(1, "%q is not a valid id: it must start with a letter or _ and hold only letters, digits, '.', '-' and '_'", new)
	}
	renameObject(w.work, old, new)
	w.touch()
	return nil
}

// validID reports whether s is an XML id (an NCName, ASCII subset).
func validID(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r > 127:
		case i > 0 && (r == '-' || r == '.' || (r >= '0' && r <= '9')):
		default:
			return false
		}
	}
	return true
}

func runErase(s *Session, c *Call) error {
	w, err := s.workspace()
	if err != nil {
		return err
	}
	nodes := false
	if len(c.Args) > 0 {
		if c.Args[0] != "nodes" {
			return c.ArgError(0, "expected nodes, found %q", c.Args[0])
		}
		nodes = true
	}
	var running []string
	for _, o := range listObjects(w.work) {
		if slices.Contains(resourceKinds, o.Kind) && resourceRunning(w.work, o.ID) {
			running = append(running, o.ID)
		}
	}
	if len(running) > 0 {
		return fmt.Errorf("resources %s are running; erase aborted (nothing was deleted)", strings.Join(running, ", "))
	}
	erase(w.work, nodes)
	w.touch()
	return nil
}

// erase removes every object of the configuration, keeping the nodes
// unless nodes is set.
func erase(c *cib.CIB, nodes bool) {
	keep := c.Config.Nodes
	c.Config = cib.Configuration{}
	if !nodes {
		c.Config.Nodes = keep
	}
}

func runGetProperty(s *Session, c *Call) error {
	w, err := s.workspace()
	if err != nil {
		return err
	}
	truth := false
	var names []string
	for _, a := range c.Args {
		if a == "-t" || a == "--true" {
			truth = true
		} else {
			names = append(names, a)
		}
	}
	if len(names) == 0 {
		s.printf("%s", columns(cib.ClusterOptions.Names(), 80))
		return nil
	}
	for i, n := range names {
		v, ok := cib.Lookup(w.work.Config.CRMConfig, n)
		if !ok {
			v, ok = cib.ClusterOptions.Default(n), cib.ClusterOptions.Default(n) != ""
		}
		switch {
		case truth:
			s.printf("%v\n", ok && cib.IsTrue(v))
		case !ok:
			msg := fmt.Sprintf("%s: property not set", n)
			if sug := cib.ClusterOptions.Suggest(n); sug != "" && sug != n {
				msg += fmt.Sprintf(" (did you mean %s?)", sug)
			}
			return c.ArgError(i, "%s", msg)
		default:
			s.printf("%s\n", v)
		}
	}
	return nil
}
