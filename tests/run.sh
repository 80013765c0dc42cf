#!/usr/bin/env bash
# Install what the tests need, then run the whole suite (browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null
    else
        echo "chromium and poppler-utils are needed: sudo apt-get install chromium poppler-utils" >&2
    fi
fi
python3 -m pip install -q --disable-pip-version-check -e '.[test,zensical]'
export NO_MKDOCS_2_WARNING=1
exec python3 -m pytest "$@"
