#!/bin/sh
# Installs what test/servers/wordpress.mjs needs: Debian's WordPress, MariaDB
# and the PHP CLI with the extensions WordPress uses. Idempotent and quiet:
# does nothing when everything is already there, prints apt's log only on failure.
set -eu

have_all() {
  [ -f /usr/share/wordpress/wp-load.php ] &&
    command -v mariadbd >/dev/null 2>&1 &&
    command -v php >/dev/null 2>&1
}

have_all && exit 0

log=$(mktemp)
trap 'rm -f "$log"' EXIT

fail() {
  cat "$log" >&2
  echo "install-wordpress.sh: $1" >&2
  exit 1
}

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive

install() {
  $SUDO apt-get install -y --no-install-recommends \
    wordpress mariadb-server php-cli php-mysql php-curl php-xml php-mbstring php-intl >"$log" 2>&1
}

# Refresh the package lists only when they are missing or the install fails on them.
if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e '^lock$' -e '^partial$' || true)" ]; then
  $SUDO apt-get update >"$log" 2>&1 || fail "apt-get update failed"
fi
if ! install; then
  $SUDO apt-get update >"$log" 2>&1 || fail "apt-get update failed"
  install || fail "apt-get install failed"
fi

have_all || fail "packages installed but wp-load.php, mariadbd or php is still missing"
