# Start and stop a throwaway code-server. Source this file; needs CODE_SERVER (the binary).
#
# Everything the server writes goes under the run directory: HOME, XDG_*, TMPDIR (code-server
# otherwise writes ~/.config/code-server, ~/.local/share/code-server and /tmp/vscode-ipc-*.sock),
# the user data and the extensions. The server runs in its own process group (setsid) because
# every page load starts an extension host (and our language server) that outlives the page for
# code-server's reconnection grace time; killing the group is the only complete teardown.

# code_server_env <run-dir>: the isolated environment, as `env` arguments.
code_server_env() {
  local run=$1
  echo "HOME=$run/home XDG_CONFIG_HOME=$run/home/.config XDG_DATA_HOME=$run/home/.local/share XDG_CACHE_HOME=$run/home/.cache XDG_RUNTIME_DIR=$run/home/.run TMPDIR=$run/tmp"
}

# start_code_server <run-dir> <vsix or ""> <extra env (KEY=VALUE …) or "">: prints the base URL.
start_code_server() {
  local run=$1 vsix=$2 extra_env=$3
  mkdir -p "$run"/{home/.config,home/.local/share,home/.cache,home/.run,tmp,user-data/User,extensions}
  # settings.json: no welcome page, telemetry, updates or chat; no hot exit (a fixture must not
  # come back edited); TypeScript's syntax server only and its validation off, so that two
  # tsservers do not compete with our server for the 2 cores and only Goodput's problems show.
  cp "$E2E_SCRIPTS/settings.json" "$run/user-data/User/settings.json"
  local port
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$port" > "$run/config.yaml"
  local args=(--config "$run/config.yaml" --user-data-dir "$run/user-data" --extensions-dir "$run/extensions")
  # shellcheck disable=SC2046
  if [ -n "$vsix" ] && ! env $(code_server_env "$run") "$CODE_SERVER" "${args[@]}" --install-extension "$vsix" \
    > "$run/install-extension.log" 2>&1; then
    cat "$run/install-extension.log" >&2
    return 1
  fi
  # shellcheck disable=SC2046,SC2086
  env $(code_server_env "$run") $extra_env setsid "$CODE_SERVER" "${args[@]}" --auth none \
    --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check --disable-workspace-trust \
    --disable-getting-started-override \
    > "$run/code-server.log" 2>&1 < /dev/null &
  echo $! > "$run/pgid"
  local url="http://127.0.0.1:$port"
  # Readiness is an event we can only poll for: the health endpoint answers once the server listens.
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null "$url/healthz" 2> /dev/null; then
      echo "$url"
      return 0
    fi
    kill -0 "$(cat "$run/pgid")" 2> /dev/null || break
    sleep 0.1
  done
  echo "code-server did not start; its log:" >&2
  cat "$run/code-server.log" >&2
  return 1
}

# stop_code_server <run-dir>: TERM the whole process group, KILL what is left after 5 s.
stop_code_server() {
  local pgid
  pgid=$(cat "$1/pgid" 2> /dev/null) || return 0
  rm -f "$1/pgid"
  kill -TERM -- "-$pgid" 2> /dev/null || return 0
  for _ in $(seq 1 50); do
    kill -0 -- "-$pgid" 2> /dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$pgid" 2> /dev/null || true
}
