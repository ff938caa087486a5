// Package cibfile keeps a CIB in a file, as CIB_file=PATH selects for crmsh
// and the Pacemaker tools, and the shadow CIBs that live beside it.
//
// The package works on bytes: it knows nothing of the XML inside. Reads are
// lock-free because every write replaces the file atomically: the new
// content goes to a temporary file in the same directory, is fsynced, renamed
// over the old one, and the directory is fsynced. Writers serialise their
// read-modify-write cycles with an exclusive flock on PATH.lock, so two crm
// processes cannot interleave and lose an update. Before a write replaces
// PATH, the previous content is kept as PATH.1 and older versions shift up
// to PATH.N (N is Store.Keep, DefaultKeep when zero).
//
// Shadow CIBs are files named shadow.NAME, as Pacemaker's crm_shadow names
// them, in a shadow directory. Each shadow remembers the CIB it was copied
// from in a hidden .shadow.NAME.base file, so committing a shadow can apply
// only the changes made in the shadow and never revert a concurrent change.
package cibfile
