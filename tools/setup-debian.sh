#!/usr/bin/env bash
# Installs what Onramp needs to build, test and package on Debian 12 (bookworm).
# Idempotent: does nothing when every package is already present.
set -euo pipefail

PACKAGES=(
  # toolchain
  g++ clang libclang-rt-14-dev lld clang-format cmake ninja-build ccache pkg-config git file
  # Qt 6.4 (Debian 12)
  qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev libqt6quicktest6
  qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtqml-workerscript
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-templates
  qml6-module-qtquick-layouts qml6-module-qtquick-window qml6-module-qtquick-dialogs
  qml6-module-qtquick-shapes qml6-module-qttest qml6-module-qt-labs-platform
  qml6-module-qtcore qt6-qpa-plugins
  # the file dialogs' own implementation, where the desktop offers none
  qml6-module-qt-labs-folderlistmodel
  # Qt's own words in German (the names of keys in the shortcuts)
  qt6-translations-l10n
  # crypto, storage, formats
  libsodium-dev libyaml-cpp-dev
  # the team server: libpq to build, and PostgreSQL 15 with pgTAP for its tests
  libpq-dev postgresql-15 postgresql-15-pgtap
  # the session bus the desktop notifier's test starts (dbus-run-session)
  dbus-daemon
  # headless display, packaging checks
  xvfb xauth fonts-dejavu-core desktop-file-utils appstream dpkg-dev fakeroot
  # installer: PNG icons rendered from the SVG
  librsvg2-bin
)
# SQLCipher 4.6 is only in bookworm-backports; the main suite has 3.4.
BACKPORTS_PACKAGES=(libsqlcipher-dev sqlcipher)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
sqlcipher_ok=0
if dpkg-query -W -f='${Version}' libsqlcipher-dev 2>/dev/null | grep -qE '^4\.([6-9]|[1-9][0-9])'; then
  dpkg-query -W -f='${Status}' sqlcipher 2>/dev/null | grep -q "install ok installed" && sqlcipher_ok=1
fi

if [[ ${#missing[@]} -eq 0 && $sqlcipher_ok -eq 1 ]]; then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  SUDO=sudo
else
  SUDO=
fi

if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo "setup: adding Debian bookworm-backports (for SQLCipher 4.6)"
  $SUDO tee /etc/apt/sources.list.d/bookworm-backports.sources >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi

export DEBIAN_FRONTEND=noninteractive
echo "setup: installing ${missing[*]} ${BACKPORTS_PACKAGES[*]}"
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
$SUDO apt-get install -y -q --no-install-recommends -t bookworm-backports "${BACKPORTS_PACKAGES[@]}" >/dev/null
