#!/usr/bin/env bash
# The deployment files: the Helm chart passes `helm lint` and renders (`helm template`) a Deployment, Service and
# PodDisruptionBudget with the probes, a non-root user and the database URL and token from Secrets; the Compose
# file holds PostgreSQL, Redis and three engines sharing them. Installs helm with `go install` the first time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HELM_VERSION=v3.19.5
HELM="$(go env GOPATH)/bin/helm"
# a helm built by go install reports only its minor version; its module version says which one it is
if [[ ! -x "$HELM" ]] || ! go version -m "$HELM" | grep -qE "^\s+mod\s+helm.sh/helm/v3\s+$HELM_VERSION\s"; then
  echo "deploy.sh: go install helm.sh/helm/v3/cmd/helm@$HELM_VERSION (once; a few minutes)"
  go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
fi
CHART="$ROOT/deploy/helm/ossaat"
"$HELM" lint --strict "$CHART"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"$HELM" template demo "$CHART" --namespace team --set mcpHosts[0]=ossaat.example.com >"$out"

python3 - "$out" "$ROOT/deploy/compose.yaml" <<'PY'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
kinds = {d["kind"]: d for d in docs}
failures = []
def check(ok, what):
    if not ok:
        failures.append(what)
check(set(kinds) == {"Deployment", "Service", "PodDisruptionBudget"}, f"kinds rendered: {sorted(kinds)}")
dep = kinds["Deployment"]
pod = dep["spec"]["template"]["spec"]
c = pod["containers"][0]
check(dep["spec"]["replicas"] == 3, "three replicas")
check(pod["securityContext"].get("runAsNonRoot") is True and pod["securityContext"].get("runAsUser") == 65532, "non-root")
check(c["livenessProbe"]["httpGet"]["path"] == "/healthz", "liveness on /healthz")
check(c["readinessProbe"]["httpGet"]["path"] == "/readyz", "readiness on /readyz")
env = {e["name"]: e for e in c["env"]}
check(env["OSSAAT_DB_URL"]["valueFrom"]["secretKeyRef"] == {"name": "ossaat-db", "key": "url"}, "database URL from a Secret")
token_vol = [v for v in pod["volumes"] if "secret" in v]
check(len(token_vol) == 1 and token_vol[0]["secret"]["secretName"] == "ossaat-token", "token from a Secret")
check("--token-file=/etc/ossaat/token/token" in c["args"], "the engine reads the mounted token")
check({"--mcp-host=demo-ossaat", "--mcp-host=demo-ossaat.team.svc", "--mcp-host=ossaat.example.com"} <= set(c["args"]),
      "MCP accepts the Service's names and the extra host")
check(kinds["PodDisruptionBudget"]["spec"]["minAvailable"] == 2, "the budget keeps two")
check(kinds["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"] == dep["spec"]["selector"]["matchLabels"]
      == kinds["Service"]["spec"]["selector"], "one selector for the Deployment, Service and budget")

compose = yaml.safe_load(open(sys.argv[2]))
services = compose["services"]
engines = [n for n in services if n.startswith("engine-")]
check(len(engines) == 3 and {"postgres", "redis"} <= set(services), f"compose services: {sorted(services)}")
for n in engines:
    e = services[n]
    check(e["environment"]["OSSAAT_DB_URL"].startswith("jdbc:postgresql://postgres:5432/"), f"{n} uses the shared PostgreSQL")
    check(e["environment"]["OSSAAT_REDIS_URL"] == "redis://redis:6379", f"{n} uses the shared Redis")
    check("--token-file=/run/secrets/token" in e["command"], f"{n} reads the shared token")
for f in failures:
    print("deploy.sh: FAILED:", f)
print(f"deploy.sh: {len(failures) == 0 and 'chart and compose file OK' or 'FAILED'}")
sys.exit(1 if failures else 0)
PY
