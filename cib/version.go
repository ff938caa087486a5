package cib

import (
	"fmt"
	"strconv"
	"strings"
)

// Version is the version of a CIB: admin_epoch, epoch and num_updates,
// compared in that order. A configuration change bumps Epoch and zeroes
// Updates; a status change bumps Updates; only an administrator bumps Admin.
type Version struct {
	Admin   int // admin_epoch
	Epoch   int // epoch
	Updates int // num_updates
}

// Compare returns -1, 0 or +1 as v is older than, equal to or newer than w.
func (v Version) Compare(w Version) int {
	switch {
	case v.Admin != w.Admin:
		return cmpInt(v.Admin, w.Admin)
	case v.Epoch != w.Epoch:
		return cmpInt(v.Epoch, w.Epoch)
	default:
		return cmpInt(v.Updates, w.Updates)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// BumpEpoch returns the version after a configuration change.
func (v Version) BumpEpoch() Version { return Version{Admin: v.Admin, Epoch: v.Epoch + 1} }

// BumpUpdates returns the version after a status change.
func (v Version) BumpUpdates() Version {
	v.Updates++
	return v
}

// String formats v as Pacemaker does: admin_epoch.epoch.num_updates.
func (v Version) String() string {
	return fmt.Sprintf("%d.%d.%d", v.Admin, v.Epoch, v.Updates)
}

// ParseVersion parses the admin_epoch.epoch.num_updates form.
func ParseVersion(s string) (Version, error) {
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return Version{}, fmt.Errorf("version %q: want admin_epoch.epoch.num_updates", s)
	}
	var n [3]int
	for i, p := range parts {
		x, err := strconv.Atoi(p)
		if err != nil || x < 0 {
			return Version{}, fmt.Errorf("version %q: %q is not a non-negative integer", s, p)
		}
		n[i] = x
	}
	return Version{Admin: n[0], Epoch: n[1], Updates: n[2]}, nil
}
