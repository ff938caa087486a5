//go:build !linux

package cib

import "unsafe"

// prefault does nothing where MADV_POPULATE_WRITE does not exist.
func prefault(p unsafe.Pointer, size uintptr) {}
