package xmltree

import "unsafe"

// within reports whether the bytes of s lie inside data.
func within(s string, data []byte) bool {
	if s == "" || len(data) == 0 {
		return false
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	start := uintptr(unsafe.Pointer(&data[0]))
	return p >= start && p+uintptr(len(s)) <= start+uintptr(len(data))
}
