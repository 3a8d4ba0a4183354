/* config_apply — typed option values: from flag text or JSON, range checks, and
 * storing into the option's target (see config_internal.h). */
#include "platform/config_internal.h"
#include "platform/mem.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static void list_free(struct config_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        mem_free(l->items[i]);
    mem_free(l->items);
    l->items = NULL;
    l->count = 0;
}

void config_value_free(const struct config_option *o, union config_value *v)
{
    if (o->type == CONFIG_STRING) {
        mem_free(v->str);
        v->str = NULL;
    } else if (o->type == CONFIG_LIST) {
        list_free(&v->list);
    }
}

/* Append a copy of s[0..n) to l (whose items array has room). */
static int list_push(struct config_list *l, const char *s, size_t n)
{
    char *item = mem_strndup(s, n);
    if (!item)
        return -ENOMEM;
    l->items[l->count++] = item;
    return 0;
}

/* An empty list with room for count items (none allocated for 0). */
static int list_alloc(struct config_list *l, size_t count, char *err)
{
    l->items = NULL;
    l->count = 0;
    if (count > CONFIG_MAX_LIST) {
        snprintf(err, CONFIG_ERR_MAX, "more than %d items", CONFIG_MAX_LIST);
        return -EINVAL;
    }
    if (count && !(l->items = mem_calloc(count + 1, sizeof(char *))))
        return -ENOMEM;
    return 0;
}

/* "a, b,c" -> [a, b, c]; "" -> []. */
static int list_from_text(const char *text, struct config_list *l, char *err)
{
    size_t count = *text ? 1 : 0;
    for (const char *p = text; *p; p++)
        count += *p == ',';
    int rc = list_alloc(l, count, err);
    if (rc != 0 || count == 0)
        return rc;
    const char *p = text;
    for (size_t i = 0; i < count; i++) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        size_t b = 0;
        while (b < n && (p[b] == ' ' || p[b] == '\t'))
            b++;
        while (n > b && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        if (n == b) {
            snprintf(err, CONFIG_ERR_MAX, "empty item in list \"%.64s\"", text);
            list_free(l);
            return -EINVAL;
        }
        if (list_push(l, p + b, n - b) != 0) {
            list_free(l);
            return -ENOMEM;
        }
        p = end ? end + 1 : p + n;
    }
    return 0;
}

static int list_from_json(const json_t *j, struct config_list *l, char *err)
{
    size_t count = json_array_size(j);
    int rc = list_alloc(l, count, err);
    if (rc != 0 || count == 0)
        return rc;
    for (size_t i = 0; i < count; i++) {
        const json_t *item = json_array_get(j, i);
        if (!json_is_string(item) || json_string_length(item) == 0) {
            snprintf(err, CONFIG_ERR_MAX, "item %zu must be a non-empty string", i);
            list_free(l);
            return -EINVAL;
        }
        if (list_push(l, json_string_value(item), json_string_length(item)) != 0) {
            list_free(l);
            return -ENOMEM;
        }
    }
    return 0;
}

/* Write n as the largest exact unit: 1024 -> "1k", 1536 -> "1536"; 60000 ms -> "1m". */
static void format_scaled(const struct config_option *o, uint64_t n, char *out, size_t size)
{
    static const char *const size_units[] = {"t", "g", "m", "k"};
    static const uint64_t size_mult[] = {1ull << 40, 1ull << 30, 1ull << 20, 1ull << 10};
    static const char *const dur_units[] = {"h", "m", "s", "ms"};
    static const uint64_t dur_mult[] = {3600000, 60000, 1000, 1};
    int dur = o->type == CONFIG_DURATION;
    for (size_t i = 0; n && i < 4; i++) {
        uint64_t m = dur ? dur_mult[i] : size_mult[i];
        if (n % m == 0) {
            snprintf(out, size, "%" PRIu64 "%s", n / m, dur ? dur_units[i] : size_units[i]);
            return;
        }
    }
    snprintf(out, size, "%" PRIu64 "%s", n, dur ? "ms" : "");
}

static int check_range(const struct config_option *o, const union config_value *v, char *err)
{
    if (o->min >= o->max)
        return 0;
    if (o->type == CONFIG_INT) {
        if (v->i >= o->min && v->i <= o->max)
            return 0;
        snprintf(err, CONFIG_ERR_MAX, "%" PRId64 " is out of range %" PRId64 "..%" PRId64, v->i,
                 o->min, o->max);
        return -EINVAL;
    }
    if (o->type != CONFIG_SIZE && o->type != CONFIG_DURATION)
        return 0;
    uint64_t lo = o->min < 0 ? 0 : (uint64_t)o->min, hi = o->max < 0 ? 0 : (uint64_t)o->max;
    if (v->u >= lo && v->u <= hi)
        return 0;
    char a[32], b[32], c[32];
    format_scaled(o, v->u, a, sizeof(a));
    format_scaled(o, lo, b, sizeof(b));
    format_scaled(o, hi, c, sizeof(c));
    snprintf(err, CONFIG_ERR_MAX, "%s is out of range %s..%s", a, b, c);
    return -EINVAL;
}

static int enum_from_text(const struct config_option *o, const char *text, int *idx, char *err)
{
    for (int i = 0; o->choices[i]; i++) {
        if (strcmp(o->choices[i], text) == 0) {
            *idx = i;
            return 0;
        }
    }
    int n = snprintf(err, CONFIG_ERR_MAX, "\"%.64s\" is not one of:", text);
    for (int i = 0; o->choices[i] && n > 0 && n < CONFIG_ERR_MAX; i++)
        n += snprintf(err + n, (size_t)(CONFIG_ERR_MAX - n), "%s %s", i ? "," : "", o->choices[i]);
    return -EINVAL;
}

/* The detail for a text value a parser refused with rc. */
static int bad_text(const char *text, int rc, const char *what, char *err)
{
    if (rc == -ERANGE)
        snprintf(err, CONFIG_ERR_MAX, "\"%.64s\" is too large", text);
    else
        snprintf(err, CONFIG_ERR_MAX, "\"%.64s\" is not %s", text, what);
    return -EINVAL;
}

static int number_from_text(const struct config_option *o, const char *text, union config_value *v,
                            char *err)
{
    int rc;
    if (o->type == CONFIG_INT) {
        if ((rc = config_parse_int(text, &v->i)) != 0)
            return bad_text(text, rc, "an integer", err);
    } else if (o->type == CONFIG_SIZE) {
        if ((rc = config_parse_size(text, &v->u)) != 0)
            return bad_text(text, rc, "a size (such as 512, 64k, 10M)", err);
    } else if ((rc = config_parse_duration(text, &v->u)) != 0) {
        return bad_text(text, rc, "a duration (such as 500ms, 3s, 2m)", err);
    }
    return check_range(o, v, err);
}

int config_value_from_text(const struct config_option *o, const char *text, union config_value *v,
                           char *err)
{
    memset(v, 0, sizeof(*v));
    switch (o->type) {
    case CONFIG_STRING:
        v->str = mem_strdup(text);
        return v->str ? 0 : -ENOMEM;
    case CONFIG_BOOL:
        if (!text) {
            v->b = true;
            return 0;
        }
        if (config_parse_bool(text, &v->b) != 0)
            return bad_text(text, -EINVAL, "a boolean (true or false)", err);
        return 0;
    case CONFIG_LIST:
        return list_from_text(text, &v->list, err);
    case CONFIG_ENUM:
        return enum_from_text(o, text, &v->idx, err);
    case CONFIG_INT:
    case CONFIG_SIZE:
    case CONFIG_DURATION:
        return number_from_text(o, text, v, err);
    }
    return -EINVAL;
}

static int wrong_json(char *err, const char *what)
{
    snprintf(err, CONFIG_ERR_MAX, "must be %s", what);
    return -EINVAL;
}

int config_value_from_json(const struct config_option *o, const json_t *j, union config_value *v,
                           char *err)
{
    memset(v, 0, sizeof(*v));
    switch (o->type) {
    case CONFIG_STRING:
        return json_is_string(j) ? config_value_from_text(o, json_string_value(j), v, err)
                                 : wrong_json(err, "a string");
    case CONFIG_BOOL:
        if (!json_is_boolean(j))
            return wrong_json(err, "true or false");
        v->b = json_is_true(j);
        return 0;
    case CONFIG_INT:
        if (!json_is_integer(j))
            return wrong_json(err, "an integer");
        v->i = json_integer_value(j);
        return check_range(o, v, err);
    case CONFIG_SIZE:
        if (json_is_integer(j) && json_integer_value(j) >= 0) {
            v->u = (uint64_t)json_integer_value(j);
            return check_range(o, v, err);
        }
        return json_is_string(j) ? number_from_text(o, json_string_value(j), v, err)
                                 : wrong_json(err, "a size: bytes or a string such as \"64k\"");
    case CONFIG_DURATION:
        return json_is_string(j) ? number_from_text(o, json_string_value(j), v, err)
                                 : wrong_json(err, "a duration string such as \"3s\"");
    case CONFIG_LIST:
        if (json_is_array(j))
            return list_from_json(j, &v->list, err);
        return json_is_string(j) ? list_from_text(json_string_value(j), &v->list, err)
                                 : wrong_json(err, "an array of strings");
    case CONFIG_ENUM:
        return json_is_string(j) ? enum_from_text(o, json_string_value(j), &v->idx, err)
                                 : wrong_json(err, "a string");
    }
    return -EINVAL;
}

static int list_append(struct config_list *l, union config_value *v, char *err)
{
    struct config_list *add = &v->list;
    if (add->count > CONFIG_MAX_LIST - l->count) {
        snprintf(err, CONFIG_ERR_MAX, "more than %d items", CONFIG_MAX_LIST);
        list_free(add);
        return -EINVAL;
    }
    char **items = mem_realloc(l->items, (l->count + add->count + 1) * sizeof(char *));
    if (!items) {
        list_free(add);
        return -ENOMEM;
    }
    if (add->count)
        memcpy(items + l->count, add->items, add->count * sizeof(char *));
    l->items = items;
    l->count += add->count;
    l->items[l->count] = NULL;
    mem_free(add->items);
    add->items = NULL;
    add->count = 0;
    return 0;
}

int config_value_store(const struct config_option *o, union config_value *v, bool append, char *err)
{
    switch (o->type) {
    case CONFIG_STRING:
        mem_free(*(char **)o->target);
        *(char **)o->target = v->str;
        v->str = NULL;
        break;
    case CONFIG_INT:
        *(int64_t *)o->target = v->i;
        break;
    case CONFIG_BOOL:
        *(bool *)o->target = v->b;
        break;
    case CONFIG_SIZE:
    case CONFIG_DURATION:
        *(uint64_t *)o->target = v->u;
        break;
    case CONFIG_ENUM:
        *(int *)o->target = v->idx;
        break;
    case CONFIG_LIST:
        if (append && ((struct config_list *)o->target)->count)
            return list_append(o->target, v, err);
        list_free(o->target);
        *(struct config_list *)o->target = v->list;
        v->list.items = NULL;
        v->list.count = 0;
        break;
    }
    return 0;
}
