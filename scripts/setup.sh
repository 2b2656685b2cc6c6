#!/usr/bin/env bash
# Installs everything the edition needs on a fresh Debian machine (Python 3.11+ with pip).
#   scripts/setup.sh          the package and what building the edition needs
#   scripts/setup.sh --test   the same, plus what the test suite needs
# Debian packages are installed only when missing (as root, or through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

# What building needs (grows with the builders).
# fonts-linuxlibertine: the edition's type, for print (small caps, old-style figures,
# Cyrillic) and for the web edition (subset into the site: no remote fonts).
# libenchant-2-2, hunspell-en-us, hunspell-en-gb: edition proof (PyEnchant reads Hunspell's
# English dictionaries through the Enchant library).
BUILD_DEBS=(fonts-linuxlibertine libenchant-2-2 hunspell-en-us hunspell-en-gb)
# What the tests need on top: trang (schema/edition.rnc -> .rng check);
# poppler-utils (pdffonts, pdftotext, pdftohtml: the PDF tests read the books back);
# chromium: the web edition's browser tests (Playwright) and DAISY Ace for the EPUBs.
TEST_DEBS=(trang poppler-utils chromium)
# Commands the tests need, with the Debian package that provides each where the command is
# missing (a machine may have them from elsewhere): java for the Nu Html Checker and
# EPUBCheck, node and npm for DAISY Ace, the Nu checker and axe-core.
TEST_COMMANDS=(java:default-jre-headless node:nodejs npm:npm)

debs=("${BUILD_DEBS[@]}")
extras=""
if [[ "${1:-}" == "--test" ]]; then
  debs+=("${TEST_DEBS[@]}")
  extras="[test]"
fi

missing=()
if [[ "${1:-}" == "--test" ]]; then
  for pair in "${TEST_COMMANDS[@]}"; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
fi
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

# The checkers, pinned, installed here so that no test fetches anything: the web edition's
# (vnu-jar, axe-core) into .cache/npm; DAISY Ace for the EPUBs from tools/ace's lock file
# (Puppeteer must not download a browser: Ace uses /usr/bin/chromium).
if [[ "${1:-}" == "--test" ]]; then
  npm install --silent --no-audit --no-fund --no-save --ignore-scripts --prefix .cache/npm \
    vnu-jar@26.9.27 axe-core@4.14.1
  (cd tools/ace && PUPPETEER_SKIP_DOWNLOAD=true npm ci --no-audit --no-fund --loglevel=error)
fi
