// Package agents finds the resource and fence agents installed on this
// machine and fetches their meta-data, for the shell's ra level, for
// parameter checks and for completion.
//
// Classes are discovered the way Pacemaker's executor finds them: OCF agents
// are the executables under $OCF_ROOT/resource.d/PROVIDER (OCF_ROOT defaults
// to /usr/lib/ocf), fence agents are the fence_* executables in /usr/sbin
// (run with "-o metadata"), LSB agents are the scripts in /etc/init.d and
// systemd agents are the service units systemctl lists. Every agent runs
// through one injected Runner with a timeout, so tests use fakes and the
// shell never hangs on a broken agent. Nothing is run or read until asked.
package agents
