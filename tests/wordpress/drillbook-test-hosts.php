<?php
/*
 * Plugin Name: Drillbook test hosts
 * Description: Test only. Lets WordPress fetch oEmbed data from the Drillbook site served on
 * 127.0.0.1 at the test's port; WordPress refuses local hosts and unusual ports by default.
 */
add_filter('http_request_host_is_external', function ($external, $host) {
    return $external || $host === '127.0.0.1';
}, 10, 2);
add_filter('http_allowed_safe_ports', function ($ports) {
    $ports[] = DRILLBOOK_TEST_PORT;
    return $ports;
});
