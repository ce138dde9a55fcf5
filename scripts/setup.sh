#!/usr/bin/env bash
# Installs everything waihu's build and tests need, on a fresh machine that has
# only the Rust toolchain, Node 20 and Python. It fetches from apt, crates.io,
# npm and rustup's server only (nothing from GitHub). Idempotent: when all is
# in place it only checks, in a couple of seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi

# Debian packages: Chromium + its driver (browser tests), php-cli (the
# reference json_encode the tests compare against), a CJK font (the console's
# Chinese screens in screenshots).
apt_missing=()
command -v chromium >/dev/null 2>&1 || apt_missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || apt_missing+=(chromium-driver)
command -v php >/dev/null 2>&1 || apt_missing+=(php-cli)
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || apt_missing+=(fonts-wqy-microhei)
if [ ${#apt_missing[@]} -gt 0 ]; then
  echo "setup: apt-get install ${apt_missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

# The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
# The lint gates (make test-lint): rustfmt and clippy.
for c in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$c"; then
    rustup component add "$c"
  fi
done

# wasm-bindgen-cli at exactly the version Cargo.lock pins. Not --locked: its
# own lockfile pins a webpki-roots release this registry lacks.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  echo "setup: cargo install wasm-bindgen-cli $wb_version"
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

# wasm-pack (for `wasm-pack test`); the npm package would download from GitHub.
if ! command -v wasm-pack >/dev/null 2>&1; then
  echo "setup: cargo install wasm-pack"
  cargo install --locked wasm-pack
fi

# npm dev dependencies (binaryen's wasm-opt, TypeScript, ...), from package-lock.json.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
