#!/bin/sh
# Installs the Debian packages the test suite needs when they are missing:
# the system Chromium (browser tests), poppler-utils (PDF to PNG), gettext (translations),
# fonts-liberation2 (metric-compatible Times New Roman for documents),
# LibreOffice Writer without GUI (the PDF of generated Word reports); and axe-core (npm).
set -eu
sh "$(dirname "$0")/ensure-axe.sh"  # axe-core from the npm registry, for the browser tests
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v msgfmt >/dev/null 2>&1 || missing="$missing gettext"
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-writer-nogui"
[ -d /usr/share/fonts/truetype/liberation2 ] || missing="$missing fonts-liberation2"
[ -z "$missing" ] && exit 0
echo "Installing system packages:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
