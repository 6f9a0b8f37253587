#!/bin/sh
# Fetches axe-core (the WCAG checker the browser tests inject into every page they visit) from
# the npm registry into var/axe/, pinned, once; installs npm (Debian) when it is missing.
# The minified file is not committed: it is MPL-2.0 and fetched by version like any dependency.
set -eu
AXE_VERSION="4.10.3"
DEST="$(dirname "$0")/../var/axe"
[ -s "$DEST/axe-$AXE_VERSION.min.js" ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm >/dev/null
fi
mkdir -p "$DEST"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "axe-core@$AXE_VERSION" >/dev/null && tar -xzf "axe-core-$AXE_VERSION.tgz")
cp "$work/package/axe.min.js" "$DEST/axe-$AXE_VERSION.min.js"
cp "$work/package/LICENSE" "$DEST/LICENSE-axe-core"
echo "axe-core $AXE_VERSION in $DEST"
