<?php
/**
 * wp-config.php of one test run, linked into the run's WordPress tree by ../wordpress.mjs.
 * Everything run-specific comes from the environment (PARLEY_WP_DIR, PARLEY_WP_ORIGIN);
 * ABSPATH is already set (by router.php or seed.php).
 */

$parley_dir = getenv('PARLEY_WP_DIR');
$parley_origin = getenv('PARLEY_WP_ORIGIN');

// MariaDB of this run, root over its Unix socket (no password, no TCP).
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:' . $parley_dir . '/mysqld.sock');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
$table_prefix = 'wp_';

define('WP_HOME', $parley_origin);
define('WP_SITEURL', $parley_origin);
define('WP_CONTENT_DIR', ABSPATH . 'wp-content'); // the run's own directory (mu-plugins), not a link
define('WP_CONTENT_URL', $parley_origin . '/wp-content');

// Application Passwords are only offered over https or in a 'local' environment.
define('WP_ENVIRONMENT_TYPE', 'local');

// No background work and no network: no cron, no update checks, no outgoing HTTP.
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);

// Notices must never end up in a JSON response; php -S logs them to the run's php.log.
define('WP_DEBUG', false);
ini_set('display_errors', '0');

require_once ABSPATH . 'wp-settings.php';
