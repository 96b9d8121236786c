/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mg-parse-prom-query: Prometheus's JSON answer to MG_PROM_QUERY, one MgPromHost per
 * instance. */

#define G_LOG_DOMAIN "memgauge-remote"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mg-parse-prom-query.h"

void
mg_prom_host_free (MgPromHost *host)
{
  if (host == NULL)
    return;
  g_free (host->instance);
  g_free (host->error);
  g_free (host);
}

/* json-glib's parser recurses once per level: a few MiB of "[" would exhaust the stack. */
static gboolean
check_depth (const char  *text,
             gsize        len,
             GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MG_PROM_MAX_DEPTH)
            {
              g_set_error_literal (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_TOO_LARGE,
                                   _("not a Prometheus answer: nested too deep"));
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static int
field_of (JsonObject *metric)
{
  const char *name = member_string (metric, "__name__");
  const char *psi = member_string (metric, "memgauge_psi");

  if (psi != NULL)
    return strcmp (psi, "some") == 0 ? MG_REMOTE_PSI_SOME
           : strcmp (psi, "full") == 0 ? MG_REMOTE_PSI_FULL : -1;
  if (name == NULL)
    return -1;
  for (int field = MG_REMOTE_MEM_TOTAL; field <= MG_REMOTE_SWAP_FREE; field++)
    if (strcmp (name, mg_remote_field_metric (field)) == 0)
      return field;
  return -1;
}

/* `[ <time>, "<value>" ]`: Prometheus writes values as strings, NaN and ±Inf included. */
static gboolean
read_value (JsonNode *node,
            double   *value)
{
  JsonArray *pair;
  JsonNode *text_node;
  const char *text;
  char *end = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  pair = json_node_get_array (node);
  if (json_array_get_length (pair) != 2)
    return FALSE;
  text_node = json_array_get_element (pair, 1);
  if (!JSON_NODE_HOLDS_VALUE (text_node) || json_node_get_value_type (text_node) != G_TYPE_STRING)
    return FALSE;
  text = json_node_get_string (text_node);
  if (*text == '\0' || strlen (text) > 40)
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return *end == '\0';
}

static void
set_host_error (MgPromHost *host,
                GError     *error)
{
  if (host->error == NULL)
    host->error = g_strdup (error->message);
}

static gboolean
add_item (GHashTable  *hosts,
          JsonNode    *item_node,
          GError     **error)
{
  JsonObject *item;
  JsonNode *metric_node;
  JsonObject *metric;
  const char *instance;
  MgPromHost *host;
  double value = 0.0;
  int field;
  g_autoptr(GError) value_error = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (item_node))
    goto bad;
  item = json_node_get_object (item_node);
  metric_node = json_object_get_member (item, "metric");
  if (metric_node == NULL || !JSON_NODE_HOLDS_OBJECT (metric_node))
    goto bad;
  metric = json_node_get_object (metric_node);
  instance = member_string (metric, "instance");
  field = field_of (metric);
  /* Series of no machine, or metrics the query did not ask for: nothing to show. */
  if (instance == NULL || field < 0)
    return TRUE;
  if (strlen (instance) > MG_REMOTE_MAX_LABEL)
    {
      g_set_error_literal (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_TOO_LARGE,
                           _("an instance label is over the limit of 4096 bytes"));
      return FALSE;
    }

  host = g_hash_table_lookup (hosts, instance);
  if (host == NULL)
    {
      if (g_hash_table_size (hosts) >= MG_REMOTE_MAX_HOSTS)
        {
          g_set_error_literal (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_TOO_LARGE,
                               _("more than 1000 machines in one answer"));
          return FALSE;
        }
      host = g_new0 (MgPromHost, 1);
      host->instance = g_strdup (instance);
      host->memory.psi_is_rate = TRUE;
      g_hash_table_insert (hosts, host->instance, host);
    }

  if (!read_value (json_object_get_member (item, "value"), &value))
    goto bad;
  if (mg_remote_memory_has (&host->memory, field))
    {
      g_set_error_literal (&value_error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_INVALID_VALUE,
                           _("a memory metric appears twice (two exporters with one instance label?)"));
      set_host_error (host, value_error);
      return TRUE;
    }
  /* A rate is seconds per second: at most 1, but counters reset and scrapes jitter. */
  if (!mg_remote_check_value (field, value, &value_error))
    {
      set_host_error (host, value_error);
      return TRUE;
    }
  host->memory.value[field] = value;
  host->memory.present |= 1u << field;
  return TRUE;

bad:
  g_set_error_literal (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_SYNTAX,
                       _("not a Prometheus answer: a result is not a sample"));
  return FALSE;
}

static gint
compare_hosts (gconstpointer a,
               gconstpointer b)
{
  const MgPromHost *x = *(MgPromHost *const *) a;
  const MgPromHost *y = *(MgPromHost *const *) b;

  return strcmp (x->instance, y->instance);
}

static JsonArray *
result_of (JsonNode  *root,
           GError   **error)
{
  JsonObject *answer;
  JsonNode *data_node;
  JsonObject *data;
  const char *status;
  const char *type;
  JsonNode *result;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto bad;
  answer = json_node_get_object (root);
  status = member_string (answer, "status");
  if (g_strcmp0 (status, "error") == 0)
    {
      const char *message = member_string (answer, "error");
      /* A message of the server's, cut at 200 bytes (make_valid repairs a cut character). */
      gssize cut = message != NULL ? (gssize) strnlen (message, 200) : 0;
      g_autofree char *valid = g_utf8_make_valid (message != NULL ? message : "", cut);

      g_set_error (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_QUERY,
                   /* Translators: %s is Prometheus's own message, in English */
                   _("Prometheus refused the query: %s"), valid);
      return NULL;
    }
  data_node = json_object_get_member (answer, "data");
  if (g_strcmp0 (status, "success") != 0 || data_node == NULL ||
      !JSON_NODE_HOLDS_OBJECT (data_node))
    goto bad;
  data = json_node_get_object (data_node);
  type = member_string (data, "resultType");
  result = json_object_get_member (data, "result");
  if (g_strcmp0 (type, "vector") != 0 || result == NULL || !JSON_NODE_HOLDS_ARRAY (result))
    goto bad;
  return json_node_get_array (result);

bad:
  g_set_error_literal (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_SYNTAX,
                       _("not a Prometheus answer: no vector of results"));
  return NULL;
}

GPtrArray *
mg_parse_prom_query (const char  *text,
                     gsize        len,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autoptr(GHashTable) hosts = NULL;
  g_autoptr(GPtrArray) out = NULL;
  JsonArray *result;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (len > MG_REMOTE_MAX_RESPONSE)
    {
      g_set_error_literal (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_TOO_LARGE,
                           _("response over 4 MiB"));
      return NULL;
    }
  if (!check_depth (text, len, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (len == 0 || !json_parser_load_from_data (parser, text, (gssize) len, &json_error))
    {
      g_set_error (error, MG_REMOTE_ERROR, MG_REMOTE_ERROR_SYNTAX,
                   /* Translators: %s is json-glib's message */
                   _("not a Prometheus answer: %s"),
                   json_error != NULL ? json_error->message : _("the response is empty"));
      return NULL;
    }
  result = result_of (json_parser_get_root (parser), error);
  if (result == NULL)
    return NULL;

  hosts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                 (GDestroyNotify) mg_prom_host_free);
  for (guint i = 0; i < json_array_get_length (result); i++)
    if (!add_item (hosts, json_array_get_element (result, i), error))
      return NULL;

  out = g_ptr_array_new_full (g_hash_table_size (hosts), (GDestroyNotify) mg_prom_host_free);
  g_hash_table_iter_init (&iter, hosts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      MgPromHost *host = value;
      g_autoptr(GError) check_error = NULL;

      g_hash_table_iter_steal (&iter);
      if (host->error == NULL && !mg_remote_memory_check (&host->memory, &check_error))
        host->error = g_strdup (check_error->message);
      g_ptr_array_add (out, host);
    }
  g_ptr_array_sort (out, compare_hosts);

  return g_steal_pointer (&out);
}
