<?php
// php install.php ROOT POSTS_JSON: install WordPress into the empty test database, then
// publish each post of POSTS_JSON ([{"title": ..., "content": ...}]) and print their ids.
define('ABSPATH', rtrim($argv[1], '/') . '/');
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
require ABSPATH . 'wp-load.php';
require ABSPATH . 'wp-admin/includes/upgrade.php';
$installed = wp_install('A coach\'s blog', 'coach', 'coach@example.org', false, '', 'coach-password');
wp_set_current_user($installed['user_id']);
$ids = array();
foreach (json_decode(file_get_contents($argv[2]), true) as $post) {
    $ids[] = wp_insert_post(array(
        'post_title' => $post['title'],
        'post_content' => $post['content'],
        'post_status' => 'publish',
        'post_author' => $installed['user_id'],
    ), true);
}
echo json_encode($ids);
