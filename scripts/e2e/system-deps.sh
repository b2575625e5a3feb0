#!/usr/bin/env bash
# Installs, from Debian, what the end-to-end suite needs and the machine lacks: Chromium (the
# browser playwright-core drives), Neovim (the second editor), ripgrep (seeds code-server's
# ripgrep download) and the compilers and Kerberos headers code-server's native modules build with.
set -euo pipefail
missing=()
need() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed' || missing+=("$1"); }
for package in chromium fonts-liberation neovim ripgrep libkrb5-dev build-essential python3 pkg-config curl; do
  need "$package"
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "e2e: installing from Debian: ${missing[*]}"
sudo=()
[ "$(id -u)" -ne 0 ] && sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
