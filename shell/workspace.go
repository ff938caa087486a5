package shell

import (
	"errors"
	"fmt"
	"strings"

	"gocrm/cib"
	"gocrm/grammar"
)

// workspace is configure's working copy: the CIB as loaded, and the copy
// the statements change. Pending changes are the difference between them.
type workspace struct {
	backend Backend
	loaded  *cib.CIB // as loaded; never changed
	work    *cib.CIB
	b       *grammar.Builder // applies statements to work; nil after touch
}

func (w *workspace) changed() bool { return !sameCIB(w.loaded, w.work) }

// set replaces the working copy.
func (w *workspace) set(c *cib.CIB) {
	w.work = c
	w.b = nil
}

// workspace returns the working copy, loading the CIB on first use.
func (s *Session) workspace() (*workspace, error) {
	if s.work != nil {
		return s.work, nil
	}
	b, err := s.openBackend()
	if err != nil {
		return nil, err
	}
	c, err := b.Load()
	if errors.Is(err, ErrNewCIB) {
		s.infof("%v", err)
		err = nil
	}
	if err != nil {
		return nil, err
	}
	s.work = &workspace{backend: b, loaded: c, work: cloneCIB(c)}
	return s.work, nil
}

// validate checks a CIB, with agent meta-data for the parameter checks.
func (s *Session) validate(c *cib.CIB) []cib.Problem {
	return cib.Validate(c, cib.ValidateOptions{Metadata: s.metadataFunc})
}

// metadataFunc gives validation the meta-data of installed agents.
func (s *Session) metadataFunc(class, provider, typ string) (*cib.AgentMetadata, error) {
	name := class + ":" + typ
	if provider != "" {
		name = class + ":" + provider + ":" + typ
	}
	_, m, err := s.agentMeta(name)
	return m, err
}

// reportProblems prints validation problems and returns how many are
// errors and warnings.
func (s *Session) reportProblems(ps []cib.Problem, errorsAsWarnings bool) (nerr, nwarn int) {
	for _, p := range ps {
		text := p.Object + ": " + p.Message
		obj := p.Object[strings.LastIndexByte(p.Object, ' ')+1:]
		if p.Path != "" && !strings.HasSuffix(p.Path, "["+obj+"]") {
			text += " (at " + p.Path + ")"
		}
		if p.Severity == cib.SeverityError && !errorsAsWarnings {
			nerr++
			s.ui.message(sevError, Pos{}, text)
		} else {
			nwarn++
			s.ui.message(sevWarning, Pos{}, text)
		}
	}
	return nerr, nwarn
}

// errNothingToCommit is not an error: commit says so and succeeds.
var errNothingToCommit = errors.New("nothing to commit")

// commit validates the working copy and stores it. force overrides
// validation errors and conflicting changes made meanwhile; nothing else
// (earlier errors in a batch, an internal error) can be forced past.
func (s *Session) commit(force bool) error {
	w, err := s.workspace()
	if err != nil {
		return err
	}
	if !w.changed() {
		return errNothingToCommit
	}
	if s.fatal != nil {
		return fmt.Errorf("not committing after an internal error (%v): the working copy may be wrong", s.fatal)
	}
	if !s.interactive && s.errs > 0 {
		return fmt.Errorf("not committing: %d earlier error(s) in this input; nothing was changed", s.errs)
	}
	// Without resources nothing can start, and crmsh commits such a
	// configuration (after erase, say) without verifying it: its errors
	// (stonith-enabled without a fence device) are only warnings then.
	lenient := force || len(w.work.Config.Resources) == 0
	nerr, _ := s.reportProblems(s.validate(w.work), lenient)
	if nerr > 0 {
		return fmt.Errorf("commit refused: the configuration has %d error(s) (warnings do not block; commit force overrides errors)", nerr)
	}
	var stored *cib.CIB
	err = w.backend.Update(func(cur *cib.CIB) (*cib.CIB, error) {
		next, err := s.mergeCommit(w.loaded, w.work, cur, force, w.backend.Describe())
		stored = next
		return next, err
	})
	if err != nil {
		return err
	}
	w.loaded = stored
	w.set(cloneCIB(stored))
	return nil
}

// mergeCommit returns the CIB to store when committing mine, made from
// base, onto cur, what the backend holds now. When cur is still base,
// mine is stored. Otherwise the changes from base to mine are applied to
// cur, so nothing changed meanwhile is reverted; changes that conflict
// refuse the commit with a description of what changed meanwhile, unless
// force. The new CIB's epoch is one more than cur's.
func (s *Session) mergeCommit(base, mine, cur *cib.CIB, force bool, what string) (*cib.CIB, error) {
	var next *cib.CIB
	switch {
	case base != nil && sameCIB(base, cur):
		next = cloneCIB(mine)
	case force:
		s.warnf("%s changed since it was loaded (epoch %s, now %s): commit force replaces its configuration", what, mine.Version, cur.Version)
		next = cloneCIB(mine)
		next.Status = cur.Status
	case base == nil:
		return nil, fmt.Errorf("%s differs from the shadow CIB and there is no record of what the shadow was copied from; "+
			"commit force replaces the live configuration with the shadow's", what)
	default:
		merged, err := mergeChanges(base, mine, cur)
		if err != nil {
			return nil, s.conflictError(what, base, cur, err)
		}
		if nerr, _ := s.reportProblems(s.validate(merged), false); nerr > 0 {
			return nil, fmt.Errorf("%s changed since it was loaded, and with those changes yours make an invalid configuration; not committed", what)
		}
		s.infof("%s changed since it was loaded (epoch %s, now %s); your changes were applied on top of that", what, base.Version, cur.Version)
		next = merged
	}
	next.Version = cur.Version.BumpEpoch()
	next.Version.Admin = max(cur.Version.Admin, mine.Version.Admin)
	return next, nil
}

// conflictError explains a refused commit: what conflicted and what was
// changed meanwhile.
func (s *Session) conflictError(what string, base, cur *cib.CIB, err error) error {
	var b strings.Builder
	fmt.Fprintf(&b, "commit refused: %s changed since it was loaded (epoch %s, now %s) and those changes conflict with yours:\n",
		what, base.Version, cur.Version)
	b.WriteString(indent(err.Error(), "    "))
	b.WriteString("Changes made meanwhile:\n")
	b.WriteString(indent(changeSummary(base, cur), "    "))
	b.WriteString(indent(unifiedDiff("loaded", "current", showCIB(base), showCIB(cur)), "    "))
	b.WriteString("Your changes are still pending. Use refresh to reload (dropping them), or commit force to replace the current configuration.")
	return errors.New(b.String())
}

func indent(text, prefix string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(strings.TrimRight(text, "\n"), "\n") {
		b.WriteString(prefix + l)
	}
	b.WriteString("\n")
	return b.String()
}
