package ossaat

import (
	"os"
	"strings"
	"testing"
)

// TestREADME_quickStartIsTheExample keeps the README's quick start the code that the integration test runs.
func TestREADME_quickStartIsTheExample(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("examples/quickstart/main.go")
	if err != nil {
		t.Fatal(err)
	}
	_, quickStart, _ := strings.Cut(string(readme), "## Quick start")
	_, block, ok := strings.Cut(quickStart, "```go\n")
	block, _, closed := strings.Cut(block, "```")
	if !ok || !closed || !strings.Contains(block, "func main()") {
		t.Fatal("README.md has no go block with func main() under ## Quick start")
	}
	if !strings.Contains(string(example), block) {
		t.Errorf("README.md's quick start differs from examples/quickstart/main.go; README has:\n%s", block)
	}
}
