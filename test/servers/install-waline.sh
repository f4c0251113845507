#!/usr/bin/env bash
# Installs the private dependencies of the Waline test server (test/servers/waline).
# Idempotent: npm ci runs only when node_modules is missing or was installed from a
# different lockfile / package.json / Node ABI (sqlite3 is a native addon built for
# one ABI). Quiet unless it fails; then npm's output is printed.
set -euo pipefail

dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/waline" && pwd)"
stamp="$dir/node_modules/.parley-install-stamp"

want="$(cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | cut -d' ' -f1)"
want="$want $(node -p 'process.platform + "-" + process.arch + "-abi" + process.versions.modules')"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

if ! (cd "$dir" && npm ci --no-audit --no-fund) >"$log" 2>&1; then
  cat "$log" >&2
  echo "install-waline.sh: npm ci failed in $dir" >&2
  exit 1
fi

# Written last, so an interrupted install is retried next time.
printf '%s\n' "$want" >"$stamp"
