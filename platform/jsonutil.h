/*
 * jsonutil — strict parsing of JSON requests with jansson, and dumping into a buf.
 *
 * A request body is parsed with a size limit (duplicate keys are an error), its
 * fields are checked against the allowed set (an unknown field is an error), and
 * each field is read with its type, range and presence checked. Every failure
 * fills a struct jsonutil_err with a message fit for an API error response
 * (`field "qos" must be an integer between 0 and 2`).
 *
 * Getters return 0 when the field is present and valid (*out set),
 * JSONUTIL_ABSENT when an optional field is absent (*out untouched), or -EINVAL
 * (message set) when it is required and absent, or has a wrong type or value.
 * JSON null is a value of the wrong type, not an absent field. Strings and
 * objects handed out are borrowed from obj.
 */
#ifndef PLATFORM_JSONUTIL_H
#define PLATFORM_JSONUTIL_H

#include "platform/buf.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JSONUTIL_ERR_MAX  256
#define JSONUTIL_ID_MAX   63 /* characters of an id */
#define JSONUTIL_ABSENT   1  /* getter: the optional field is not there */
#define JSONUTIL_REQUIRED 0x1u
#define JSONUTIL_NONEMPTY 0x2u /* strings: "" is refused */

struct jsonutil_err {
    char msg[JSONUTIL_ERR_MAX];
};

/* Parse len bytes (no NUL needed). 0 with *out a new reference; -E2BIG when len >
 * max_len (nothing parsed); -EINVAL for empty input or invalid JSON ("line L
 * column C: ..."); -ENOMEM. Most allocation failures inside jansson's parser read
 * as invalid JSON: jansson does not tell the two apart. */
int jsonutil_parse(const void *data, size_t len, size_t max_len, json_t **out,
                   struct jsonutil_err *e);

/* jsonutil_parse() and the top level must be an object. */
int jsonutil_parse_object(const void *data, size_t len, size_t max_len, json_t **out,
                          struct jsonutil_err *e);

/* -EINVAL naming the first key of obj that is not in allowed (NULL-terminated);
 * -EINVAL too when obj is not an object. */
int jsonutil_check_fields(const json_t *obj, const char *const *allowed, struct jsonutil_err *e);

int jsonutil_get_string(const json_t *obj, const char *key, unsigned flags, size_t max_len,
                        const char **out, struct jsonutil_err *e);
int jsonutil_get_int(const json_t *obj, const char *key, unsigned flags, int64_t min, int64_t max,
                     int64_t *out, struct jsonutil_err *e);
/* Integers and reals; finite, within [min, max]. */
int jsonutil_get_number(const json_t *obj, const char *key, unsigned flags, double min, double max,
                        double *out, struct jsonutil_err *e);
int jsonutil_get_bool(const json_t *obj, const char *key, unsigned flags, bool *out,
                      struct jsonutil_err *e);
/* A string that is a valid id (jsonutil_id_valid). */
int jsonutil_get_id(const json_t *obj, const char *key, unsigned flags, const char **out,
                    struct jsonutil_err *e);
int jsonutil_get_object(const json_t *obj, const char *key, unsigned flags, json_t **out,
                        struct jsonutil_err *e);
/* An array of at most max_items elements. */
int jsonutil_get_array(const json_t *obj, const char *key, unsigned flags, size_t max_items,
                       json_t **out, struct jsonutil_err *e);

/* [a-z0-9][a-z0-9_.-]{0,62}: tenant, unit, product, device and key ids. */
bool jsonutil_id_valid(const char *s);

/* Append the serialisation of j (jansson dump flags, e.g. JSON_COMPACT) to out.
 * 0, -ENOMEM, or -EINVAL when jansson refuses (a scalar without JSON_ENCODE_ANY, a
 * cycle, or its own allocation failing); out unchanged on failure. */
int jsonutil_dump(const json_t *j, size_t flags, struct buf *out);

#endif
