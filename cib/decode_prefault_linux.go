package cib

import (
	"syscall"
	"unsafe"
)

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14): fault a range in
// as if written, in one system call.
const madvPopulateWrite = 23

// prefaultMin is the smallest block worth a system call.
const prefaultMin = 256 << 10

// prefault maps in the pages of a freshly allocated block before it is
// filled. First-touch page faults are the largest single cost of decoding
// a big CIB (one fault per 4 KiB page, and on virtual machines each is
// expensive); populating a block in one call is several times cheaper. It
// changes no memory contents, and errors (old kernels) are ignored.
func prefault(p unsafe.Pointer, size uintptr) {
	if size < prefaultMin || p == nil {
		return
	}
	syscall.Madvise(unsafe.Slice((*byte)(p), size), madvPopulateWrite)
}
