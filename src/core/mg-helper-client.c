/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-helper-client: what the privileged helper's exit status means, in the person's words. */

#define G_LOG_DOMAIN "memgauge-helper-client"

#include "config.h"

#include <sys/wait.h>

#include <glib/gi18n-lib.h>

#include "mg-helper-client.h"

const char *
mg_swappiness_outcome_get_message (MgSwappinessOutcome outcome)
{
  switch (outcome)
    {
    case MG_SWAPPINESS_OUTCOME_CHANGED:
      return _("Swappiness was changed.");
    case MG_SWAPPINESS_OUTCOME_CANCELLED:
      /* Translators: the person closed the password dialog. */
      return _("Swappiness was not changed because authentication was cancelled.");
    case MG_SWAPPINESS_OUTCOME_NOT_AUTHORIZED:
      return _("Swappiness was not changed because you are not allowed to change it.");
    case MG_SWAPPINESS_OUTCOME_HELPER_MISSING:
      /* Translators: pkexec and the helper are program names; do not translate them. */
      return _("Swappiness cannot be changed because pkexec or memgauge-swappiness-helper "
               "is not installed.");
    case MG_SWAPPINESS_OUTCOME_INVALID_VALUE:
      return _("Swappiness was not changed because the value is not valid.");
    case MG_SWAPPINESS_OUTCOME_KERNEL_REFUSED:
      /* Translators: "Linux 5.8" is a kernel version. */
      return _("Swappiness was not changed because the kernel refused the value. "
               "Kernels before Linux 5.8 accept at most 100.");
    case MG_SWAPPINESS_OUTCOME_WRITE_FAILED:
      return _("Swappiness could not be set to the new value.");
    case MG_SWAPPINESS_OUTCOME_PERSIST_FAILED:
      return _("Swappiness was changed, but it could not be saved, so it will be reset when "
               "the computer restarts.");
    case MG_SWAPPINESS_OUTCOME_FAILED:
    default:
      /* Translators: the dialog shows the value read from the kernel next to this. */
      return _("Something went wrong while changing swappiness. The value shown is the one "
               "in use now.");
    }
}

MgSwappinessOutcome
mg_swappiness_outcome_from_wait_status (int           wait_status,
                                        const char  **out_message)
{
  MgSwappinessOutcome outcome = MG_SWAPPINESS_OUTCOME_FAILED;

  if (WIFEXITED (wait_status))
    {
      switch (WEXITSTATUS (wait_status))
        {
        case MG_SWAPPINESS_EXIT_OK:
          outcome = MG_SWAPPINESS_OUTCOME_CHANGED;
          break;
        case MG_SWAPPINESS_PKEXEC_DISMISSED:
          outcome = MG_SWAPPINESS_OUTCOME_CANCELLED;
          break;
        case MG_SWAPPINESS_PKEXEC_NOT_AUTHORIZED:
          outcome = MG_SWAPPINESS_OUTCOME_NOT_AUTHORIZED;
          break;
        case MG_SWAPPINESS_EXIT_INVALID_VALUE:
          outcome = MG_SWAPPINESS_OUTCOME_INVALID_VALUE;
          break;
        case MG_SWAPPINESS_EXIT_KERNEL_REFUSED:
          outcome = MG_SWAPPINESS_OUTCOME_KERNEL_REFUSED;
          break;
        case MG_SWAPPINESS_EXIT_WRITE_FAILED:
          outcome = MG_SWAPPINESS_OUTCOME_WRITE_FAILED;
          break;
        case MG_SWAPPINESS_EXIT_PERSIST_FAILED:
          outcome = MG_SWAPPINESS_OUTCOME_PERSIST_FAILED;
          break;
        default:
          /* USAGE and NOT_ROOT cannot happen through pkexec with the app's own arguments. */
          outcome = MG_SWAPPINESS_OUTCOME_FAILED;
          break;
        }
    }

  if (out_message != NULL)
    *out_message = mg_swappiness_outcome_get_message (outcome);

  return outcome;
}
