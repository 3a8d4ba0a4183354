/* jsonutil — strict request parsing and dumping with jansson (see jsonutil.h). */
#include "platform/jsonutil.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

__attribute__((format(printf, 2, 3))) static int fail(struct jsonutil_err *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
    va_end(ap);
    return -EINVAL;
}

int jsonutil_parse(const void *data, size_t len, size_t max_len, json_t **out,
                   struct jsonutil_err *e)
{
    if (len > max_len) {
        snprintf(e->msg, sizeof(e->msg), "body is %zu bytes, over the limit of %zu", len, max_len);
        return -E2BIG;
    }
    if (len == 0)
        return fail(e, "empty input, a JSON document was expected");
    json_error_t jerr;
    json_t *j = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!j && json_error_code(&jerr) == json_error_out_of_memory) {
        snprintf(e->msg, sizeof(e->msg), "out of memory");
        return -ENOMEM;
    }
    if (!j)
        return fail(e, "invalid JSON at line %d column %d: %s", jerr.line, jerr.column, jerr.text);
    *out = j;
    return 0;
}

int jsonutil_parse_object(const void *data, size_t len, size_t max_len, json_t **out,
                          struct jsonutil_err *e)
{
    json_t *j;
    int rc = jsonutil_parse(data, len, max_len, &j, e);
    if (rc != 0)
        return rc;
    if (!json_is_object(j)) {
        json_decref(j);
        return fail(e, "a JSON object was expected");
    }
    *out = j;
    return 0;
}

int jsonutil_check_fields(const json_t *obj, const char *const *allowed, struct jsonutil_err *e)
{
    if (!json_is_object(obj))
        return fail(e, "a JSON object was expected");
    const char *key;
    const json_t *val;
    json_object_foreach((json_t *)obj, key, val)
    {
        size_t i = 0;
        while (allowed[i] && strcmp(allowed[i], key) != 0)
            i++;
        if (!allowed[i])
            return fail(e, "unknown field \"%.64s\"", key);
    }
    return 0;
}

/* The value of key, or NULL with rc set: JSONUTIL_ABSENT or -EINVAL (required). */
static const json_t *field(const json_t *obj, const char *key, unsigned flags, int *rc,
                           struct jsonutil_err *e)
{
    const json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    if (v)
        return v;
    *rc = (flags & JSONUTIL_REQUIRED) ? fail(e, "field \"%s\" is required", key) : JSONUTIL_ABSENT;
    return NULL;
}

static int wrong(struct jsonutil_err *e, const char *key, const char *what)
{
    return fail(e, "field \"%s\" must be %s", key, what);
}

int jsonutil_get_string(const json_t *obj, const char *key, unsigned flags, size_t max_len,
                        const char **out, struct jsonutil_err *e)
{
    int rc;
    const json_t *v = field(obj, key, flags, &rc, e);
    if (!v)
        return rc;
    if (!json_is_string(v))
        return wrong(e, key, "a string");
    size_t n = json_string_length(v);
    if (n == 0 && (flags & JSONUTIL_NONEMPTY))
        return wrong(e, key, "a non-empty string");
    if (n > max_len)
        return fail(e, "field \"%s\" must be at most %zu bytes long", key, max_len);
    *out = json_string_value(v);
    return 0;
}

int jsonutil_get_int(const json_t *obj, const char *key, unsigned flags, int64_t min, int64_t max,
                     int64_t *out, struct jsonutil_err *e)
{
    int rc;
    const json_t *v = field(obj, key, flags, &rc, e);
    if (!v)
        return rc;
    int64_t n = json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
    if (!json_is_integer(v) || n < min || n > max)
        return fail(e, "field \"%s\" must be an integer between %" PRId64 " and %" PRId64, key, min,
                    max);
    *out = n;
    return 0;
}

int jsonutil_get_number(const json_t *obj, const char *key, unsigned flags, double min, double max,
                        double *out, struct jsonutil_err *e)
{
    int rc;
    const json_t *v = field(obj, key, flags, &rc, e);
    if (!v)
        return rc;
    double d = json_is_number(v) ? json_number_value(v) : NAN;
    if (!isfinite(d) || d < min || d > max)
        return fail(e, "field \"%s\" must be a number between %g and %g", key, min, max);
    *out = d;
    return 0;
}

int jsonutil_get_bool(const json_t *obj, const char *key, unsigned flags, bool *out,
                      struct jsonutil_err *e)
{
    int rc;
    const json_t *v = field(obj, key, flags, &rc, e);
    if (!v)
        return rc;
    if (!json_is_boolean(v))
        return wrong(e, key, "true or false");
    *out = json_is_true(v);
    return 0;
}

bool jsonutil_id_valid(const char *s)
{
    size_t n = strnlen(s, JSONUTIL_ID_MAX + 1);
    if (n == 0 || n > JSONUTIL_ID_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  (i > 0 && (c == '-' || c == '_' || c == '.'));
        if (!ok)
            return false;
    }
    return true;
}

int jsonutil_get_id(const json_t *obj, const char *key, unsigned flags, const char **out,
                    struct jsonutil_err *e)
{
    const char *s;
    int rc = jsonutil_get_string(obj, key, flags, SIZE_MAX, &s, e);
    if (rc != 0)
        return rc;
    if (!jsonutil_id_valid(s) || strlen(s) != json_string_length(json_object_get(obj, key)))
        return wrong(e, key,
                     "an id: 1 to 63 of a-z, 0-9, '-', '_', '.', starting with a letter or digit");
    *out = s;
    return 0;
}

int jsonutil_get_object(const json_t *obj, const char *key, unsigned flags, json_t **out,
                        struct jsonutil_err *e)
{
    int rc;
    const json_t *v = field(obj, key, flags, &rc, e);
    if (!v)
        return rc;
    if (!json_is_object(v))
        return wrong(e, key, "an object");
    *out = (json_t *)v;
    return 0;
}

int jsonutil_get_array(const json_t *obj, const char *key, unsigned flags, size_t max_items,
                       json_t **out, struct jsonutil_err *e)
{
    int rc;
    const json_t *v = field(obj, key, flags, &rc, e);
    if (!v)
        return rc;
    if (!json_is_array(v))
        return wrong(e, key, "an array");
    if (json_array_size(v) > max_items)
        return fail(e, "field \"%s\" must have at most %zu items", key, max_items);
    *out = (json_t *)v;
    return 0;
}

struct dump_ctx {
    struct buf *out;
    int failed;
};

static int dump_cb(const char *buffer, size_t size, void *data)
{
    struct dump_ctx *ctx = data;
    ctx->failed = buf_append(ctx->out, buffer, size) != 0;
    return ctx->failed ? -1 : 0;
}

int jsonutil_dump(const json_t *j, size_t flags, struct buf *out)
{
    struct dump_ctx ctx = {out, 0};
    size_t start = out->len;
    if (!j)
        return -EINVAL;
    if (json_dump_callback(j, dump_cb, &ctx, flags) != 0) {
        out->len = start;
        return ctx.failed ? -ENOMEM : -EINVAL;
    }
    return 0;
}
