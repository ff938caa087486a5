// Package cib is the typed, in-memory Cluster Information Base: the
// configuration (cluster properties, nodes, resources, constraints, defaults,
// fencing topology, tags, ACLs, alerts) and the status (node states, resource
// operation history, transient attributes, tickets) of a Pacemaker-compatible
// cluster.
//
// The model reads and writes Pacemaker's CIB XML (see Decode and Encode)
// without losing anything: attributes and elements the model has no field for
// are kept in each object's Extra and written back. It also carries the
// semantics every other package needs: versions and their ordering, scores
// with saturating ±INFINITY arithmetic, structural diff and patch, and
// validation that reports every problem with the path of the object at fault.
//
// The package imports only the standard library (and its own xmltree
// subpackage); it holds no clock, no goroutines and no I/O beyond the readers
// and writers handed to it.
package cib
