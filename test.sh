#!/usr/bin/env bash
# Runs every test. On first use it installs what the tests need beyond the .NET SDK and Node.js:
# the pinned npm packages (Azurite, the Adaptive Cards parser, the Microsoft 365 Agents Playground) and
# Debian's postgresql package, from which the multi-instance tests start a throwaway server of their own.
set -euo pipefail
cd "$(dirname "$0")"

postgresql_installed() {
  local bin
  for bin in /usr/lib/postgresql/*/bin; do
    if command -v "$bin/initdb" >/dev/null && command -v "$bin/pg_ctl" >/dev/null && command -v "$bin/postgres" >/dev/null; then
      return 0
    fi
  done
  return 1
}
if ! postgresql_installed; then
  echo "Installing PostgreSQL (Debian's postgresql package)..."
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    as_root=(sudo)
  fi
  "${as_root[@]}" apt-get update
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing the pinned npm test tools (npm ci)..."
  npm ci --no-audit --no-fund
fi

exec dotnet test InterviewBot.sln "$@"
