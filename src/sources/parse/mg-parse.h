/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse: the error domain shared by the /proc parsers and the reader that feeds them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MG_PROC_ERROR (mg_proc_error_quark ())

/**
 * MgProcError:
 * @MG_PROC_ERROR_EMPTY: the file had no content at all
 * @MG_PROC_ERROR_MISSING_KEY: a required key (such as `MemTotal:`) is absent
 * @MG_PROC_ERROR_INVALID_NUMBER: a value is not a base-10 number
 * @MG_PROC_ERROR_OVERFLOW: a value does not fit in 64 bits
 * @MG_PROC_ERROR_TRUNCATED: the text ends in the middle of a line
 * @MG_PROC_ERROR_BINARY: the text holds bytes no kernel writes there
 * @MG_PROC_ERROR_INVALID_VALUE: numbers that cannot be true together (MemTotal 0, …)
 * @MG_PROC_ERROR_MISSING_FILE: a required file does not exist
 * @MG_PROC_ERROR_READ: a file exists but could not be read
 * @MG_PROC_ERROR_TOO_LARGE: a file is larger than any kernel writes
 */
typedef enum {
  MG_PROC_ERROR_EMPTY,
  MG_PROC_ERROR_MISSING_KEY,
  MG_PROC_ERROR_INVALID_NUMBER,
  MG_PROC_ERROR_OVERFLOW,
  MG_PROC_ERROR_TRUNCATED,
  MG_PROC_ERROR_BINARY,
  MG_PROC_ERROR_INVALID_VALUE,
  MG_PROC_ERROR_MISSING_FILE,
  MG_PROC_ERROR_READ,
  MG_PROC_ERROR_TOO_LARGE,
} MgProcError;

GQuark mg_proc_error_quark (void);

G_END_DECLS
