#!/usr/bin/env bash
# Runs every test. On first use it installs what the tests need beyond the .NET SDK and Node.js:
# the pinned npm packages (Azurite, the Adaptive Cards parser, the Microsoft 365 Agents Playground).
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing the pinned npm test tools (npm ci)..."
  npm ci --no-audit --no-fund
fi

exec dotnet test InterviewBot.sln "$@"
