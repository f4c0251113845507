<?php
/**
 * Plugin Name: Parley test site
 * Description: Site behaviour the Parley browser tests rely on (test/servers/wordpress.mjs).
 */

/** Whether a comment author's email is at $domain (case-insensitive). */
function parley_email_at($email, $domain) {
	return str_ends_with(strtolower((string) $email), '@' . $domain);
}

// Guests may comment through the REST API (WordPress answers 401 rest_comment_login_required otherwise).
add_filter('rest_allow_anonymous_comments', '__return_true');

// Authors at @moderated.example are held for moderation, so tests can get a held comment on purpose.
add_filter('pre_comment_approved', function ($approved, $comment) {
	if (is_wp_error($approved) || 'spam' === $approved || 'trash' === $approved) {
		return $approved;
	}
	return parley_email_at($comment['comment_author_email'] ?? '', 'moderated.example') ? 0 : $approved;
}, 10, 2);

// Every test posts from 127.0.0.1, so WordPress's flood check (one comment per IP per 15 s)
// would fail tests at random. Check floods only for authors at @flood.example, by email alone.
remove_action('check_comment_flood', 'check_comment_flood_db', 10);
add_filter('wp_is_comment_flood', function ($is_flood, $ip, $email, $date, $avoid_die = false) {
	if (!parley_email_at($email, 'flood.example')) {
		return false;
	}
	// WordPress's own check, given an IP no comment has, so that only the email matches.
	return wp_check_comment_flood($is_flood, 'none', $email, $date, $avoid_die);
}, 10, 5);

// There is no mail server: comment notifications must not try to send mail.
add_filter('pre_wp_mail', '__return_false');
