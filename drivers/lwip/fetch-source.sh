#!/bin/sh
# Puts lwIP 2.1.3's core sources in drivers/lwip/lwip-2.1.3/ (not in git):
# from Debian's source package `lwip` (2.1.3+dfsg1-2, upstream's release
# tarball less non-free documentation), by name with apt, as every other
# package synack needs. Debian's binary package cannot be used (see
# README.md). Needs root (to add the deb-src entry once) and apt.
set -eu
cd "$(dirname "$0")"
if [ -f lwip-2.1.3/src/core/tcp.c ]; then
	exit 0
fi
version=2.1.3+dfsg1
sources=/etc/apt/sources.list.d/synack-deb-src.sources
if ! apt-get source --print-uris "lwip=${version}-2" >/dev/null 2>&1; then
	cat >"$sources" <<SOURCES
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
	apt-get update -qq
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get source --download-only -qq "lwip=${version}-2" 2>/dev/null)
tar -xJf "$work/lwip_${version}.orig.tar.xz" -C "$work"
mkdir -p lwip-2.1.3/src
cp -r "$work/lwip-2.1.3/src/core" "$work/lwip-2.1.3/src/include" lwip-2.1.3/src/
cp "$work/lwip-2.1.3/COPYING" "$work/lwip-2.1.3/README" lwip-2.1.3/
echo "lwIP ${version} sources in $(pwd)/lwip-2.1.3"
