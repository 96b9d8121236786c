/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MgPsiTrigger: a kernel PSI trigger on pressure/memory that wakes the monitor when stalls start. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 150 ms of stalls within a 2 s window: the shortest window unprivileged triggers take
 * (a multiple of 2 s on Linux 6.4+ and 6.1.42+; shorter ones need CAP_SYS_RESOURCE). */
#define MG_PSI_TRIGGER_DEFAULT "some 150000 2000000"

typedef void (*MgPsiTriggerFunc) (gpointer user_data);

typedef struct _MgPsiTrigger MgPsiTrigger;

/**
 * mg_psi_trigger_new:
 * @proc_root: where the kernel's proc files are, "/proc" outside tests
 * @spec: the trigger, as written to the file (%MG_PSI_TRIGGER_DEFAULT)
 * @func: called on the main context each time the trigger fires
 * @user_data: for @func
 *
 * Arms a trigger on `PROC_ROOT/pressure/memory`. Where that is refused (no PSI, a
 * kernel that wants other windows, a file that is not the kernel's, as in a test's proc
 * root), logs one debug line and returns %NULL: the caller carries on without.
 *
 * Returns: (transfer full) (nullable): the armed trigger
 */
MgPsiTrigger *mg_psi_trigger_new          (const char       *proc_root,
                                           const char       *spec,
                                           MgPsiTriggerFunc  func,
                                           gpointer          user_data);

/**
 * mg_psi_trigger_new_for_fd:
 * @fd: (transfer full): a descriptor to watch for urgent data (POLLPRI)
 *
 * As mg_psi_trigger_new() for a descriptor already armed: for tests, which drive it
 * with sockets (out-of-band data is POLLPRI) and pipes (a closed reader is POLLERR).
 */
MgPsiTrigger *mg_psi_trigger_new_for_fd   (int               fd,
                                           MgPsiTriggerFunc  func,
                                           gpointer          user_data);

/* Whether the trigger is still watched: an error on its descriptor drops it for good. */
gboolean      mg_psi_trigger_is_armed     (const MgPsiTrigger *trigger);
/* How many times it fired. */
guint         mg_psi_trigger_get_n_events (const MgPsiTrigger *trigger);
void          mg_psi_trigger_free         (MgPsiTrigger     *trigger);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MgPsiTrigger, mg_psi_trigger_free)

G_END_DECLS
