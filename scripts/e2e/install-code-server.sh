#!/usr/bin/env bash
# Installs code-server (pinned) from npm into the e2e cache, once; prints the path of its binary.
# Usage: scripts/e2e/install-code-server.sh <cache-dir>
#
# code-server 4.100.3 (VS Code 1.100.3) is the newest release whose engines allow Node 20. Its
# install needs four workarounds on a machine that reaches only npm and Debian:
#   - npm_config_unsafe_perm: its postinstall refuses to run as root otherwise;
#   - npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which an npmrc `yes=false` cancels;
#   - libkrb5-dev (kerberos builds from source; see system-deps.sh);
#   - @vscode/ripgrep downloads rg from GitHub in its postinstall unless its cache (found through
#     os.tmpdir()) already holds the archive: we seed it with Debian's rg (the same 13.0.0).
set -euo pipefail
CODE_SERVER_VERSION=4.100.3
RIPGREP_CACHE_NAME=vscode-ripgrep-cache-1.15.11
RIPGREP_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

# Absolute: the install below runs from inside the directory.
cache=$(mkdir -p "$1" && cd "$1" && pwd)
dir="$cache/code-server-$CODE_SERVER_VERSION"
bin="$dir/node_modules/.bin/code-server"
if [ -x "$bin" ] && [ -f "$dir/.installed" ]; then
  echo "$bin"
  exit 0
fi

rm -rf "$dir"
mkdir -p "$dir/tmp" "$dir/rg"
echo '{ "name": "goodput-e2e-code-server", "private": true }' > "$dir/package.json"
cp "$(command -v rg)" "$dir/rg/rg"
mkdir -p "$dir/tmp/$RIPGREP_CACHE_NAME"
tar czf "$dir/tmp/$RIPGREP_CACHE_NAME/$RIPGREP_ARCHIVE" -C "$dir/rg" rg

log="$dir/install.log"
if ! (cd "$dir" && TMPDIR="$dir/tmp" npm_config_unsafe_perm=true npm_config_yes=true npm_config_fund=false \
  npm_config_audit=false npm_config_update_notifier=false npm_config_package_lock=false \
  npm install --no-save --foreground-scripts "code-server@$CODE_SERVER_VERSION" > "$log" 2>&1); then
  echo "code-server $CODE_SERVER_VERSION failed to install; the end of $log:" >&2
  tail -40 "$log" >&2
  exit 1
fi
rm -rf "$dir/tmp" "$dir/rg"
touch "$dir/.installed"
echo "$bin"
