/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thrash-hog: allocates more than its memory group holds and keeps touching it, so that the
 * kernel swaps for as long as it runs (build-aux/measure-thrash.sh). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include <glib.h>

int
main (int   argc,
      char *argv[])
{
  guint64 mib;
  double seconds;
  gsize size;
  guint8 *memory;
  guint32 x = 2463534242u;
  gint64 end;
  FILE *adj;

  if (argc != 3 || (mib = g_ascii_strtoull (argv[1], NULL, 10)) == 0 ||
      (seconds = g_ascii_strtod (argv[2], NULL)) <= 0)
    {
      fprintf (stderr, "usage: thrash-hog MIB SECONDS\n");
      return 2;
    }

  /* If anything is to be killed for lack of memory, it is this. */
  adj = fopen ("/proc/self/oom_score_adj", "w");
  if (adj != NULL)
    {
      fputs ("1000\n", adj);
      fclose (adj);
    }

  size = (gsize) mib << 20;
  memory = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED)
    {
      perror ("thrash-hog: mmap");
      return 1;
    }

  end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  /* Half of each page pseudo-random, half zero: pages compress about 2:1 in zram, like a
   * real heap, and none is "same-filled". Then random pages, again and again. */
  for (gsize off = 0; off < size; off += 4096)
    {
      for (gsize i = 0; i < 2048; i += 4)
        {
          x ^= x << 13; x ^= x >> 17; x ^= x << 5;
          memcpy (memory + off + i, &x, 4);
        }
      if ((off & ((64 << 20) - 1)) == 0 && g_get_monotonic_time () > end)
        return 0;
    }
  while (size >= 4096 && g_get_monotonic_time () < end)
    {
      for (guint n = 0; n < 1024; n++)
        {
          x ^= x << 13; x ^= x >> 17; x ^= x << 5;
          memory[((gsize) x % (size / 4096)) * 4096 + (x & 2047)] ^= 1;
        }
    }

  return 0;
}
