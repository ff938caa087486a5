package transport

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gocrm/transport/proto"
)

// Environment of a node process started by a test (the test binary run
// again, see TestMain).
const (
	envNode  = "GOCRM_TRANSPORT_TEST_NODE"
	envConf  = "GOCRM_TRANSPORT_TEST_CONF"
	envState = "GOCRM_TRANSPORT_TEST_STATE"
)

func TestMain(m *testing.M) {
	if id := os.Getenv(envNode); id != "" {
		os.Exit(nodeProcess(id))
	}
	os.Exit(m.Run())
}

// nodeProcess runs one node and prints "view <unix ns> <members>" for every
// view it installs, until its standard input closes.
func nodeProcess(idText string) int {
	id, err := strconv.ParseUint(idText, 10, 32)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	cfg, err := LoadConfig(os.Getenv(envConf))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	n, err := Start(cfg, Options{NodeID: uint32(id), StateDir: os.Getenv(envState)})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	go func() {
		io.Copy(io.Discard, os.Stdin)
		n.Close()
	}()
	out := bufio.NewWriter(os.Stdout)
	for e := range n.Events() {
		if v, ok := e.(proto.ViewEvent); ok {
			ids := make([]string, len(v.Members))
			for i, m := range v.Members {
				ids[i] = fmt.Sprint(m)
			}
			fmt.Fprintf(out, "view %d %s\n", time.Now().UnixNano(), strings.Join(ids, ","))
			out.Flush()
		}
	}
	return 0
}

// nodeProc is a node process started by the test.
type nodeProc struct {
	id    int
	cmd   *exec.Cmd
	stdin io.WriteCloser
	views chan viewLine
}

type viewLine struct {
	at      time.Time
	members string
}

func startProc(t *testing.T, id int, conf, state string) *nodeProc {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), envNode+"="+strconv.Itoa(id), envConf+"="+conf, envState+"="+state)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &nodeProc{id: id, cmd: cmd, stdin: stdin, views: make(chan viewLine, 64)}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) == 3 && f[0] == "view" {
				ns, _ := strconv.ParseInt(f[1], 10, 64)
				p.views <- viewLine{at: time.Unix(0, ns), members: f[2]}
			}
		}
		close(p.views)
	}()
	t.Cleanup(func() { p.stop() })
	return p
}

// stop ends a process this test started: closing its stdin asks it to
// stop; it is killed if it does not.
func (p *nodeProc) stop() {
	if p.cmd.ProcessState != nil {
		return
	}
	p.stdin.Close()
	done := make(chan struct{})
	go func() { p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		p.cmd.Process.Kill()
		<-done
	}
}

// kill sends SIGKILL to the process (started by this test, by pid) and
// returns when it was sent.
func (p *nodeProc) kill(t *testing.T) time.Time {
	at := time.Now()
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	p.cmd.Wait()
	return at
}

// waitMembers waits for a view with exactly these members.
func (p *nodeProc) waitMembers(t *testing.T, members string, deadline time.Duration) viewLine {
	t.Helper()
	timeout := time.After(deadline)
	for {
		select {
		case v, ok := <-p.views:
			if !ok {
				t.Fatalf("node %d exited", p.id)
			}
			if v.members == members {
				return v
			}
		case <-timeout:
			t.Fatalf("node %d: no view %s within %v", p.id, members, deadline)
		}
	}
}

// TestKillDetection starts three node processes on 127.0.0.1-3, kills one
// with SIGKILL, and measures how long the two others take to install the
// view without it, ten times (each node is killed in turn, then started
// again). It logs the median as detection_ms, with the token timeout.
func TestKillDetection(t *testing.T) {
	const token = 1000 * time.Millisecond
	rounds := 10
	if testing.Short() {
		rounds = 3
	}
	dir := t.TempDir()
	conf, _ := loopbackConf(t, dir, 3, fmt.Sprintf("\ttoken: %d\n\ttoken_coefficient: 0\n", token.Milliseconds()))
	procs := make([]*nodeProc, 3)
	for i := range procs {
		state := filepath.Join(dir, fmt.Sprint("state", i+1))
		os.Mkdir(state, 0o700)
		procs[i] = startProc(t, i+1, conf, state)
	}
	for _, p := range procs {
		p.waitMembers(t, "1,2,3", 15*time.Second)
	}
	var detections []time.Duration
	for r := range rounds {
		victim := procs[r%3]
		var survivors []*nodeProc
		var ids []string
		for _, p := range procs {
			if p != victim {
				survivors = append(survivors, p)
				ids = append(ids, strconv.Itoa(p.id))
			}
		}
		// Kill at once: the victim was heard a moment ago, the worst case
		// for detection (its last heartbeat starts the token timeout).
		killed := victim.kill(t)
		var worst time.Duration
		for _, p := range survivors {
			v := p.waitMembers(t, strings.Join(ids, ","), 10*time.Second)
			worst = max(worst, v.at.Sub(killed))
		}
		detections = append(detections, worst)
		t.Logf("round %d: killed node %d, survivors installed %s after %v", r+1, victim.id, strings.Join(ids, ","), worst.Round(time.Millisecond))
		procs[victim.id-1] = startProc(t, victim.id, conf, filepath.Join(dir, fmt.Sprint("state", victim.id)))
		for _, p := range procs {
			p.waitMembers(t, "1,2,3", 15*time.Second)
		}
	}
	slices.Sort(detections)
	median := (detections[(len(detections)-1)/2] + detections[len(detections)/2]) / 2
	t.Logf("detection_ms=%d token_ms=%d", median.Milliseconds(), token.Milliseconds())
	if limit := token + 200*time.Millisecond; median > limit {
		t.Errorf("median detection %v exceeds token + 200 ms = %v", median, limit)
	}
}
