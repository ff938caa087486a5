package cib

import "unsafe"

// chunkBuffer is an io.Writer that collects output in prefaulted chunks,
// so that Marshal of a big CIB neither copies a growing buffer over and
// over nor takes a page fault per 4 KiB (see prefault).
type chunkBuffer struct {
	full [][]byte
	cur  []byte
	size int
}

const chunkSize = 1 << 20

func (b *chunkBuffer) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if len(b.cur) == cap(b.cur) {
			if b.cur != nil {
				b.full = append(b.full, b.cur)
			}
			b.cur = newSlab[byte](chunkSize)[:0]
		}
		k := copy(b.cur[len(b.cur):cap(b.cur)], p)
		b.cur = b.cur[:len(b.cur)+k]
		p = p[k:]
	}
	b.size += n
	return n, nil
}

// bytes returns the whole output in one slice.
func (b *chunkBuffer) bytes() []byte {
	if len(b.full) == 0 {
		return b.cur
	}
	out := make([]byte, 0, b.size)
	prefault(unsafe.Pointer(unsafe.SliceData(out)), uintptr(b.size))
	for _, c := range b.full {
		out = append(out, c...)
	}
	return append(out, b.cur...)
}
