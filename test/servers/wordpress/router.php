<?php
/**
 * Router for `php -S` (started by ../wordpress.mjs): serves one test run's WordPress tree,
 * a tree of links to Debian's /usr/share/wordpress plus the run's own wp-config.php and
 * wp-content/. Environment: PARLEY_WP_DIR (the run's temp dir), PARLEY_WP_ORIGIN.
 */

// Set before any WordPress file runs: wp-load.php then reads ABSPATH/wp-config.php (this
// run's) instead of Debian's wp-config.php, which would look for a file in /etc/wordpress.
// Constants survive `return false`, so this also holds for the scripts php -S runs itself.
define('ABSPATH', getenv('PARLEY_WP_DIR') . '/wordpress/');

$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
$file = ABSPATH . ltrim($path, '/');
if (!str_contains($path, '..') && (is_file($file) || is_file(rtrim($file, '/') . '/index.php'))) {
	return false; // a static file or a script: php -S serves it from the document root
}

// Anything else (pretty permalinks, /wp-json/...) goes to the front controller, as mod_rewrite would.
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = ABSPATH . 'index.php';
require ABSPATH . 'index.php';
