package ossaat_test

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ossaat/ossaat/sdk-go"
)

// The integration test and the examples run against a real engine: `./ossaat serve` from this repository,
// started once for the whole test binary on a free port with a throw-away data dir.

// engine is a running `ossaat serve`.
type engine struct {
	url, token string
	cmd        *exec.Cmd
	dataDir    string
	exited     chan struct{}
	log        *tailBuffer
}

// newFilePatch is the unified diff the default and careful agents' apply_changes step applies: the engine refuses
// their plans without inputs.patch.
const newFilePatch = "--- /dev/null\n+++ b/NEW.md\n@@ -0,0 +1 @@\n+hello from sdk-go\n"

var (
	realEngine *engine
	// noEngine says why there is no engine: the tests that need one skip or fail with it.
	noEngine error
	// errNoJDK marks the one reason to skip rather than fail: no JDK 21+ to run the engine on.
	errNoJDK = errors.New("no JDK 21 or newer on this machine")
)

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		noEngine = fmt.Errorf("%w: -short given", errSkip)
	} else {
		realEngine, noEngine = startEngine()
	}
	if noEngine != nil {
		fmt.Fprintf(os.Stderr, "sdk-go: no real engine, so the examples and the integration test do not run: %v\n", noEngine)
		// The examples print what the real engine answers; without one there is nothing to compare.
		skip("^Example")
	} else {
		// The examples read these, as a user's program does.
		os.Setenv("OSSAAT_URL", realEngine.url)
		os.Setenv("OSSAAT_TOKEN", realEngine.token)
		if !realEngine.hasTokenRoutes() {
			fmt.Fprintln(os.Stderr, "sdk-go: this engine has no /v1/tokens yet, so ExampleTokensService_Create does not run")
			skip("^ExampleTokensService_")
		}
	}
	code := m.Run()
	if realEngine != nil {
		realEngine.stop()
	}
	os.Exit(code)
}

var errSkip = errors.New("skipped")

// skip adds pattern to the tests and examples -test.skip leaves out.
func skip(pattern string) {
	if given := flag.Lookup("test.skip").Value.String(); given != "" {
		pattern = given + "|" + pattern
	}
	_ = flag.Set("test.skip", pattern)
}

// needEngine returns the real engine, or skips (no JDK, -short) or fails (it did not start) the test.
func needEngine(t *testing.T) *engine {
	t.Helper()
	if noEngine != nil {
		if errors.Is(noEngine, errNoJDK) || errors.Is(noEngine, errSkip) {
			t.Skipf("skipping the real-engine test: %v", noEngine)
		}
		t.Fatalf("the engine did not start: %v", noEngine)
	}
	return realEngine
}

// startEngine runs ../ossaat serve --port 0 and waits for its "ready: URL" line. The launcher builds the
// engine first when its jar is missing or stale, which can take minutes.
func startEngine() (*engine, error) {
	root, err := filepath.Abs("..")
	if err != nil {
		return nil, err
	}
	launcher := filepath.Join(root, "ossaat")
	if _, err := os.Stat(launcher); err != nil {
		return nil, fmt.Errorf("%w: no ossaat launcher at %s", errSkip, launcher)
	}
	dataDir, err := os.MkdirTemp("", "ossaat-sdk-go-")
	if err != nil {
		return nil, err
	}
	e := &engine{dataDir: dataDir, exited: make(chan struct{}), log: &tailBuffer{max: 64 << 10}}
	e.cmd = exec.Command(launcher, "serve", "--port", "0", "--data-dir", dataDir)
	e.cmd.Dir = root
	e.cmd.Stderr = e.log
	stdout, w := io.Pipe()
	e.cmd.Stdout = w
	if err := e.cmd.Start(); err != nil {
		os.RemoveAll(dataDir)
		return nil, err
	}
	go func() {
		_ = e.cmd.Wait()
		w.Close()
		close(e.exited)
	}()
	ready := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(stdout)
		for lines.Scan() {
			if url, ok := strings.CutPrefix(lines.Text(), "ready: "); ok {
				select {
				case ready <- url:
				default:
				}
			}
			fmt.Fprintln(e.log, lines.Text())
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case e.url = <-ready:
	case <-e.exited:
		os.RemoveAll(dataDir)
		if strings.Contains(e.log.String(), "needs a JDK 21 or newer") {
			return nil, errNoJDK
		}
		return nil, fmt.Errorf("./ossaat serve exited before it was ready (%v); its output:\n%s", e.cmd.ProcessState, e.log)
	case <-time.After(10 * time.Minute):
		e.stop()
		return nil, fmt.Errorf("./ossaat serve was not ready after 10 minutes; its output:\n%s", e.log)
	}
	token, err := os.ReadFile(filepath.Join(dataDir, "token"))
	if err != nil {
		e.stop()
		return nil, err
	}
	e.token = strings.TrimSpace(string(token))
	return e, nil
}

// hasTokenRoutes reports whether the engine's OpenAPI document has the owner's token routes.
func (e *engine) hasTokenRoutes() bool {
	c, err := ossaat.NewClient(e.url, ossaat.WithToken(e.token))
	if err != nil {
		return false
	}
	doc, err := c.OpenAPI(context.Background())
	return err == nil && strings.Contains(string(doc), "/v1/tokens")
}

// stop sends SIGTERM to the engine's process (the launcher execs java, so that is the JVM), waits for it to
// stop Postgres and Redis, and removes the data dir.
func (e *engine) stop() {
	_ = e.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-e.exited:
	case <-time.After(60 * time.Second):
		fmt.Fprintf(os.Stderr, "sdk-go: the engine (pid %d) ignored SIGTERM for 60 s; killing it\n", e.cmd.Process.Pid)
		_ = e.cmd.Process.Kill()
		<-e.exited
	}
	os.RemoveAll(e.dataDir)
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if over := len(t.b) - t.max; over > 0 {
		t.b = t.b[over:]
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}
