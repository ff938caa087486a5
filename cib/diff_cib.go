package cib

import "fmt"

// Diff returns the structural changes that turn a into b, computed on
// their XML trees (see DiffNodes). Source and Target are the two versions.
func Diff(a, b *CIB) *Patch {
	return &Patch{
		Source: a.Version,
		Target: b.Version,
		Ops:    DiffNodes(ToNode(a), ToNode(b)),
	}
}

// Apply returns c with the patch applied; c itself is never modified, and
// on error nothing is returned. Changes that no longer fit c (it changed
// since the patch was made in a way that overlaps the patch) make the
// error wrap ErrConflict and list every conflicting path; changes to parts
// that others left alone apply cleanly, so a working copy can be committed
// onto a CIB that changed underneath without reverting the other changes.
//
// The version attributes of <cib> (admin_epoch, epoch, num_updates) take
// the patch's values only when c is at the patch's Source version;
// otherwise c's version is kept and the caller decides the new one.
func (p *Patch) Apply(c *CIB) (*CIB, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: no CIB to apply to", ErrBadPatch)
	}
	ops := p.Ops
	if c.Version != p.Source {
		ops = withoutVersionChanges(ops)
	}
	out, err := ApplyNodes(ToNode(c), ops)
	if err != nil {
		return nil, err
	}
	res, err := FromNode(out)
	if err != nil {
		return nil, fmt.Errorf("%w: the patched CIB cannot be read back: %w", ErrBadPatch, err)
	}
	return res, nil
}

// withoutVersionChanges drops version attribute changes of the <cib>
// element from ops (copying what it changes).
func withoutVersionChanges(ops []PatchOp) []PatchOp {
	out := make([]PatchOp, 0, len(ops))
	for _, op := range ops {
		if op.Kind == OpModify && op.Path == "/cib" {
			var keep []AttrChange
			for _, a := range op.Attrs {
				switch a.Name {
				case "admin_epoch", "epoch", "num_updates":
				default:
					keep = append(keep, a)
				}
			}
			if len(keep) == 0 {
				continue
			}
			op.Attrs = keep
		}
		out = append(out, op)
	}
	return out
}
