#!/usr/bin/env bash
# Install what the tests need, then run the whole suite (browser and WordPress tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian packages: Chromium for the browser tests, poppler-utils for the PDF tests, and a real
# WordPress (with MariaDB and PHP) for the embed tests; the tests start MariaDB and PHP themselves.
PACKAGES="chromium poppler-utils wordpress mariadb-server php-cli php-mysql"
if ! command -v chromium >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1 \
    || ! command -v mariadbd >/dev/null 2>&1 || ! command -v php >/dev/null 2>&1 \
    || ! [ -f /usr/share/wordpress/wp-settings.php ] || ! php -m 2>/dev/null | grep -qx mysqli; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES >/dev/null
    else
        echo "these Debian packages are needed: sudo apt-get install $PACKAGES" >&2
    fi
fi
python3 -m pip install -q --disable-pip-version-check -e '.[test,zensical]'
export NO_MKDOCS_2_WARNING=1
exec python3 -m pytest "$@"
