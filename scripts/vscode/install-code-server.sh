#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 on Node 20) plus headless Chromium, cached outside the
# repo, following ../shared/notes/real-vscode-testing.md. Skips every step that is already done.
# Usage: install-code-server.sh [CACHE_DIR]   (default: ~/.cache/weft-code-server)
set -euo pipefail
CACHE="${1:-${WEFT_CODE_SERVER_CACHE:-$HOME/.cache/weft-code-server}}"
VERSION=4.100.3
CS="$CACHE/node_modules/code-server"
MARK="$CACHE/.installed-$VERSION"

if [ -f "$MARK" ] && command -v chromium >/dev/null && command -v rg >/dev/null; then
  echo "code-server $VERSION cached in $CACHE"; exit 0
fi

need_apt=""
for bin in chromium rg pkg-config; do command -v "$bin" >/dev/null || need_apt=1; done
for hdr in /usr/include/krb5.h /usr/include/X11/Xlib.h /usr/include/X11/extensions/XKBfile.h; do [ -f "$hdr" ] || need_apt=1; done
[ -d /usr/include/libsecret-1 ] || need_apt=1
if [ -n "$need_apt" ]; then
  if [ "$(id -u)" != 0 ]; then echo "need root for apt-get (or install: libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep chromium)" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  timeout 600 apt-get update -q
  timeout 1200 apt-get install -y -q libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep chromium build-essential python3
fi

mkdir -p "$CACHE"
cd "$CACHE"
[ -f package.json ] || echo '{"name":"weft-code-server-cache","private":true}' > package.json
if [ ! -f "$CS/package.json" ]; then
  timeout 900 npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION"
fi
# npm 11 runs dependency install scripts only when approved (allowScripts); older npm runs them anyway.
approve() { if npm install-scripts --help >/dev/null 2>&1; then npm install-scripts approve "$@" >/dev/null; fi; }
cd "$CS/lib/vscode"
if [ ! -f .weft-deps ]; then
  timeout 900 npm install --no-audit --no-fund --omit=dev --ignore-scripts
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  approve kerberos node-pty native-watchdog @vscode/deviceid @parcel/watcher @vscode/spdlog @vscode/ripgrep
  npm_config_yes=true timeout 900 npm rebuild
  [ -e node_modules.asar ] || ln -s node_modules node_modules.asar
  touch .weft-deps
fi
cd extensions
if [ ! -f .weft-deps ]; then
  timeout 900 npm install --no-audit --no-fund --omit=dev
  touch .weft-deps
fi
cd "$CACHE"
approve argon2
timeout 600 npm rebuild argon2
[ -f "$CACHE/node_modules/argon2/lib/binding/napi-v3/argon2.node" ] || { echo "argon2 did not build" >&2; exit 1; }
touch "$MARK"
echo "code-server $VERSION installed in $CACHE"
