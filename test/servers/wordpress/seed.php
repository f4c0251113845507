<?php
/**
 * Installs WordPress into an empty database and seeds it for the Parley tests; run by
 * ../wordpress.mjs as `php seed.php` with PARLEY_WP_DIR and PARLEY_WP_ORIGIN set.
 * Prints one JSON object: users (with Application Passwords), post ids, comment counts.
 */

$origin = getenv('PARLEY_WP_ORIGIN');
$url = parse_url($origin);

// WordPress reads the request from $_SERVER even on the command line.
$_SERVER['HTTP_HOST'] = $url['host'] . ':' . $url['port'];
$_SERVER['SERVER_NAME'] = $url['host'];
$_SERVER['SERVER_PORT'] = $url['port'];
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';

define('ABSPATH', getenv('PARLEY_WP_DIR') . '/wordpress/'); // see router.php
define('WP_INSTALLING', true);

/** Pluggable; WordPress's own would mail the new admin, and there is no mail server. */
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {
}

ob_start(); // whatever WordPress prints must not spoil the JSON on stdout
require ABSPATH . 'wp-load.php';
require ABSPATH . 'wp-admin/includes/upgrade.php';

const ADMIN_PASSWORD = 'admin-password';
const READER_PASSWORD = 'reader-password';

/** Dies with a message on stderr when $result is a WP_Error or false, else returns it. */
function parley_check($result, $what) {
	if (is_wp_error($result) || !$result) {
		fwrite(STDERR, "seed.php: $what failed: " . (is_wp_error($result) ? $result->get_error_message() : 'false') . "\n");
		exit(1);
	}
	return $result;
}

$installed = wp_install('Parley test blog', 'admin', 'admin@example.com', true, '', wp_slash(ADMIN_PASSWORD));
parley_check($installed['user_id'] ?? false, 'wp_install');
$admin_id = (int) $installed['user_id'];
wp_set_current_user($admin_id);

// Start empty: no "Hello world!" post (and its comment), sample page or privacy page.
foreach (get_posts(['post_type' => 'any', 'post_status' => 'any', 'numberposts' => -1]) as $post) {
	wp_delete_post($post->ID, true);
}

foreach ([
	'comment_previously_approved' => 0, // guests are not held just for being new
	'comment_moderation' => 0,
	'comment_max_links' => 0, // WordPress holds comments with 2+ links by default; no test wants that by accident
	'comment_registration' => 0,
	'require_name_email' => 1,
	'thread_comments' => 1,
	'thread_comments_depth' => 5,
	'show_avatars' => 1,
	'comments_notify' => 0,
	'moderation_notify' => 0,
	'blogname' => 'Parley test blog',
	'blogdescription' => '',
] as $name => $value) {
	update_option($name, $value);
}

global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
flush_rewrite_rules(false); // no .htaccess: router.php plays mod_rewrite

$reader_id = parley_check(wp_insert_user([
	'user_login' => 'reader',
	'user_pass' => READER_PASSWORD,
	'user_email' => 'reader@example.com',
	'display_name' => 'Reader',
	'role' => 'subscriber',
]), 'creating the reader');

/** A fresh Application Password (24 characters, no spaces) for $user_id. */
function parley_app_password($user_id) {
	[$password] = parley_check(WP_Application_Passwords::create_new_application_password($user_id, ['name' => 'ci']), 'creating an application password');
	return $password;
}

function parley_post($slug, $title, $comment_status = 'open') {
	return parley_check(wp_insert_post([
		'post_name' => $slug,
		'post_title' => $title,
		'post_content' => "<p>$title, for the Parley tests.</p>",
		'post_status' => 'publish',
		'comment_status' => $comment_status,
	], true), "creating $slug");
}

/** An approved comment at $minute minutes after a fixed start (UTC is the site's timezone). */
function parley_comment($post_id, $parent_id, $minute, $author, $content) {
	$date = gmdate('Y-m-d H:i:s', gmmktime(10, 0, 0, 1, 15, 2024) + 60 * $minute);
	return parley_check(wp_insert_comment([
		'comment_post_ID' => $post_id,
		'comment_parent' => $parent_id,
		'comment_author' => $author,
		'comment_author_email' => strtolower(str_replace(' ', '', $author)) . '@example.com',
		'comment_author_url' => '',
		'comment_content' => $content,
		'comment_type' => 'comment',
		'comment_approved' => 1,
		'comment_date' => $date,
		'comment_date_gmt' => $date,
	]), "creating a comment by $author");
}

$threaded = parley_post('threaded-post', 'Threaded post');
$fresh = parley_post('fresh-post', 'Fresh post');
$closed = parley_post('closed-post', 'Closed post', 'closed');
$xss = parley_post('xss-post', 'XSS post');

// 25 top-level comments one minute apart, then replies (later than their parents):
// 1 -> 1.1 -> 1.1.1 -> 1.1.1.1, 1 -> 1.2, and 2 -> 2.1.
$roots = [];
for ($i = 1; $i <= 25; $i++) {
	$roots[$i] = parley_comment($threaded, 0, $i, "Reader $i", "<p>Comment $i</p>");
}
$minute = 30;
$reply = function ($parent, $label) use ($threaded, &$minute) {
	return parley_comment($threaded, $parent, ++$minute, "Replier $label", "<p>Reply $label</p>");
};
$r11 = $reply($roots[1], '1.1');
$r111 = $reply($r11, '1.1.1');
$reply($r111, '1.1.1.1');
$reply($roots[1], '1.2');
$reply($roots[2], '2.1');

parley_comment($closed, 0, 1, 'Reader 1', '<p>Comments are closed now.</p>');

$users = [
	'admin' => ['username' => 'admin', 'password' => ADMIN_PASSWORD, 'appPassword' => parley_app_password($admin_id), 'id' => $admin_id],
	'reader' => ['username' => 'reader', 'password' => READER_PASSWORD, 'appPassword' => parley_app_password($reader_id), 'id' => $reader_id],
];
$counts = wp_count_comments($threaded);
$roots_count = get_comments(['post_id' => $threaded, 'parent' => 0, 'status' => 'approve', 'count' => true]);

ob_end_clean();
echo wp_json_encode([
	'posts' => ['threaded' => $threaded, 'fresh' => $fresh, 'closed' => $closed, 'xss' => $xss],
	'threadedTotal' => (int) $counts->approved,
	'threadedRoots' => (int) $roots_count,
	'users' => $users,
]), "\n";
