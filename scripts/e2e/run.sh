#!/usr/bin/env bash
# The VS Code end-to-end run (real VS Code 1.100.3 = code-server 4.100.3, headless chromium):
#   1. build (npm run build, unless PACTLINE_E2E_BUILD=0) and package the extension (.vsix, vsce --no-dependencies);
#   2. install the .vsix into a throwaway code-server on a free loopback port (own process group);
#   3. (a) UI tests  (test/e2e/ui.e2e.ts): playwright-core drives the workbench; PNGs in test-results/e2e/;
#      (b) extension-host tests (test/e2e/exthost-driver.e2e.ts + test/e2e/exthost/): mocha inside VS Code;
#   each on its own copy of examples/ plus test/e2e/fixtures/ (a contract with mistakes, a plain .yaml contract).
# Needs scripts/e2e/setup.sh first. Results: one JSON line per step in $E2E_RESULTS
# (default test-results/e2e/results.jsonl). Exit 0 only when every step passed.
# KEEP_RUN=1 keeps the temporary run folder (workspaces, user data, logs).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CS_DIR=${PACTLINE_E2E_CACHE:-$HOME/.cache/pactline-e2e/code-server-4.100.3}
CS=$CS_DIR/code-server
OUT=${PACTLINE_E2E_OUT:-$ROOT/test-results/e2e}
export E2E_RESULTS=${E2E_RESULTS:-$OUT/results.jsonl}
[ -x "$CS" ] || { echo "no code-server at $CS: run scripts/e2e/setup.sh first" >&2; exit 2; }

# one run at a time per checkout (several `npm test` runs may start together): they share test-results/e2e
mkdir -p "$ROOT/test-results"
exec 8>"$ROOT/test-results/.e2e.lock"
if command -v flock >/dev/null && ! flock -n 8; then
  echo "another e2e run is using test-results/e2e; waiting for it" >&2
  flock -w 900 8 || { echo "gave up waiting for the other e2e run" >&2; exit 1; }
fi

T0=$(date +%s.%N)
stamp() { awk -v a="$T0" -v b="$(date +%s.%N)" -v m="$*" 'BEGIN{printf "[%6.1fs] %s\n", b-a, m}'; }
rm -rf "$OUT"; mkdir -p "$OUT/logs"; : >"$E2E_RESULTS"
# a short path: the extension host's IPC socket lives in $XDG_RUNTIME_DIR (unix sockets: 107 bytes at most)
RUN=$(mktemp -d /tmp/pactline-e2e.XXXXXX)
CS_PID=
cleanup() {
  if [ -n "$CS_PID" ]; then
    kill -- -"$CS_PID" 2>/dev/null || true   # the whole group: the extension host outlives its parent otherwise
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- -"$CS_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 -- -"$CS_PID" 2>/dev/null || true
    CS_PID=
  fi
  cp "$RUN/code-server.log" "$OUT/logs/" 2>/dev/null || true
  find "$RUN/user/logs" -name '*.log' \( -path '*exthost*' -o -name 'remoteagent.log' \) -exec cp --backup=numbered {} "$OUT/logs/" \; 2>/dev/null || true
  [ "${KEEP_RUN:-0}" = 1 ] && echo "run folder kept: $RUN" || rm -rf "$RUN"
}
trap cleanup EXIT
fail_step() { printf '{"phase":"%s","name":"%s","ok":false,"ms":0,"error":"%s"}\n' "$1" "$2" "$3" >>"$E2E_RESULTS"; }

# 1. build and package
cd "$ROOT"
if [ "${PACTLINE_E2E_BUILD:-1}" != 0 ]; then
  npm run --silent build >"$RUN/build.log" 2>&1 || { cat "$RUN/build.log" >&2; fail_step setup build "npm run build failed"; exit 1; }
fi
for f in dist/client.js dist/test/e2e/exthost.js; do
  [ -f "$f" ] || { fail_step setup build "$f is missing after the build"; echo "$f is missing" >&2; exit 1; }
done
if [ ! -f dist/server.js ]; then
  echo "warning: dist/server.js is not built: the steps that need the language server fail at once" >&2
  export E2E_NO_SERVER=1
fi
# vsce is installed on demand into tools/ (tools/package.json), not by the root install
if [ ! -x tools/node_modules/.bin/vsce ]; then
  npm ci --prefix tools --no-audit --no-fund >"$RUN/vsce.log" 2>&1 \
    || { cat "$RUN/vsce.log" >&2; fail_step setup package "npm ci --prefix tools (vsce) failed"; exit 1; }
fi
tools/node_modules/.bin/vsce package --no-dependencies -o "$RUN/pactline.vsix" >"$RUN/vsce.log" 2>&1 \
  || { cat "$RUN/vsce.log" >&2; fail_step setup package "vsce package failed"; exit 1; }
stamp "built and packaged: $(du -k "$RUN/pactline.vsix" | cut -f1) KB, $(unzip -Z1 "$RUN/pactline.vsix" 2>/dev/null | wc -l) files"

# 2. throwaway code-server: its own user data, extensions, XDG folders; no gallery (open-vsx.org is unreachable)
mkdir -p "$RUN/user/User" "$RUN/exts" "$RUN/rt" && chmod 700 "$RUN/rt"
cp scripts/e2e/settings.json "$RUN/user/User/settings.json"
for ws in ws-ui ws-exthost ws-lineage; do
  cp -r examples "$RUN/$ws" && cp -r test/e2e/fixtures/. "$RUN/$ws/"
done
export XDG_CONFIG_HOME=$RUN/xdg-config XDG_DATA_HOME=$RUN/xdg-data XDG_CACHE_HOME=$RUN/xdg-cache XDG_RUNTIME_DIR=$RUN/rt EXTENSIONS_GALLERY='{}'
"$CS" --user-data-dir "$RUN/user" --extensions-dir "$RUN/exts" --install-extension "$RUN/pactline.vsix" >"$RUN/install.log" 2>&1 \
  || { cat "$RUN/install.log" >&2; fail_step setup install "code-server --install-extension failed"; exit 1; }
stamp "extension installed"
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
setsid "$CS" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override --ignore-last-opened \
  --user-data-dir "$RUN/user" --extensions-dir "$RUN/exts" >"$RUN/code-server.log" 2>&1 &
CS_PID=$!   # setsid in a non-interactive shell: pid == process group id
for _ in $(seq 1 150); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null || { fail_step setup code-server "code-server did not come up"; exit 1; }
stamp "code-server up on 127.0.0.1:$PORT"
export CS_URL="http://127.0.0.1:$PORT"

# PACTLINE_E2E_ONLY=ui|lineage|exthost runs that phase only (a quicker loop while working on it)
ONLY=${PACTLINE_E2E_ONLY:-}
want() { [ -z "$ONLY" ] || [ "$ONLY" = "$1" ]; }
RC_UI=0 RC_LINEAGE=0 RC_EH=0 RC_ACT=0

# 3a. UI tests with the installed .vsix
set +e
if want ui; then
  WS_DIR="$RUN/ws-ui" SHOTS="$OUT" timeout 300 node --import tsx test/e2e/ui.e2e.ts
  RC_UI=$?
  [ $RC_UI = 124 ] && fail_step ui "UI run" "timed out after 300 s"
  stamp "UI tests finished (rc=$RC_UI)"
fi

# 3a'. the lineage panel (test/e2e/lineage.e2e.ts), on its own copy of the workspace;
# LINEAGE_DOCS_DIR=docs copies its two screenshots (table level, column view) there for the README
if want lineage; then
  WS_DIR="$RUN/ws-lineage" SHOTS="$OUT" DOCS_DIR="${LINEAGE_DOCS_DIR:-}" timeout 300 node --import tsx test/e2e/lineage.e2e.ts
  RC_LINEAGE=$?
  [ $RC_LINEAGE = 124 ] && fail_step ui "lineage run" "timed out after 300 s"
  stamp "lineage panel tests finished (rc=$RC_LINEAGE)"
fi

if want exthost; then
  # 3b. extension-host tests, the extension loaded from the repository
  WS_DIR="$RUN/ws-exthost" EXT_DIR="$ROOT" TESTS_MODULE="$ROOT/dist/test/e2e/exthost.js" \
    timeout 240 node --import tsx test/e2e/exthost-driver.e2e.ts
  RC_EH=$?
  [ $RC_EH = 124 ] && fail_step exthost "extension-host run" "timed out after 240 s"

  # A workspace without any Pactline file: the extension must stay inactive; activation on demand is timed.
  mkdir -p "$RUN/ws-plain" && git -c init.defaultBranch=main init -q "$RUN/ws-plain"
  printf '# Not a data project\n' >"$RUN/ws-plain/README.md"
  printf 'server:\n  port: 8080\n  hosts: [a, b]\n' >"$RUN/ws-plain/app-config.yaml"
  WS_DIR="$RUN/ws-plain" EXT_DIR="$ROOT" TESTS_MODULE="$ROOT/dist/test/e2e/exthost-activation.js" \
    timeout 120 node --import tsx test/e2e/exthost-driver.e2e.ts
  RC_ACT=$?
  [ $RC_ACT = 124 ] && fail_step exthost "activation run" "timed out after 120 s"
fi
set -e
stamp "extension-host tests finished (rc=$RC_EH, activation rc=$RC_ACT)"
passed=$(grep -c '"ok":true' "$E2E_RESULTS" || true); failed=$(grep -c '"ok":false' "$E2E_RESULTS" || true)
echo "e2e: $passed passed, $failed failed; screenshots and logs in ${OUT#"$ROOT"/}"
[ "$RC_UI" = 0 ] && [ "$RC_LINEAGE" = 0 ] && [ "$RC_EH" = 0 ] && [ "$RC_ACT" = 0 ] && [ "$failed" = 0 ]
