/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-group-engines: pure readers of podman's and docker's container metadata (JSON). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * mg_group_parse_podman_containers:
 * @text: the contents of containers/storage's `overlay-containers/containers.json`
 * @len: its length
 * @names: (element-type utf8 utf8): receives full container id -> first name
 *
 * containers/storage keeps one array of objects with `"id"` and `"names"` (see its
 * `containers.go`, `Container` struct). Entries without both are skipped.
 *
 * Returns: %FALSE when @text is not a JSON array of objects (@names may then hold the
 *   entries before the fault)
 */
gboolean  mg_group_parse_podman_containers (const char *text,
                                            gsize       len,
                                            GHashTable *names);

/**
 * mg_group_parse_docker_config:
 * @text: the contents of docker's `containers/<id>/config.v2.json`
 * @len: its length
 *
 * Returns: (transfer full) (nullable): the container's `"Name"` without docker's
 *   leading `/`, or %NULL when @text is not a JSON object with a non-empty one
 */
char     *mg_group_parse_docker_config     (const char *text,
                                            gsize       len);

G_END_DECLS
