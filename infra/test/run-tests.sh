#!/usr/bin/env bash
# Runs every test of EnterpriseDistrib, after installing what the tests need when it is missing.
# Usage: infra/test/run-tests.sh [extra dotnet test arguments]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"

# Real BitTorrent tools the interop tests drive, and GNU time for the benchmarks; Debian package names.
needed_packages=()
command -v aria2c >/dev/null || needed_packages+=(aria2)
command -v transmission-create >/dev/null || needed_packages+=(transmission-cli)
command -v mktorrent >/dev/null || needed_packages+=(mktorrent)
command -v opentracker >/dev/null || needed_packages+=(opentracker)
command -v socat >/dev/null || needed_packages+=(socat)
[ -x /usr/bin/time ] || needed_packages+=(time)
# A PostgreSQL server the tests start as a throwaway cluster (unless EDIST_TEST_POSTGRES names one).
if [ -z "${EDIST_TEST_POSTGRES:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  needed_packages+=(postgresql)
fi
if [ ${#needed_packages[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${needed_packages[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${needed_packages[@]}" >/dev/null
fi

dotnet build EnterpriseDistrib.sln -c Release -nologo -v quiet
dotnet test EnterpriseDistrib.sln -c Release --no-build -nologo "$@"
