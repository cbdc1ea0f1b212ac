#!/usr/bin/env bash
# The Debian packages the tests need: fonts for every script the trainees write in, WeasyPrint's
# libraries, poppler-utils to read PDFs back, and Chromium for the browser tests.
set -euo pipefail
PACKAGES=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
  fonts-noto-core fonts-noto-cjk fonts-dejavu-core
  poppler-utils chromium
)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
command="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  $command -qq
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo $command" >&2
  exit 1
fi
