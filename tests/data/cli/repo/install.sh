#!/bin/sh
# boxwright installer: curl -fsSL https://get.boxwright.dev | sh
set -eu

REPO="boxwright/boxwright"
BOXWRIGHT_VERSION="${BOXWRIGHT_VERSION:-latest}"
BOXWRIGHT_INSTALL_DIR="${BOXWRIGHT_INSTALL_DIR:-/usr/local/bin}"

say() { printf 'boxwright-install: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

detect_os() {
	case "$(uname -s)" in
	Linux) echo linux ;;
	Darwin) echo darwin ;;
	MINGW* | MSYS* | CYGWIN*) die "use the Scoop bucket or the MSI on Windows" ;;
	*) die "unsupported OS: $(uname -s)" ;;
	esac
}

detect_arch() {
	case "$(uname -m)" in
	x86_64 | amd64) echo amd64 ;;
	aarch64 | arm64) echo arm64 ;;
	armv7l | armv7*) echo armv7 ;;
	*) die "unsupported architecture: $(uname -m)" ;;
	esac
}

fetch() {
	if command -v curl >/dev/null 2>&1; then
		curl -fsSL --retry 3 -o "$2" "$1"
	elif command -v wget >/dev/null 2>&1; then
		wget -q -O "$2" "$1"
	else
		die "need curl or wget"
	fi
}

sha256_check() {
	if command -v sha256sum >/dev/null 2>&1; then
		sha256sum -c --ignore-missing "$1"
	elif command -v shasum256 >/dev/null 2>&1; then
		shasum -a 256 -c --ignore-missing "$1"
	else
		die "need sha256sum or shasum to verify the download"
	fi
}

main() {
	os=$(detect_os)
	arch=$(detect_arch)
	if [ "$BOXWRIGHT_VERSION" = latest ]; then
		base="https://github.com/${REPO}/releases/latest/download"
	else
		base="https://github.com/${REPO}/releases/download/v${BOXWRIGHT_VERSION#v}"
	fi
	archive="boxwright_${os}_${arch}.tar.gz"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	say "downloading ${archive}"
	fetch "${base}/${archive}" "${tmp}/${archive}"
	fetch "${base}/checksums.txt" "${tmp}/checksums.txt"
	(cd "$tmp" && sha256_check checksums.txt) || die "checksum mismatch for ${archive}"
	tar -xzf "${tmp}/${archive}" -C "$tmp" boxwright
	if [ ! -w $BOXWRIGHT_INSTALL_DIR ]; then
		say "${BOXWRIGHT_INSTALL_DIR} is not writable, using sudo"
		sudo install -m 0755 "${tmp}/boxwright" $BOXWRIGHT_INSTALL_DIR/boxwright
	else
		install -m 0755 "${tmp}/boxwright" $BOXWRIGHT_INSTALL_DIR/boxwright
	fi
	say "installed $("${BOXWRIGHT_INSTALL_DIR}/boxwright" version)"
}

main "$@"
