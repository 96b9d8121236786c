/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Remote machines for the C tests: a real node_exporter over a fixture proc root, and a
 * stand-in that wants basic authentication (tests/lib/basic_auth_server.py). */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A TCP port on 127.0.0.1 that nothing listens on now. */
guint        mg_test_free_port          (void);

/* Starts /usr/bin/prometheus-node-exporter (meminfo collector only) over a copy of
 * tests/fixtures/proc/@fixture below @tmp and waits until it accepts connections; @url gets
 * its /metrics URL. The test is skipped (or fails with MEMGAUGE_TEST_NO_SKIP) without it:
 * returns %NULL then. */
GSubprocess *mg_test_node_exporter_start (const char  *fixture,
                                          const char  *tmp,
                                          char       **url);

/* Starts basic_auth_server.py wanting @credentials ("user:password"; "" for none) and
 * serving tests/fixtures/remote/node-exporter-1.5.txt, over HTTPS with @cert and @key (PEM
 * files) unless they are %NULL; @url gets its /metrics URL. */
GSubprocess *mg_test_auth_server_start  (const char  *credentials,
                                         const char  *cert,
                                         const char  *key,
                                         char       **url);

/* Ends a server started above and waits for it. */
void         mg_test_server_stop        (GSubprocess *server);

G_END_DECLS
