#!/usr/bin/env bash
# `npm run test:e2e`: Goodput in real editors. Packages goodput.vsix, installs it into a throwaway
# code-server, drives it with headless Chromium (test/e2e/code-server/), runs the extension-host
# suite of `npm run test:vscode` in the same code-server, and attaches the bundled server to
# headless Neovim (test/e2e/neovim/). Screenshots and logs go to test-artifacts/e2e/.
#
# Environment: GOODPUT_E2E_CACHE (default .cache/e2e: code-server install), GOODPUT_E2E_ONLY
# (ui, exthost or neovim: run one part), GOODPUT_E2E_KEEP=1 (keep the run folder for debugging).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
export E2E_SCRIPTS="$REPO/scripts/e2e"
CACHE=${GOODPUT_E2E_CACHE:-$REPO/.cache/e2e}
ARTIFACTS=$REPO/test-artifacts/e2e
ONLY=${GOODPUT_E2E_ONLY:-}
START=$(date +%s)
lap() { echo "[e2e +$(($(date +%s) - START))s] $*"; }
wants() { [ -z "$ONLY" ] || [ "$ONLY" = "$1" ]; }

# shellcheck source=scripts/e2e/code-server.sh
. "$E2E_SCRIPTS/code-server.sh"

"$E2E_SCRIPTS/system-deps.sh"
lap "system packages present: $(chromium --version 2> /dev/null | head -1), $(nvim --version | head -1)"
CODE_SERVER=$("$E2E_SCRIPTS/install-code-server.sh" "$CACHE")
export CODE_SERVER
# (not `code-server --version`: outside the isolated HOME it writes ~/.config/code-server)
lap "code-server $(node -p "require('$(dirname "$CODE_SERVER")/../code-server/package.json').version")"

npm run --silent package > /dev/null
node scripts/e2e/bundle-exthost-suite.mjs
lap "packaged goodput.vsix ($(stat -c %s goodput.vsix) bytes), bundled the extension-host suite"

RUN=$(mktemp -d "${TMPDIR:-/tmp}/goodput-e2e.XXXXXX")
rm -rf "$ARTIFACTS"
mkdir -p "$ARTIFACTS"
cleanup() {
  stop_code_server "$RUN/ui"
  stop_code_server "$RUN/exthost"
  for part in ui exthost; do
    [ -f "$RUN/$part/code-server.log" ] && cp "$RUN/$part/code-server.log" "$ARTIFACTS/code-server-$part.log"
  done
  if [ "${GOODPUT_E2E_KEEP:-}" = 1 ]; then echo "e2e: kept $RUN"; else rm -rf "$RUN"; fi
}
trap cleanup EXIT

# A fresh copy of examples/ per editor session: fixes are saved to disk.
fresh_workspace() {
  rm -rf "$1"
  cp -r examples "$1"
}

# Drivers run with their own HOME/XDG_*/TMPDIR too: Chromium writes ~/.config/chromium otherwise.
isolated() {
  local dir=$RUN/driver-home
  mkdir -p "$dir"/{home/.config,home/.local/share,home/.cache,home/.run,tmp}
  # shellcheck disable=SC2046
  env $(code_server_env "$dir") "$@"
}

status=0
if wants ui; then
  fresh_workspace "$RUN/ui-workspace"
  url=$(start_code_server "$RUN/ui" "$REPO/goodput.vsix" "")
  lap "code-server (goodput.vsix installed) at $url"
  isolated node --import tsx test/e2e/code-server/ui.e2e.ts "$url" "$RUN/ui-workspace" "$ARTIFACTS" || status=1
  stop_code_server "$RUN/ui"
  lap "VS Code UI steps done"
fi

if wants exthost; then
  fresh_workspace "$RUN/exthost-workspace"
  url=$(start_code_server "$RUN/exthost" "" "")
  isolated node --import tsx test/e2e/code-server/exthost.e2e.ts "$url" "$RUN/exthost-workspace" "$REPO" \
    "$REPO/out/e2e/vscode-suite/index.js" || status=1
  stop_code_server "$RUN/exthost"
  lap "extension-host suite done"
fi

if wants neovim; then
  fresh_workspace "$RUN/nvim-workspace"
  isolated node --import tsx test/e2e/neovim/neovim.e2e.ts "$RUN/nvim-workspace" || status=1
  lap "Neovim done"
fi

ls "$ARTIFACTS"/*.png > /dev/null 2>&1 && lap "screenshots: $(ls "$ARTIFACTS"/*.png | sed "s|$REPO/||" | tr '\n' ' ')"
if [ $status -eq 0 ]; then lap "e2e passed"; else lap "e2e FAILED (artifacts in test-artifacts/e2e/)"; fi
exit $status
