/* A reader for the one shape of request the driver protocol uses: a flat
 * JSON object whose values are strings, non-negative integers, booleans
 * or null (docs/driver-protocol.md). Nested values are rejected. */
#ifndef SYNACK_JSONL_H
#define SYNACK_JSONL_H

#include <stddef.h>
#include <stdint.h>

#define JSONL_MAX_FIELDS 8

enum jsonl_kind { JSONL_STRING, JSONL_NUMBER, JSONL_BOOL, JSONL_NULL };

struct jsonl_field {
  const char *key;      /* points into the parsed line, NUL-terminated */
  enum jsonl_kind kind;
  const char *str;      /* JSONL_STRING: unescaped, NUL-terminated, in the line */
  uint64_t num;         /* JSONL_NUMBER (below 2^53), JSONL_BOOL (0 or 1) */
};

struct jsonl_object {
  size_t n;
  struct jsonl_field fields[JSONL_MAX_FIELDS];
};

/* Parses LINE in place (strings are unescaped and NUL-terminated inside
 * it). Returns NULL on success, else a static text saying what is wrong. */
const char *jsonl_parse(char *line, struct jsonl_object *out);

/* The field named KEY, or NULL. */
const struct jsonl_field *jsonl_get(const struct jsonl_object *obj, const char *key);

#endif /* SYNACK_JSONL_H */
