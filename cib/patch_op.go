package cib

import (
	"strconv"

	"gocrm/cib/xmltree"
)

// PatchOpKind is what one change of a Patch does.
type PatchOpKind uint8

// The kinds of change, as in Pacemaker's version 2 patchsets.
const (
	OpCreate PatchOpKind = iota // insert Node under Path at Position
	OpDelete                    // remove the element at Path (or the comment/text at Position)
	OpModify                    // change attributes of the element at Path
	OpMove                      // move the element at Path to Position among its siblings
)

var opKindNames = [...]string{"create", "delete", "modify", "move"}

func (k PatchOpKind) String() string {
	if int(k) < len(opKindNames) {
		return opKindNames[k]
	}
	return "op(" + strconv.Itoa(int(k)) + ")"
}

// AttrChange is one attribute change of a modify: Old/HadOld describe the
// value before (for conflict detection; OldUnknown when the patch came from
// elsewhere without old values), New the value after, unless Removed.
type AttrChange struct {
	Name       string
	Old        string
	HadOld     bool
	OldUnknown bool
	New        string
	Removed    bool
}

// PatchOp is one change. Paths are written as in Pacemaker's patchsets
// (/cib/configuration/resources/primitive[@id='vip']); an element without
// an id is named by its element name, with a 1-based [N] among same-named
// siblings when there are several; comments and text are addressed by
// their parent's path, a "comment" or "text" step and Position.
type PatchOp struct {
	Kind PatchOpKind
	// Path is the element changed (modify, delete, move) or the parent
	// created under (create).
	Path string
	// Position is the 0-based index among the parent's children (create
	// and move: the final index; delete of a comment or text: its index
	// before the change).
	Position int
	// Node is the created subtree (create) or the deleted one (delete,
	// kept to detect conflicting changes and to describe the change).
	Node *xmltree.Node
	// Attrs are the attribute changes of a modify.
	Attrs []AttrChange
	// Result is the attribute list of the element after a modify, in
	// order (Pacemaker's change-result).
	Result []xmltree.Attr
}

// Patch is a structural difference between two CIB trees.
type Patch struct {
	Source, Target Version
	Ops            []PatchOp
}

// IsEmpty reports whether p changes nothing.
func (p *Patch) IsEmpty() bool { return p == nil || len(p.Ops) == 0 }
