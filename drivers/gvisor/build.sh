#!/bin/sh
# Builds build/synack-gvisor-driver offline from Debian's packaged sources:
#   apt-get install golang-go golang-gvisor-gvisor-dev
# GOPATH mode resolves gvisor.dev/gvisor and golang.org/x/sys from
# /usr/share/gocode; nothing is fetched.
set -eu
cd "$(dirname "$0")"
mkdir -p build
GO111MODULE=off GOPATH="${GOPATH:-/usr/share/gocode}" GOFLAGS= \
	go build -o build/synack-gvisor-driver .
