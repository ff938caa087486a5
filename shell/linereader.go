package shell

import (
	"bufio"
	"io"
	"strings"
)

// plainReader reads lines from a pipe or file: no prompt, no editing.
type plainReader struct {
	r *bufio.Reader
	c io.Closer
}

func newPlainReader(r io.Reader) *plainReader {
	p := &plainReader{r: bufio.NewReaderSize(r, 64<<10)}
	if c, ok := r.(io.Closer); ok {
		p.c = c
	}
	return p
}

func (p *plainReader) ReadLine(string) (string, error) {
	line, err := p.r.ReadString('\n')
	if err == io.EOF && line != "" {
		err = nil
	}
	if err != nil {
		return "", err
	}
	line = strings.TrimSuffix(line, "\n")
	return strings.TrimSuffix(line, "\r"), nil
}

func (p *plainReader) Close() error {
	if p.c != nil {
		return p.c.Close()
	}
	return nil
}

// scriptReader is a LineReader over fixed lines, for one-shot commands and
// tests; it records the prompts it was asked to show.
type scriptReader struct {
	lines   []string
	prompts []string
}

func (s *scriptReader) ReadLine(prompt string) (string, error) {
	s.prompts = append(s.prompts, prompt)
	if len(s.lines) == 0 {
		return "", io.EOF
	}
	l := s.lines[0]
	s.lines = s.lines[1:]
	if l == "^C" {
		return "", ErrInterrupt
	}
	return l, nil
}

func (s *scriptReader) Close() error { return nil }
