<?php
// PHP's built-in server, serving Debian's WordPress through the test's own copy of its
// top folder (tests/wordpress/__init__.py lays it out): static files as they are, every
// other path through WordPress's index.php, as Apache's rewrite rules would.
define('ABSPATH', rtrim($_SERVER['DOCUMENT_ROOT'], '/') . '/');
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$file = realpath(ABSPATH . ltrim($path, '/'));
if ($file !== false && is_dir($file)) {
    $file = realpath($file . '/index.php');
}
if ($file !== false && is_file($file) && substr($file, -4) !== '.php') {
    return false;
}
if ($file === false || !is_file($file)) {
    $file = ABSPATH . 'index.php';
}
$_SERVER['SCRIPT_NAME'] = $path;
$_SERVER['PHP_SELF'] = $path;
chdir(dirname($file));
require $file;
