/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-sysctl-private: the small I/O helpers the privileged files share; not public API. */
#pragma once

#include <glib.h>
#include <sys/types.h>

#include "mg-sysctl.h"

G_BEGIN_DECLS

/* open() and fsync() that retry EINTR. */
int      mg_sysctl_open      (const char *path,
                              int         flags,
                              mode_t      mode);
gboolean mg_sysctl_fsync     (int         fd);

/* Writes all of @buf to @fd; on failure returns FALSE with *@out_errno set. */
gboolean mg_sysctl_write_all (int          fd,
                              const char  *buf,
                              gsize        len,
                              int         *out_errno);

/* One read of at most @size - 1 bytes of @fd, NUL-terminated; returns the length or -1 with
 * errno set. */
gssize   mg_sysctl_read_fd   (int          fd,
                              char        *buf,
                              gsize        size);

/* Appends "KEY=VALUE WORD\n" to @report. */
void     mg_sysctl_report    (GString     *report,
                              MgSysctlKey  key,
                              guint64      value,
                              const char  *word);

G_END_DECLS
