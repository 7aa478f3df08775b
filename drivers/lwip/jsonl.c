#include "jsonl.h"

#include <string.h>

static char *skip_ws(char *p) {
  while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
    p++;
  }
  return p;
}

/* P points after the opening quote. Unescapes in place; on success *END is
 * just after the closing quote and the string is NUL-terminated where the
 * closing quote (or an earlier position, after unescaping) was. */
static const char *parse_string(char *p, char **end) {
  char *w = p;
  for (;;) {
    char c = *p++;
    if (c == '\0') {
      return "unterminated string";
    }
    if (c == '"') {
      break;
    }
    if ((unsigned char)c < 0x20) {
      return "control character in string";
    }
    if (c == '\\') {
      char e = *p++;
      switch (e) {
        case '"': c = '"'; break;
        case '\\': c = '\\'; break;
        case '/': c = '/'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        default:
          /* \uXXXX never occurs in this protocol (ops and hex are ASCII). */
          return "unsupported escape in string";
      }
    }
    *w++ = c;
  }
  /* W <= P-1, the closing quote's position: terminating there is safe. */
  *w = '\0';
  *end = p;
  return NULL;
}

const char *jsonl_parse(char *line, struct jsonl_object *out) {
  char *p = skip_ws(line);
  out->n = 0;
  if (*p++ != '{') {
    return "not a JSON object";
  }
  p = skip_ws(p);
  if (*p == '}') {
    p++;
    return *skip_ws(p) == '\0' ? NULL : "text after the object";
  }
  for (;;) {
    struct jsonl_field f;
    const char *err;
    if (out->n == JSONL_MAX_FIELDS) {
      return "too many fields";
    }
    if (*p++ != '"') {
      return "expected a key";
    }
    f.key = p;
    if ((err = parse_string(p, &p)) != NULL) {
      return err;
    }
    p = skip_ws(p);
    if (*p++ != ':') {
      return "expected ':'";
    }
    p = skip_ws(p);
    f.str = NULL;
    f.num = 0;
    if (*p == '"') {
      f.kind = JSONL_STRING;
      f.str = ++p;
      if ((err = parse_string(p, &p)) != NULL) {
        return err;
      }
    } else if (*p >= '0' && *p <= '9') {
      f.kind = JSONL_NUMBER;
      while (*p >= '0' && *p <= '9') {
        if (f.num >= (UINT64_C(1) << 53)) {
          return "number too large";
        }
        f.num = f.num * 10 + (uint64_t)(*p - '0');
        p++;
      }
      if (*p == '.' || *p == 'e' || *p == 'E') {
        return "number is not an integer";
      }
    } else if (strncmp(p, "true", 4) == 0) {
      f.kind = JSONL_BOOL;
      f.num = 1;
      p += 4;
    } else if (strncmp(p, "false", 5) == 0) {
      f.kind = JSONL_BOOL;
      p += 5;
    } else if (strncmp(p, "null", 4) == 0) {
      f.kind = JSONL_NULL;
      p += 4;
    } else {
      return "unsupported value (nested or negative)";
    }
    out->fields[out->n++] = f;
    p = skip_ws(p);
    if (*p == ',') {
      p = skip_ws(p + 1);
      continue;
    }
    if (*p == '}') {
      p++;
      return *skip_ws(p) == '\0' ? NULL : "text after the object";
    }
    return "expected ',' or '}'";
  }
}

const struct jsonl_field *jsonl_get(const struct jsonl_object *obj, const char *key) {
  for (size_t i = 0; i < obj->n; i++) {
    if (strcmp(obj->fields[i].key, key) == 0) {
      return &obj->fields[i];
    }
  }
  return NULL;
}
