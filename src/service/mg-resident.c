/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-resident: keeps the sampling process's pages in RAM, so it samples on time while the
 * machine thrashes. */

#define G_LOG_DOMAIN "memgauge-resident"

#include "config.h"

#include <errno.h>
#include <linux/capability.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mg-env.h"
#include "mg-resident.h"

/* MCL_ONFAULT is Linux 4.4 (commit b0f205c2a308); glibc 2.36 has it, older headers may not. */
#ifndef MCL_ONFAULT
#define MCL_ONFAULT 4
#endif

/* CAP_IPC_LOCK in the effective set, asked of the kernel without libcap. */
static gboolean
has_ipc_lock (void)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = { { 0 } };

  if (syscall (SYS_capget, &header, data) != 0)
    return FALSE;
  return (data[CAP_TO_INDEX (CAP_IPC_LOCK)].effective & CAP_TO_MASK (CAP_IPC_LOCK)) != 0;
}

gboolean
mg_resident_lock (void)
{
  struct rlimit limit;

  if (!mg_env_get_mlock_allowed ())
    {
      g_debug ("Not locking pages in RAM: %s=0", MG_MLOCK_ENV);
      return FALSE;
    }

  /* The kernel counts whole mappings against RLIMIT_MEMLOCK even with MCL_ONFAULT (the
   * libraries alone are tens of MiB), so only an unlimited process can afford it. */
  if (!has_ipc_lock () &&
      (getrlimit (RLIMIT_MEMLOCK, &limit) != 0 || limit.rlim_cur != RLIM_INFINITY))
    {
      g_debug ("Not locking pages in RAM: RLIMIT_MEMLOCK is limited and there is no "
               "CAP_IPC_LOCK");
      return FALSE;
    }

  /* MCL_ONFAULT: only the pages the process uses stay, not every page of every library. */
  if (mlockall (MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) != 0)
    {
      g_debug ("Not locking pages in RAM: mlockall: %s", g_strerror (errno));
      return FALSE;
    }

  g_debug ("Pages locked in RAM as they are used (mlockall with MCL_ONFAULT)");
  return TRUE;
}
