/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgConsumerList: the largest processes, as an MgProcessScanner last found them. */
#pragma once

#include <gtk/gtk.h>

#include "mg-process-scanner.h"

G_BEGIN_DECLS

#define MG_TYPE_CONSUMER_LIST (mg_consumer_list_get_type ())
G_DECLARE_FINAL_TYPE (MgConsumerList, mg_consumer_list, MG, CONSUMER_LIST, GtkBox)

/* How many rows the list has: the scanner's "n-results" should not be larger. */
#define MG_CONSUMER_LIST_N_ROWS 5

/**
 * mg_consumer_list_new:
 * @scanner: (nullable): the scanner whose results to show
 *
 * A heading, one row per process (name, size, PSS or RSS, and "End…" for the user's own:
 * mg_process_end_offered()) and a caption that explains the measures or says why there
 * is nothing. It shows what @scanner reports on #MgProcessScanner::updated; it asks for
 * a scan itself only when an End it started is done (mg_process_scanner_request_now()).
 *
 * Returns: (transfer floating): a new list
 */
GtkWidget        *mg_consumer_list_new         (MgProcessScanner *scanner);

MgProcessScanner *mg_consumer_list_get_scanner (MgConsumerList   *self);
void              mg_consumer_list_set_scanner (MgConsumerList   *self,
                                                MgProcessScanner *scanner);

G_END_DECLS
